import { resolveRefDeep } from './kit/schema.js';
import type { LoadedSpec } from './load.js';
import type { Operation } from './operations.js';
import type { JsonSchema, OpenApiDocument, OperationObject } from './types.js';

/** One difference between two versions of the spec, and what it means for consumers. */
export interface SpecChange {
  /** `major`: breaks an existing consumer; `minor`: adds something; `patch`: neither. */
  level: 'major' | 'minor' | 'patch';
  /** Where: `UpdateUser input LicenseType`, `UpdateUser 200 User.RegisteredOn`. */
  where: string;
  message: string;
}

/**
 * Which way data flows through a schema. Consumers send `input` (so narrowing
 * it breaks them) and read `output` (so widening it breaks them: code that
 * switches over an enum, or validates responses, meets values it never knew).
 */
type Direction = 'input' | 'output';

const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** The JSON type(s) a schema allows, ignoring `enum`; `any` when it does not say. */
function typeOf(s: JsonSchema): string {
  if (Array.isArray(s.type)) return [...s.type].sort().join('|');
  if (typeof s.type === 'string') return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return 'any';
}

/** `allOf` merged into one schema (properties and `required` united, the rest taken from the members). */
function flatten(schema: JsonSchema, depth = 0): JsonSchema {
  if (!Array.isArray(schema.allOf) || depth > 12) return schema;
  const { allOf, ...own } = schema;
  const merged: JsonSchema = {};
  for (const part of [...(allOf as JsonSchema[]).map((p) => flatten(p, depth + 1)), own]) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...merged.properties, ...(value as JsonSchema['properties']) };
      else if (key === 'required') merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      else merged[key] = value;
    }
  }
  return merged;
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
  ['minItems', 'length', -1],
  ['maxItems', 'length', 1],
] as const;

/** `major` when a change breaks consumers in this direction: narrowed input, widened output. */
const breaks = (direction: Direction, widened: boolean) => (widened === (direction === 'output') ? 'major' : 'minor');

/**
 * Compares a schema as a request (`input`: consumers send it) or a response
 * (`output`: consumers read it), member by member, on dereferenced schemas.
 */
function compareSchemas(
  rawBefore: JsonSchema | undefined,
  rawAfter: JsonSchema | undefined,
  where: string,
  direction: Direction,
  changes: SpecChange[],
  depth = 0,
): void {
  if (!rawBefore || !rawAfter || depth > 12) return;
  const before = flatten(rawBefore);
  const after = flatten(rawAfter);
  const push = (level: SpecChange['level'], message: string) => changes.push({ level, where, message });
  const [tb, ta] = [typeOf(before), typeOf(after)];
  if (tb !== ta) {
    // Typing a schema that allowed anything narrows it: fine to read, breaking to send.
    if (tb !== 'any' || direction === 'input') push('major', `type changed from ${tb} to ${ta}`);
    else push('minor', `type narrowed from any to ${ta}`);
    return;
  }
  if (before.format !== after.format) {
    push('major', `format changed from ${before.format ?? '(none)'} to ${after.format ?? '(none)'}`);
  }
  const enumBefore = before.enum ?? ('const' in before ? [before.const] : undefined);
  const enumAfter = after.enum ?? ('const' in after ? [after.const] : undefined);
  if (enumBefore && enumAfter) {
    const removed = enumBefore.filter((v) => !enumAfter.includes(v));
    const added = enumAfter.filter((v) => !enumBefore.includes(v));
    // A removed value breaks both ways: senders lose it, and code that names it no longer compiles.
    if (removed.length) push('major', `enum value ${list(removed)} removed`);
    if (added.length) push(breaks(direction, true), `enum widened: ${list(added)} added`);
  } else if (enumBefore) {
    push(breaks(direction, true), 'enum dropped: any value allowed');
  } else if (enumAfter) {
    push(breaks(direction, false), `enum introduced: only ${list(enumAfter)}`);
  }
  if (before.pattern !== after.pattern) {
    push(
      'major',
      `pattern changed from ${before.pattern ? `/${before.pattern}/` : '(none)'} to ${after.pattern ? `/${after.pattern}/` : '(none)'}`,
    );
  }
  for (const [key, kind, widerWhen] of BOUNDS) {
    const b = before[key] as number | undefined;
    const a = after[key] as number | undefined;
    if (b === a) continue;
    const widened = a === undefined || (b !== undefined && Math.sign(a - b) === widerWhen);
    push(breaks(direction, widened), `${kind} ${key} changed from ${b ?? '(none)'} to ${a ?? '(none)'}`);
  }

  const bp = before.properties ?? {};
  const ap = after.properties ?? {};
  const breq = new Set(before.required ?? []);
  const areq = new Set(after.required ?? []);
  const join = (name: string) => `${where}${depth === 0 ? ' ' : '.'}${name}`;
  for (const name of Object.keys(bp)) {
    const at = join(name);
    if (!(name in ap)) changes.push({ level: 'major', where: at, message: 'member removed' });
    else compareSchemas(bp[name], ap[name], at, direction, changes, depth + 1);
  }
  for (const name of Object.keys(ap)) {
    if (name in bp) continue;
    const required = areq.has(name) && direction === 'input';
    changes.push({
      level: required ? 'major' : 'minor',
      where: join(name),
      message: required ? 'new required member' : 'member added',
    });
  }
  for (const name of Object.keys(ap)) {
    if (!(name in bp) || breq.has(name) === areq.has(name)) continue;
    if (areq.has(name)) {
      changes.push({ level: breaks(direction, false), where: join(name), message: 'member became required' });
    } else {
      changes.push({ level: breaks(direction, true), where: join(name), message: 'member no longer required' });
    }
  }
  const xb = before.additionalProperties;
  const xa = after.additionalProperties;
  if (typeof xb === 'object' && typeof xa === 'object') {
    compareSchemas(xb, xa, `${where}{*}`, direction, changes, depth + 1);
  } else if ((xb === false) !== (xa === false)) {
    push(breaks(direction, xa !== false), `additional members ${xa === false ? 'no longer' : 'now'} allowed`);
  }
  if (before.items && after.items)
    compareSchemas(before.items, after.items, `${where}[]`, direction, changes, depth + 1);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const vb = (before[key] as JsonSchema[] | undefined) ?? [];
    const va = (after[key] as JsonSchema[] | undefined) ?? [];
    for (let i = 0; i < Math.min(vb.length, va.length); i++) {
      compareSchemas(vb[i], va[i], `${where}|${i}`, direction, changes, depth + 1);
    }
    if (vb.length > va.length)
      push(breaks(direction, false), `${key} variant(s) ${va.length}–${vb.length - 1} removed`);
    if (va.length > vb.length) push(breaks(direction, true), `${key} variant(s) ${vb.length}–${va.length - 1} added`);
  }
}

