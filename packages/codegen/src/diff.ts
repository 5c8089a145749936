import { resolveRef, schemaNameOf } from './kit/schema.js';
import type { LoadedSpec } from './load.js';
import type { Operation } from './operations.js';
import type { JsonSchema, OpenApiDocument } from './types.js';

/** One difference between two versions of the spec, and what it means for consumers. */
export interface SpecChange {
  /** `major`: breaks an existing consumer; `minor`: adds something; `patch`: neither. */
  level: 'major' | 'minor' | 'patch';
  /** Where: `UpdateUser input LicenseType`, `UpdateUser 200 User.RegisteredOn`. */
  where: string;
  message: string;
}

type Level = SpecChange['level'];

/**
 * Which way data flows through a schema. Consumers send `input` (so narrowing
 * it breaks them) and read `output` (so widening it breaks them: code that
 * switches over an enum, or validates responses, meets values it never knew).
 */
type Direction = 'input' | 'output';

/** `major` when a change breaks consumers in this direction: narrowed input, widened output. */
const breaks = (direction: Direction, widened: boolean): Level =>
  widened === (direction === 'output') ? 'major' : 'minor';

const show = (value: unknown) => JSON.stringify(value);
const list = (values: unknown[]) => values.map(show).join(', ');
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What a missing or `true` subschema allows (anything), and what `false` allows (nothing). */
const ANY: JsonSchema = Object.freeze({});
const NONE: JsonSchema = Object.freeze({ not: {} });

/** Keys beside a `$ref` that no consumer sees: with only these, the target is read alone. */
const ANNOTATIONS = new Set(['description', 'title', 'summary', 'example', 'examples', '$comment']);
const annotates = (key: string) => ANNOTATIONS.has(key) || (key.startsWith('x-') && key !== 'x-amzn-timestamp-format');

/** `allOf` parts merged into one schema: properties and `required` united, the rest taken from the last part that says. */
function merge(parts: JsonSchema[]): JsonSchema {
  const merged: JsonSchema = {};
  for (const part of parts) {
    if (part === NONE) return NONE;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...merged.properties, ...(value as JsonSchema['properties']) };
      else if (key === 'required') merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      else merged[key] = value;
    }
  }
  return merged;
}

/**
 * One version of the spec, read lazily from its bundled document (component
 * `$ref`s kept): each schema node is resolved once (`$ref` followed, `allOf`
 * merged) and the same node always gives the same object, so a schema shared
 * by many members, or one that refers to itself, is recognised when met again.
 */
class Version {
  private readonly views = new WeakMap<object, JsonSchema>();
  private readonly typeSets = new WeakMap<JsonSchema, string[]>();

  constructor(private readonly doc: OpenApiDocument) {}

  /** {@link typesOf} a view, once. */
  types(view: JsonSchema): string[] {
    const known = this.typeSets.get(view);
    if (known) return known;
    const types = typesOf(this, view);
    this.typeSets.set(view, types);
    return types;
  }

  view(node: unknown): JsonSchema {
    if (node === false) return NONE;
    if (!node || typeof node !== 'object' || Array.isArray(node)) return ANY;
    const known = this.views.get(node);
    if (known) return known;
    this.views.set(node, ANY); // a `$ref` or `allOf` that leads back to itself adds nothing
    const view = this.resolve(node as JsonSchema);
    this.views.set(node, view);
    return view;
  }

  private resolve(node: JsonSchema): JsonSchema {
    const { $ref, allOf, ...own } = node;
    const parts = Array.isArray(allOf) ? (allOf as unknown[]).map((part) => this.view(part)) : [];
    if (typeof $ref === 'string') {
      const target = resolveRef(this.doc, { $ref });
      const resolved = target && typeof target.$ref !== 'string' ? this.view(target) : ANY;
      if (parts.length === 0 && Object.keys(own).every(annotates)) return resolved;
      parts.unshift(resolved);
    } else if (parts.length === 0) {
      return node;
    }
    return merge([...parts, own]);
  }
}

const JSON_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The `oneOf` and `anyOf` variants of a schema, as written. */
const variantsOf = (schema: JsonSchema) =>
  [schema.oneOf, schema.anyOf].flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : []));

