import { resolveRefDeep } from './kit/schema.js';
import type { LoadedSpec } from './load.js';
import type { Operation } from './operations.js';
import type { JsonSchema } from './types.js';

/** One difference between two versions of the spec, and what it means for consumers. */
export interface SpecChange {
  /** `major`: breaks an existing consumer; `minor`: adds something; `patch`: neither. */
  level: 'major' | 'minor' | 'patch';
  /** Where: `UpdateUser input LicenseType`, `UpdateUser 200 User.RegisteredOn`. */
  where: string;
  message: string;
}

const typeOf = (s: JsonSchema | undefined) =>
  s?.enum
    ? 'enum'
    : Array.isArray(s?.type)
      ? [...s.type].sort().join('|')
      : (s?.type ?? (s?.properties ? 'object' : 'any'));

/**
 * Compares a schema as a request (`input`: consumers send it) or a response
 * (`output`: consumers read it), member by member.
 */
function compareSchemas(
  before: JsonSchema | undefined,
  after: JsonSchema | undefined,
  where: string,
  direction: 'input' | 'output',
  changes: SpecChange[],
  depth = 0,
): void {
  if (!before || !after || depth > 12) return;
  const [tb, ta] = [typeOf(before), typeOf(after)];
  if (tb !== ta && tb !== 'any') {
    changes.push({ level: 'major', where, message: `type changed from ${tb} to ${ta}` });
    return;
  }
  if (before.enum && after.enum) {
    const removed = before.enum.filter((v) => !after.enum?.includes(v));
    const added = after.enum.filter((v) => !before.enum?.includes(v));
    if (removed.length) {
      changes.push({
        level: direction === 'input' ? 'major' : 'minor',
        where,
        message: `enum narrowed: ${removed.map((v) => JSON.stringify(v)).join(', ')} removed`,
      });
    }
    if (added.length) {
      changes.push({
        level: 'minor',
        where,
        message: `enum widened: ${added.map((v) => JSON.stringify(v)).join(', ')} added`,
      });
    }
  }
  if (before.pattern !== after.pattern && after.pattern && direction === 'input') {
    changes.push({ level: 'major', where, message: `pattern changed to /${after.pattern}/` });
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
    const at = join(name);
    const required = areq.has(name) && direction === 'input';
    changes.push({
      level: required ? 'major' : 'minor',
      where: at,
      message: required ? 'new required member' : 'member added',
    });
  }
  for (const name of areq) {
    if (!breq.has(name) && name in bp && direction === 'input') {
      changes.push({ level: 'major', where: join(name), message: 'member became required' });
    }
  }
  if (before.items && after.items)
    compareSchemas(before.items, after.items, `${where}[]`, direction, changes, depth + 1);
}

function inputSchema(spec: LoadedSpec, op: Operation): JsonSchema {
  return {
    type: 'object',
    required: op.members.filter((m) => m.required).map((m) => m.name),
    properties: Object.fromEntries(op.members.map((m) => [m.name, resolveRefDeep(spec.bundled, m.schema)])),
  };
}

/**
 * What changed between two loaded specs, most severe first: removed
 * operations or members, new required members, narrowed input enums, changed
 * types, patterns or statuses are `major`.
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
      old.success.schema && resolveRefDeep(before.bundled, old.success.schema),
      op.success.schema && resolveRefDeep(after.bundled, op.success.schema),
      `${old.operationId} ${op.success.status}`,
      'output',
      changes,
    );
    const oldErrors = new Map(old.errors.map((e) => [e.errorCode, e.status]));
    for (const e of op.errors) {
      const status = oldErrors.get(e.errorCode);
      if (status === undefined)
        changes.push({ level: 'minor', where: old.operationId, message: `error ${e.errorCode} (${e.status}) added` });
      else if (status !== e.status) {
        changes.push({
          level: 'major',
          where: old.operationId,
          message: `error ${e.errorCode} moved from ${status} to ${e.status}`,
        });
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
