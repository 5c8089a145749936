/** What a redacted value prints as. */
export const REDACTED = '***';

/**
 * A deep copy of `value` with every member named in `sensitive` replaced by
 * {@link REDACTED}, for logs, error messages and `toJSON`.
 *
 * @example redact({ User: { DisplayName: 'Jane' } }, ['DisplayName']) // { User: { DisplayName: '***' } }
 */
export function redact(value: unknown, sensitive: readonly string[], depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, sensitive, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = sensitive.includes(key) && child !== undefined ? REDACTED : redact(child, sensitive, depth + 1);
  }
  return out;
}
