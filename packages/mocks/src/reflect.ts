/**
 * Reflection of inputs into answers: the default body (the spec's example, else
 * made-up data) takes the request's own values wherever the output's schema names
 * a member the input also names, as long as they fit the output.
 */
import { canonical, cloneJson, hash, type SchemaLite, seededRandom, synthesize } from './data.js';
import { answersWithBody } from './responses.js';
import type { OperationDefinition } from './types.js';

/**
 * Makes the response reflect the request: wherever the output's schema has a
 * member the input also names (`User.UserId`, `User.LicenseType`), it takes
 * the input's value, at any depth.
 */
export function reflect(
  output: unknown,
  schema: SchemaLite | undefined,
  input: Record<string, unknown>,
  depth = 0,
): void {
  if (depth > 8 || !output || typeof output !== 'object' || !schema) return;
  if (Array.isArray(output)) {
    for (const item of output) reflect(item, schema.items, input, depth + 1);
    return;
  }
  const record = output as Record<string, unknown>;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    // a writeOnly member is sent, never answered
    if (child.writeOnly === true) continue;
    if (Object.hasOwn(input, key) && fitsType(input[key], child)) record[key] = trimTo(cloneJson(input[key]), child);
    else if (record[key] !== undefined) reflect(record[key], child, input, depth + 1);
  }
}

/** True when `value` has the JSON type `schema` names (and is among its enum): a request value the output can take. */
export function fitsType(value: unknown, schema: SchemaLite): boolean {
  if (value === undefined || value === null) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  const types = [schema.type ?? (schema.properties ? 'object' : undefined)].flat();
  if (types[0] === undefined) return false;
  const type = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  return types.some((t) => t === type || (t === 'integer' && Number.isInteger(value)));
}

/** `value` keeping only what `schema` defines (a stored `User` listed as a `UserSummary`). */
export function trimTo(value: unknown, schema: SchemaLite | undefined, depth = 0): unknown {
  if (depth > 8 || !schema || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => trimTo(item, schema.items, depth + 1));
  if (!schema.properties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(schema.properties)) {
    if (Object.hasOwn(value, key)) out[key] = trimTo((value as Record<string, unknown>)[key], child, depth + 1);
  }
  return out;
}

/** The input without the members that never reflect: the paginator's own (NextToken in is not NextToken out). */
export function reflectableOf(def: OperationDefinition) {
  const paginator = def.operation.paginator;
  const notReflected = new Set([paginator?.inputToken, paginator?.limitKey].filter((n) => n !== undefined));
  return (input: Record<string, unknown>) =>
    notReflected.size === 0 ? input : Object.fromEntries(Object.entries(input).filter(([k]) => !notReflected.has(k)));
}

/**
 * The answer before reflection: the spec's example, else data made up from the output
 * schema (the same for the same seed and input); header members made up from their type.
 */
export function defaultBodyOf(def: OperationDefinition, seed: string, referenceDate: Date) {
  const outputHeaders = def.operation.outputHeaders ?? [];
  const hasBody = answersWithBody(def);
  return (input: Record<string, unknown>): Record<string, unknown> => {
    const random = seededRandom(hash(`${seed}|${def.name}|${canonical(input)}`));
    let body: unknown = cloneJson(def.example);
    if ((body === null || body === undefined) && hasBody)
      body = synthesize(def.outputSchema, random, referenceDate, def.name);
    const out = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    for (const h of outputHeaders) {
      if (out[h.name] === undefined)
        out[h.name] = synthesize({ type: h.type ?? 'string' }, random, referenceDate, h.name);
    }
    return out;
  };
}

/**
 * `body` reflecting `input`; when a request value the output's constraints refuse (a pattern,
 * a shape) made it invalid, a fresh body from `again` unreflected: the answer stays valid.
 */
export function reflected(
  def: OperationDefinition,
  body: Record<string, unknown>,
  input: Record<string, unknown>,
  valid: (body: unknown) => boolean,
  again: () => Record<string, unknown>,
): Record<string, unknown> {
  reflect(body, def.outputSchema, input);
  return valid(body) ? body : again();
}
