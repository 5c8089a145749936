/**
 * Deterministic data for responses the spec has no example for: a seeded
 * generator (no global random state) over the output's JSON Schema that keeps
 * to its enums, patterns, formats and required members.
 */
import {
  type CharSet,
  compilePattern,
  linearRegExp,
  OP_CHAR,
  OP_END,
  OP_JUMP,
  OP_MATCH,
  OP_SPLIT,
  OP_START,
} from '@chime-api/validation';
import { timestampToWire } from '@chime-api/wire';

export interface SchemaLite {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, SchemaLite>;
  required?: string[];
  items?: SchemaLite;
  [keyword: string]: unknown;
}

/** FNV-1a over a string: a 32-bit seed. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deep copy of a JSON value (several times faster than structuredClone for these). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty: a member named __proto__ stays data
    Object.defineProperty(out, key, {
      value: cloneJson((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

/** JSON with sorted keys: the same value always prints the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/** A request id shaped like the service's (a UUID), derived from the seed text. */
export function requestIdFor(text: string): string {
  const hex = [0, 1, 2, 3].map((i) => hash(`${i}:${text}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const hex = (random: () => number, length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

function stringFor(schema: SchemaLite, name: string, random: () => number, referenceDate: Date): string {
  if (schema.format === 'date-time' || schema.format === 'date') {
    const days = Math.floor(random() * 365);
    const date = new Date(referenceDate.getTime() - days * 86_400_000).toISOString();
    return schema.format === 'date' ? date.slice(0, 10) : date.replace(/\.\d{3}Z$/, 'Z');
  }
  const id = hex(random, 8);
  // the formats the validators check (@chime-api/validation's formats.ts), each a value of its own
  if (schema.format === 'uuid')
    return `${id}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`;
  if (schema.format === 'email') return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'user'}-${id}@example.com`;
  if (schema.format === 'uri') return `https://example.com/${id}`;
  const digits = String(Math.floor(random() * 1e7)).padStart(7, '0');
  const candidates = [
    // printable ASCII of the name only: the value may travel as a header (a name is any text the spec wrote)
    `${name.toLowerCase().replace(/[^ -~]+/g, '')}-${id}`,
    `user-${id}@example.com`,
    `+1206${digits}`,
    id,
    digits,
    `A${id}`,
    `arn:aws:chime::${digits}:resource/${id}`,
    `${id}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`, // a UUID
    'US', // a country code
  ];
  if (!schema.pattern) return candidates[0] as string;
  const pattern = linearRegExp(schema.pattern);
  const fit = candidates.find(
    (c) =>
      pattern.test(c) &&
      (schema.minLength === undefined || c.length >= schema.minLength) &&
      (schema.maxLength === undefined || c.length <= schema.maxLength),
  );
  if (fit !== undefined) return fit;
  const made = fromProgram(schema.pattern, schema.minLength ?? 0, schema.maxLength ?? 256, random);
  if (made === undefined) {
    throw new Error(
      `@chime-api/mocks cannot make up a value for ${name} matching /${schema.pattern}/; add a named example for this response to the spec.`,
    );
  }
  return made;
}

/** Characters a made-up value prefers, where the pattern allows them. */
const NICE = [...'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.'].map(
  (c) => c.codePointAt(0) as number,
);

const inSet = (set: CharSet, code: number) => {
  for (let i = 0; i < set.length; i += 2) if (code >= (set[i] as number) && code <= (set[i + 1] as number)) return true;
  return false;
};

/**
 * A string `pattern` matches, of a length in [min, max], made by
 * walking the pattern's Thompson NFA (validation's `compilePattern`) one
 * character at a time, breadth first: the shortest such string, its
 * characters picked among readable ones at random. Undefined when there is none.
 */
function fromProgram(pattern: string, min: number, max: number, random: () => number): string | undefined {
  let compiled: ReturnType<typeof compilePattern>;
  try {
    compiled = compilePattern(pattern);
  } catch {
    return undefined;
  }
  const { program, sets } = compiled;
  // the states reachable from `pcs` without reading, at position `at`; `end`: may the string end here
  const closure = (pcs: Iterable<number>, at: number) => {
    const out = new Set<number>();
    const stack = [...pcs];
    let accepts = false;
    // a match reached without `$`: a pattern is unanchored, so any characters may follow it
    let free = false;
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (out.has(pc)) continue;
      out.add(pc);
      const op = program[pc];
      if (!op) continue;
      if (op[0] === OP_SPLIT) stack.push(op[1], op[2]);
      else if (op[0] === OP_JUMP) stack.push(op[1]);
      else if (op[0] === OP_START && at === 0) stack.push(pc + 1);
      else if (op[0] === OP_END)
        stack.push(-(pc + 1)); // `$`: only if the string ends here
      else if (op[0] === OP_MATCH) {
        accepts = true;
        free = true;
      }
    }
    // past a `$`: accepting only when the string ends (a match right after it)
    for (const pc of [...out].filter((p) => p < 0)) {
      const after = closure([-pc], at);
      if (after.accepts) accepts = true;
    }
    return { states: [...out].filter((p) => p >= 0), accepts, free };
  };
  // characters still needed from each state to accept (a `$` counts only right before the match)
  const need = program.map(() => Number.POSITIVE_INFINITY);
  for (let changed = true; changed; ) {
    changed = false;
    program.forEach((op, pc) => {
      const next = (to: number) => need[to] ?? Number.POSITIVE_INFINITY;
      const value =
        op[0] === OP_CHAR
          ? 1 + next(pc + 1)
          : op[0] === OP_SPLIT
            ? Math.min(next(op[1]), next(op[2]))
            : op[0] === OP_JUMP
              ? next(op[1])
              : op[0] === OP_START
                ? next(pc + 1)
                : op[0] === OP_END
                  ? next(pc + 1) === 0
                    ? 0
                    : Number.POSITIVE_INFINITY
                  : 0;
      if (value < (need[pc] as number)) {
        need[pc] = value;
        changed = true;
      }
    });
  }
  let layer = closure([0], 0);
  const text: number[] = [];
  for (let length = 0; length <= max; length++) {
    if (layer.accepts && length >= min) return String.fromCodePoint(...text);
    if (layer.free && min <= max) {
      while (text.length < min) text.push(NICE[Math.floor(random() * 26)] as number);
      return String.fromCodePoint(...text);
    }
    const reading = layer.states.filter((pc) => program[pc]?.[0] === OP_CHAR && Number.isFinite(need[pc] as number));
    if (reading.length === 0) return undefined;
    // long enough: head for the match by the shortest way; else any character that keeps a match possible
    const nearest = Math.min(...reading.map((pc) => need[pc] as number));
    const toward = length >= min ? reading.filter((pc) => need[pc] === nearest) : reading;
    const setsOf = (pcs: number[]) => pcs.map((pc) => sets[(program[pc] as [typeof OP_CHAR, number])[1]] as CharSet);
    const allowed = setsOf(toward);
    const candidates = NICE.filter((code) => allowed.some((set) => inSet(set, code)));
    const code =
      candidates.length > 0
        ? (candidates[Math.floor(random() * candidates.length)] as number)
        : ((allowed[0] as CharSet)[0] as number);
    text.push(code);
    layer = closure(
      reading
        .filter((pc) => inSet(sets[(program[pc] as [typeof OP_CHAR, number])[1]] as CharSet, code))
        .map((pc) => pc + 1),
      length + 1,
    );
  }
  return undefined;
}

/** Schemas an `allOf` (or a union's variant and its parent) joins: properties and `required` united, the rest from the last that says. */
function mergeSchemas(parts: SchemaLite[]): SchemaLite {
  const merged: SchemaLite = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...merged.properties, ...(value as SchemaLite['properties']) };
      else if (key === 'required') merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      else merged[key] = value;
    }
  }
  return merged;
}