/** The JSON types a schema allows (`number` includes `integer`), sorted; all of them when it does not say. */
function typesOf(version: Version, schema: JsonSchema, seen = new Set<JsonSchema>()): string[] {
  if (schema === NONE) return [];
  let types: string[];
  const variants = variantsOf(schema);
  const values = valuesOf(schema);
  if (Array.isArray(schema.type)) types = schema.type;
  else if (typeof schema.type === 'string') types = [schema.type];
  else if (variants.length > 0 && !seen.has(schema)) {
    seen.add(schema);
    types = variants.flatMap((v) => typesOf(version, version.view(v), seen));
  } else if (schema.properties) types = ['object'];
  else if (schema.items) types = ['array'];
  else if (values) types = values.map(jsonType);
  else types = JSON_TYPES;
  if (schema.nullable === true) types = [...types, 'null'];
  if (types.includes('number')) types = [...types, 'integer'];
  return [...new Set(types)].sort();
}

/** Types as a reader would write them: `any`, `string`, `null|string`. */
function shown(types: string[]): string {
  if (JSON_TYPES.every((t) => types.includes(t))) return 'any';
  return types.filter((t) => t !== 'integer' || !types.includes('number')).join('|') || 'nothing';
}

/** The values an `enum` or `const` allows, when it says. */
function valuesOf(schema: JsonSchema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  return 'const' in schema ? [schema.const] : undefined;
}

/** The timestamp a schema carries: the client's type for it is `Date`, not the wire's string or number. */
function timestampOf(schema: JsonSchema): string | undefined {
  if (schema.format === 'date-time') return 'date-time';
  return schema['x-amzn-timestamp-format'] === 'unixTimestamp' ? 'unixTimestamp' : undefined;
}

/** The client's TypeScript type for a scalar: `Date` for a timestamp, else its JSON type. */
function clientType(schema: JsonSchema, types: string[]): string {
  if (timestampOf(schema)) return 'Date';
  const ts = types.map((t) => (t === 'integer' ? 'number' : t === 'array' ? 'unknown[]' : t));
  return shown(types) === 'any' ? 'unknown' : [...new Set(ts)].join(' | ');
}

/**
 * Numeric bounds, each with the side on which a bigger value allows more:
 * raising a `max*` widens, raising a `min*` narrows.
 */
const BOUNDS = [
  ['minLength', 'length', -1],
  ['maxLength', 'length', 1],
  ['minimum', 'range', -1],
  ['maximum', 'range', 1],
  ['exclusiveMinimum', 'range', -1],
  ['exclusiveMaximum', 'range', 1],
  ['minItems', 'items', -1],
  ['maxItems', 'items', 1],
] as const;

type Meaning = [Level, string?];

/** What a boolean keyword's appearing or going means, in a request and in a response: the level and why. */
const FLAGS: Record<string, Record<Direction, { added: Meaning; removed: Meaning }>> = {
  uniqueItems: {
    input: { added: ['major'], removed: ['minor'] },
    output: { added: ['minor'], removed: ['major'] },
  },
  readOnly: {
    input: { added: ['major', 'callers may no longer send it'], removed: ['minor', 'callers may now send it'] },
    output: { added: ['minor', "the client's type marks it readonly"], removed: ['patch'] },
  },
  writeOnly: {
    input: { added: ['patch', 'nothing changes for a caller'], removed: ['patch', 'nothing changes for a caller'] },
    output: { added: ['major', 'responses no longer carry it'], removed: ['minor', 'responses may now carry it'] },
  },
  deprecated: {
    input: { added: ['patch', "the client's type marks it @deprecated; nothing breaks"], removed: ['patch'] },
    output: { added: ['patch', "the client's type marks it @deprecated; nothing breaks"], removed: ['patch'] },
  },
};

/** Where a pair of schemas was first compared, and the changes that found (`end` unset while it is still being compared). */
interface Visit {
  where: string;
  start: number;
  end?: number;
}

/**
 * One comparison of a schema as a request (`input`: consumers send it) or a
 * response (`output`: consumers read it), member by member. Each pair of
 * schemas is compared once: met again through a cycle it adds nothing (its
 * changes are being listed where it began); met again through another path (a
 * shared sub-schema) it repeats its own changes at the new path, or, when they
 * lie deeper, adds one line pointing at the first path. So the work and the
 * report grow with the size of the spec, not with the number of paths through it.
 */
class Comparison {
  private readonly seen = new Map<JsonSchema, Map<JsonSchema, Visit>>();

  constructor(
    private readonly before: Version,
    private readonly after: Version,
    private readonly direction: Direction,
    private readonly changes: SpecChange[],
  ) {}

  compare(before: unknown, after: unknown, where: string): void {
    this.visit(this.before.view(before), this.after.view(after), where, true);
  }