/** The operation object in the dereferenced document. */
function operationIn(doc: OpenApiDocument, op: Operation): OperationObject | undefined {
  return doc.paths?.[op.path]?.[op.method] as OperationObject | undefined;
}

/** The JSON body schema of a response in the dereferenced document. */
function responseSchema(spec: LoadedSpec, op: Operation, status: number): JsonSchema | undefined {
  const content = operationIn(spec.dereferenced, op)?.responses?.[String(status)]?.content;
  const type = Object.keys(content ?? {}).find((t) => t === 'application/json' || t.endsWith('+json'));
  const schema = type ? content?.[type]?.schema : undefined;
  return schema && resolveRefDeep(spec.dereferenced, schema);
}

/** The flat input (path, query, header and body members at one level) as one object schema. */
function inputSchema(spec: LoadedSpec, op: Operation): JsonSchema {
  const body = operationIn(spec.dereferenced, op)?.requestBody?.content;
  const type = Object.keys(body ?? {}).find((t) => t === 'application/json' || t.endsWith('+json'));
  const bodySchema = flatten(resolveRefDeep(spec.dereferenced, (type && body?.[type]?.schema) || {}));
  return {
    type: 'object',
    required: op.members.filter((m) => m.required).map((m) => m.name),
    properties: Object.fromEntries(
      op.members.map((m) => [
        m.name,
        (m.location === 'body' && bodySchema.properties?.[m.wireName]) || resolveRefDeep(spec.dereferenced, m.schema),
      ]),
    ),
    ...(bodySchema.additionalProperties !== undefined && { additionalProperties: bodySchema.additionalProperties }),
  };
}

/**
 * What changed between two loaded specs, most severe first. `major` (breaks a
 * consumer): a removed operation, member, error or enum value; a new required
 * input; a narrowed input or widened output (enum, length, range, additional
 * members); a changed type, format, pattern or status; an output member that
 * is no longer required. Schemas are compared dereferenced, with `allOf`
 * merged and `oneOf`/`anyOf`, `items` and `additionalProperties` followed.
 *
 * @example
 * const changes = diffSpecs(await loadSpec(oldPath), await loadSpec());
 * const bump = changes[0]?.level ?? 'patch';
 */
export function diffSpecs(before: LoadedSpec, after: LoadedSpec): SpecChange[] {
  const changes: SpecChange[] = [];
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
    compareSchemas(inputSchema(before, old), inputSchema(after, op), `${old.operationId} input`, 'input', changes);
    if (op.success.status !== old.success.status) {
      changes.push({
        level: 'major',
        where: old.operationId,
        message: `success status changed from ${old.success.status} to ${op.success.status}`,
      });
    }
    compareSchemas(
      responseSchema(before, old, old.success.status),
      responseSchema(after, op, op.success.status),
      `${old.operationId} ${op.success.status}`,
      'output',
      changes,
    );
    const oldErrors = new Map(old.errors.map((e) => [e.errorCode ?? String(e.status), e.status]));
    const newErrors = new Map(op.errors.map((e) => [e.errorCode ?? String(e.status), e.status]));
    for (const [code, status] of newErrors) {
      const was = oldErrors.get(code);
      if (was === undefined) {
        changes.push({ level: 'minor', where: old.operationId, message: `error ${code} (${status}) added` });
      } else if (was !== status) {
        changes.push({
          level: 'major',
          where: old.operationId,
          message: `error ${code} moved from ${was} to ${status}`,
        });
      } else {
        compareSchemas(
          responseSchema(before, old, was),
          responseSchema(after, op, status),
          `${old.operationId} ${status}`,
          'output',
          changes,
        );
      }
    }
    for (const [code, status] of oldErrors) {
      if (!newErrors.has(code)) {
        changes.push({ level: 'major', where: old.operationId, message: `error ${code} (${status}) removed` });
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