/** A value valid against `schema`, the same for the same `random` sequence. */
export function synthesize(
  schema: SchemaLite,
  random: () => number,
  referenceDate: Date,
  name = 'value',
  depth = 0,
): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return cloneJson(schema.default);
  if (schema.enum && schema.enum.length > 0) return schema.enum[Math.floor(random() * schema.enum.length)];
  // a union: its first variant (a discriminator's value is the variant's own const), merged over the rest of the schema
  const variants = [schema.oneOf, schema.anyOf].find((v): v is SchemaLite[] => Array.isArray(v) && v.length > 0);
  if (variants) {
    const { oneOf: _one, anyOf: _any, ...rest } = schema;
    return synthesize(mergeSchemas([rest, variants[0] as SchemaLite]), random, referenceDate, name, depth);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const { allOf, ...rest } = schema;
    return synthesize(mergeSchemas([rest, ...(allOf as SchemaLite[])]), random, referenceDate, name, depth);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.properties || type === 'object') {
    const out: Record<string, unknown> = {};
    if (depth > 8) return out;
    const required = new Set(schema.required ?? []);
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      // a writeOnly member is never in a response; below the depth limit, optional members stop (recursive schemas end)
      if (child.writeOnly === true || (depth > 4 && !required.has(key))) continue;
      out[key] = synthesize(child, random, referenceDate, key, depth + 1);
    }
    return out;
  }
  switch (type) {
    case 'string':
      return stringFor(schema, name, random, referenceDate);
    case 'boolean':
      return random() < 0.5;
    case 'integer':
    case 'number': {
      if (schema['x-amzn-timestamp-format'] === 'unixTimestamp') {
        // epoch seconds on the wire (a body's default timestamp format), within the year before referenceDate
        return (
          Math.floor(timestampToWire(referenceDate, 'unixTimestamp') as number) - Math.floor(random() * 365) * 86_400
        );
      }
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? min + 1000;
      const n = min + random() * (max - min);
      return type === 'integer' ? Math.floor(n) : n;
    }
    case 'array':
      // `{}` items: a recursive schema's cycle, cut where the mocks inlined it (an empty list is valid whatever it holds)
      if (depth > 8 || !schema.items || Object.keys(schema.items).length === 0) return [];
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () =>
        synthesize(schema.items as SchemaLite, random, referenceDate, name, depth + 1),
      );
    default:
      return null;
  }
}