  private visit(b: JsonSchema, a: JsonSchema, where: string, root: boolean): void {
    if (b === a) return; // both allow anything, or both nothing
    const row = this.seen.get(b) ?? new Map<JsonSchema, Visit>();
    this.seen.set(b, row);
    const earlier = row.get(a);
    if (earlier) {
      this.again(earlier, where);
      return;
    }
    const visit: Visit = { where, start: this.changes.length };
    row.set(a, visit);
    if (this.keywords(b, a, where)) this.members(b, a, where, root);
    visit.end = this.changes.length;
  }

  private again(earlier: Visit, where: string): void {
    if (earlier.end === undefined) return;
    const found = this.changes.slice(earlier.start, earlier.end);
    if (found.length === 0) return;
    if (found.every((c) => c.where === earlier.where)) {
      for (const c of found) this.changes.push({ ...c, where });
      return;
    }
    const level = (['major', 'minor', 'patch'] as const).find((l) => found.some((c) => c.level === l)) ?? 'patch';
    this.changes.push({ level, where, message: `the same changes as ${earlier.where} (a shared schema)` });
  }

  /** The keywords of the schema itself; `false` when its type changed beyond comparing the rest. */
  private keywords(b: JsonSchema, a: JsonSchema, where: string): boolean {
    const d = this.direction;
    const push = (level: Level, message: string) => this.changes.push({ level, where, message });

    const [tb, ta] = [this.before.types(b), this.after.types(a)];
    // Types read off `oneOf`/`anyOf` on both sides: the variants, compared one by one, tell what changed.
    const fromVariants = [b, a].every((s) => s.type === undefined && variantsOf(s).length > 0);
    if (tb.join() !== ta.join() && !fromVariants) {
      const widened = tb.every((t) => ta.includes(t));
      const narrowed = ta.every((t) => tb.includes(t));
      const [from, to] = [shown(tb), shown(ta)];
      if (!widened && !narrowed) {
        push('major', `type changed from ${from} to ${to}`);
        return false;
      }
      const delta = widened ? ta.filter((t) => !tb.includes(t)) : tb.filter((t) => !ta.includes(t));
      if (delta.join() === 'null') {
        const keyword = (b.nullable === true) !== (a.nullable === true) ? 'nullable' : 'type null';
        push(breaks(d, widened), `${keyword} ${widened ? 'added' : 'removed'} (${from} to ${to})`);
      } else {
        push(breaks(d, widened), `type changed from ${from} to ${to}`);
      }
    }

    const [fb, fa] = [b.format, a.format].map((f) => (typeof f === 'string' ? f : undefined));
    const [xb, xa] = [b['x-amzn-timestamp-format'], a['x-amzn-timestamp-format']].map((f) =>
      typeof f === 'string' ? f : undefined,
    );
    const retyped = timestampOf(b) !== timestampOf(a);
    const why = `(the client's type changes from ${clientType(b, tb)} to ${clientType(a, ta)})`;
    if (fb !== fa) {
      const what = fb && fa ? `format changed from ${fb} to ${fa}` : fb ? `format ${fb} removed` : `format ${fa} added`;
      // A timestamp is a `Date` in the client: adding or dropping one retypes the member both ways.
      if (retyped) push('major', `${what} ${why}`);
      else push(fb && fa ? 'major' : breaks(d, !fa), what);
    }
    if (xb !== xa) {
      const what =
        xb && xa
          ? `x-amzn-timestamp-format changed from ${xb} to ${xa}`
          : `x-amzn-timestamp-format ${xb ?? xa} ${xa ? 'added' : 'removed'}`;
      push('major', retyped && fb === fa ? `${what} ${why}` : what);
    }

    const [vb, va] = [valuesOf(b), valuesOf(a)];
    if (!Array.isArray(b.enum) && !Array.isArray(a.enum)) {
      if (vb && va && show(vb[0]) !== show(va[0])) push('major', `const changed from ${list(vb)} to ${list(va)}`);
      else if (vb && !va) push(breaks(d, true), `const ${list(vb)} removed`);
      else if (va && !vb) push(breaks(d, false), `const ${list(va)} added`);
    } else if (vb && va) {
      const [kb, ka] = [new Set(vb.map(show)), new Set(va.map(show))];
      const removed = vb.filter((v) => !ka.has(show(v)));
      const added = va.filter((v) => !kb.has(show(v)));
      // A removed value breaks both ways: senders lose it, and code that names it no longer compiles.
      if (removed.length) push('major', `enum value ${list(removed)} removed`);
      if (added.length) push(breaks(d, true), `enum widened: ${list(added)} added`);
    } else if (vb) {
      push(breaks(d, true), 'enum dropped: any value allowed');
    } else if (va) {
      push(breaks(d, false), `enum introduced: only ${list(va)}`);
    }

    const [pb, pa] = [b.pattern, a.pattern].map((p) => (typeof p === 'string' ? p : undefined));
    if (pb !== pa) {
      if (pb && pa) push('major', `pattern changed from /${pb}/ to /${pa}/`);
      else if (pb) push(breaks(d, true), `pattern /${pb}/ removed`);
      else push(breaks(d, false), `pattern /${pa}/ added`);
    }

    for (const [key, kind, widerWhen] of BOUNDS) {
      const [nb, na] = [num(b[key]), num(a[key])];
      if (nb === na) continue;
      if (nb === undefined) push(breaks(d, false), `${kind} ${key} ${na} added`);
      else if (na === undefined) push(breaks(d, true), `${kind} ${key} ${nb} removed`);
      else push(breaks(d, Math.sign(na - nb) === widerWhen), `${kind} ${key} changed from ${nb} to ${na}`);
    }

    const [mb, ma] = [num(b.multipleOf), num(a.multipleOf)];
    if (mb !== ma) {
      if (mb === undefined) push(breaks(d, false), `multipleOf ${ma} added`);
      else if (ma === undefined) push(breaks(d, true), `multipleOf ${mb} removed`);
      else {
        // 2 → 4 allows fewer values, 4 → 2 more; 2 → 3 neither (some values leave, others come).
        const level = Number.isInteger(ma / mb)
          ? breaks(d, false)
          : Number.isInteger(mb / ma)
            ? breaks(d, true)
            : 'major';
        push(level, `multipleOf changed from ${mb} to ${ma}`);
      }
    }

    const [db, da] = [b, a].map((s) => ('default' in s ? show(s.default) : undefined));
    if (db !== da) {
      // A default is a promise about a member left out: in a request, what the server fills in;
      // in a response, the client (openapi-typescript) types an optional member with a default as always present.
      if (db === undefined) push('minor', `default ${da} added`);
      else if (da === undefined && d === 'input')
        push('major', `default ${db} removed (a caller that leaves the member out no longer gets ${db})`);
      else if (da === undefined)
        push('major', `default ${db} removed (the client's type of an optional member gains undefined)`);
      else if (d === 'input')
        push('major', `default changed from ${db} to ${da} (a caller that leaves the member out gets ${da})`);
      else push('minor', `default changed from ${db} to ${da}`);
    }

    for (const [keyword, meaning] of Object.entries(FLAGS)) {
      if ((b[keyword] === true) === (a[keyword] === true)) continue;
      const change = a[keyword] === true ? 'added' : 'removed';
      const [level, why] = meaning[d][change];
      push(level, `${keyword} ${change}${why ? ` (${why})` : ''}`);
    }
    return true;
  }

