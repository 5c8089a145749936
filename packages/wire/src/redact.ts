/** What a redacted value prints as. */
export const REDACTED = '***';

/**
 * A deep copy of `value` with every member named in `sensitive` replaced by
 * {@link REDACTED}, at any depth, for logs, error messages and `toJSON`.
 * Iterative (no depth limit, no stack overflow), cycle-safe (a cycle stays a
 * cycle), and keys are defined, never assigned, so a `__proto__` member stays
 * an ordinary key rather than becoming the copy's prototype.
 *
 * @example redact({ User: { DisplayName: 'Jane' } }, ['DisplayName']) // { User: { DisplayName: '***' } }
 */
export function redact(value: unknown, sensitive: readonly string[]): unknown {
  const copies = new Map<object, object>();
  const pending: [from: Record<string, unknown>, to: object][] = [];
  const copy = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || node instanceof Date) return node;
    let out = copies.get(node);
    if (!out) {
      out = Array.isArray(node) ? [] : {};
      copies.set(node, out);
      pending.push([node as Record<string, unknown>, out]);
    }
    return out;
  };
  const root = copy(value);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [from, to] = next;
    for (const key in from) {
      const child = from[key];
      Object.defineProperty(to, key, {
        value: sensitive.includes(key) && child !== undefined ? REDACTED : copy(child),
        enumerable: true,
      });
    }
  }
  return root;
}