  /** Members, additional members, items and `oneOf`/`anyOf` variants. */
  private members(b: JsonSchema, a: JsonSchema, where: string, root: boolean): void {
    const d = this.direction;
    const push = (level: Level, at: string, message: string) => this.changes.push({ level, where: at, message });
    const join = (name: string) => `${where}${root ? ' ' : '.'}${name}`;
    const [bp, ap] = [b.properties ?? {}, a.properties ?? {}];
    const [breq, areq] = [new Set(b.required ?? []), new Set(a.required ?? [])];
    for (const name of Object.keys(bp)) {
      if (!Object.hasOwn(ap, name)) push('major', join(name), 'member removed');
      else this.visit(this.before.view(bp[name]), this.after.view(ap[name]), join(name), false);
    }
    for (const name of Object.keys(ap)) {
      if (Object.hasOwn(bp, name)) continue;
      const required = areq.has(name) && d === 'input';
      push(required ? 'major' : 'minor', join(name), required ? 'new required member' : 'member added');
    }
    for (const name of Object.keys(ap)) {
      if (!Object.hasOwn(bp, name) || breq.has(name) === areq.has(name)) continue;
      if (areq.has(name)) push(breaks(d, false), join(name), 'member became required');
      else push(breaks(d, true), join(name), 'member no longer required');
    }

    const [xb, xa] = [this.before.view(b.additionalProperties), this.after.view(a.additionalProperties)];
    if (xb === NONE && xa !== NONE) {
      push(breaks(d, true), where, 'additionalProperties false removed (other members now allowed)');
    } else if (xa === NONE && xb !== NONE) {
      push(breaks(d, false), where, 'additionalProperties false added (other members no longer allowed)');
    } else {
      this.visit(xb, xa, `${where}{*}`, false);
    }
    this.visit(this.before.view(b.items), this.after.view(a.items), `${where}[]`, false);

    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const [vb, va] = [b[keyword], a[keyword]];
      if (!Array.isArray(vb) || !Array.isArray(va)) continue; // one side only: the types above tell
      const { matched, removed, added } = this.pairVariants(vb, va);
      for (const [i, j] of matched) this.visit(this.before.view(vb[i]), this.after.view(va[j]), `${where}|${i}`, false);
      for (const i of removed)
        push(breaks(d, false), where, `${keyword} variant ${this.label(this.before, vb[i], i)} removed`);
      for (const j of added)
        push(breaks(d, true), where, `${keyword} variant ${this.label(this.after, va[j], j)} added`);
    }
  }

  /** Variants paired by component name, then by type, then in order; the rest were removed or added. */
  private pairVariants(vb: unknown[], va: unknown[]) {
    const matched: [number, number][] = [];
    const left = new Set(vb.keys());
    const right = new Set(va.keys());
    const pairBy = (keyOf: (version: Version, raw: unknown) => string | undefined) => {
      for (const i of left) {
        const k = keyOf(this.before, vb[i]);
        const j = k === undefined ? undefined : [...right].find((j) => keyOf(this.after, va[j]) === k);
        if (j === undefined) continue;
        matched.push([i, j]);
        left.delete(i);
        right.delete(j);
      }
    };
    pairBy((_, raw) => schemaNameOf(raw as JsonSchema));
    pairBy((version, raw) => version.types(version.view(raw)).join());
    const [restB, restA] = [[...left], [...right]];
    for (let n = 0; n < Math.min(restB.length, restA.length); n++)
      matched.push([restB[n] as number, restA[n] as number]);
    return { matched, removed: restB.slice(restA.length), added: restA.slice(restB.length) };
  }

  private label(version: Version, raw: unknown, index: number): string {
    return schemaNameOf(raw as JsonSchema) ?? `${index} (${shown(version.types(version.view(raw)))})`;
  }
}

/** The flat input (path, query, header and body members at one level) as one object schema, refs kept. */
function inputSchema(version: Version, op: Operation): JsonSchema {
  const body = op.body ? version.view(op.body.schema) : ANY;
  const bodyMembers = body.properties ?? {};
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const m of op.members) {
    properties[m.name] = (m.location === 'body' && bodyMembers[m.wireName]) || m.schema;
    if (m.required) required.push(m.name);
  }
  // Members that reach the body through `allOf` are on the wire too.
  for (const [name, schema] of Object.entries(bodyMembers)) {
    if (Object.hasOwn(properties, name)) continue;
    properties[name] = schema;
    if (body.required?.includes(name)) required.push(name);
  }
  return {
    type: 'object',
    required,
    properties,
    ...(body.additionalProperties !== undefined && { additionalProperties: body.additionalProperties }),
  };
}

/**
 * What changed between two loaded specs, most severe first. `major` (breaks a
 * consumer): a removed operation, member, error or enum value; a new required
 * input; a narrowed input or a widened output; a change to the client's
 * TypeScript type (a timestamp's `format` added or removed); a changed status.
 * The README's "spec:diff" table lists every keyword and its verdict. Schemas
 * are compared structurally from the bundled documents, each `$ref` resolved
 * once, `allOf` merged and `oneOf`/`anyOf`, `items` and `additionalProperties`
 * followed; `$ref` cycles end, and a sub-schema shared by many paths is
 * compared once per operation.
 *
 * @example
 * const changes = diffSpecs(await loadSpec(oldPath), await loadSpec());
 * const bump = changes[0]?.level ?? 'patch';
 */
export function diffSpecs(before: LoadedSpec, after: LoadedSpec): SpecChange[] {
  const changes: SpecChange[] = [];
  const [vb, va] = [new Version(before.bundled), new Version(after.bundled)];
  const compare = (b: unknown, a: unknown, where: string, direction: Direction) =>
    new Comparison(vb, va, direction, changes).compare(b, a, where);
  const responses = (b: JsonSchema | undefined, a: JsonSchema | undefined, where: string) => {
    if (b && !a) changes.push({ level: 'major', where, message: 'response body removed' });
    else if (a && !b) changes.push({ level: 'minor', where, message: 'response body added' });
    else compare(b, a, where, 'output');
  };
  const afterOps = new Map(after.operations.map((op) => [op.operationId, op]));
  for (const old of before.operations) {
    const op = afterOps.get(old.operationId);
    if (!op) {
      changes.push({ level: 'major', where: old.operationId, message: 'operation removed' });
      continue;
    }
    if (op.method !== old.method || op.path !== old.path) {
      changes.push({
        level: 'major',
        where: old.operationId,
        message: `moved from ${old.method.toUpperCase()} ${old.path} to ${op.method.toUpperCase()} ${op.path}`,
      });
    }
    if (op.deprecated !== old.deprecated) {
      changes.push({
        level: 'patch',
        where: old.operationId,
        message: op.deprecated
          ? 'deprecated added (the client marks the operation @deprecated; nothing breaks)'
          : 'deprecated removed',
      });
    }
    compare(inputSchema(vb, old), inputSchema(va, op), `${old.operationId} input`, 'input');
    if (op.success.status !== old.success.status) {
      changes.push({
        level: 'major',
        where: old.operationId,
        message: `success status changed from ${old.success.status} to ${op.success.status}`,
      });
    }
    responses(old.success.schema, op.success.schema, `${old.operationId} ${op.success.status}`);
    const oldErrors = new Map(old.errors.map((e) => [e.errorCode ?? String(e.status), e]));
    const newErrors = new Map(op.errors.map((e) => [e.errorCode ?? String(e.status), e]));
    for (const [code, error] of newErrors) {
      const was = oldErrors.get(code);
      if (was === undefined) {
        changes.push({ level: 'minor', where: old.operationId, message: `error ${code} (${error.status}) added` });
      } else if (was.status !== error.status) {
        changes.push({
          level: 'major',
          where: old.operationId,
          message: `error ${code} moved from ${was.status} to ${error.status}`,
        });
      } else {
        responses(was.schema, error.schema, `${old.operationId} ${error.status}`);
      }
    }
    for (const [code, error] of oldErrors) {
      if (!newErrors.has(code)) {
        changes.push({ level: 'major', where: old.operationId, message: `error ${code} (${error.status}) removed` });
      }
    }
  }
  for (const op of after.operations) {
    if (!before.operations.some((o) => o.operationId === op.operationId)) {
      changes.push({ level: 'minor', where: op.operationId, message: 'operation added' });
    }
  }
  const rank = { major: 0, minor: 1, patch: 2 };
  return changes.sort((a, b) => rank[a.level] - rank[b.level] || a.where.localeCompare(b.where));
}

/** A changeset file's front matter: package name → bump. */
export function parseChangeset(text: string): Map<string, SpecChange['level'] | 'none'> {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const bumps = new Map<string, SpecChange['level'] | 'none'>();
  for (const line of front.split(/\r?\n/)) {
    const m = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch|none)\s*$/.exec(line);
    if (m?.[1] && m[2]) bumps.set(m[1].trim(), m[2] as SpecChange['level'] | 'none');
  }
  return bumps;
}

/** What `spec:diff --check` needs to know besides the changes. */
export interface ReleaseEvidence {
  /** The public packages generated from the spec: a breaking change must name each of them `major`. */
  packages: string[];
  /** Changesets added since the base (absent there), by file name. */
  newChangesets: Record<string, string>;
  /** Packages whose version already took a major bump since the base (`changeset version` ran). */
  majorBumped: string[];
}

/**
 * Whether the changes are covered: nothing breaking, or every generated
 * package is named `major` by a changeset added since the base (or its
 * version already went up a major). Returns the packages still uncovered.
 *
 * @example
 * const missing = uncoveredPackages(changes, { packages, newChangesets, majorBumped: [] });
 * if (missing.length) console.error(`no major changeset for ${missing.join(', ')}`);
 */
export function uncoveredPackages(changes: SpecChange[], evidence: ReleaseEvidence): string[] {
  if (!changes.some((c) => c.level === 'major')) return [];
  const covered = new Set(evidence.majorBumped);
  for (const text of Object.values(evidence.newChangesets)) {
    for (const [name, bump] of parseChangeset(text)) if (bump === 'major') covered.add(name);
  }
  return evidence.packages.filter((p) => !covered.has(p));
}
