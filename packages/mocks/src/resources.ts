/**
 * The store's resource semantics: which operations read, update, create and
 * delete which resources (an item `…/{itemId}`, a collection's children), the
 * seed's check against the spec and the store's caps.
 */
import { MockDefinitionError } from './errors.js';
import { trimTo } from './reflect.js';
import { answersWithBody } from './responses.js';
import {
  createStore,
  DEFAULT_MAX_RESOURCES,
  type PathMembers,
  type Store,
  type StoreOptions,
  type StoreSeedEntry,
} from './store.js';
import type { OperationDefinition } from './types.js';

/** A template with its members unnamed: `/accounts/{}/items`, so parent and child templates compare. */
const shapeOf = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

/** The names of a seed's path members, for messages. */
const listed = (names: readonly string[]) => names.join(', ') || '(none)';

/** Checks a store seed against the spec: path members by their exact names, bodies against the response schema. */
function checkSeed(definitions: readonly OperationDefinition[], seed: readonly StoreSeedEntry[]) {
  const shapes = definitions
    .map((def) => ({ def, names: def.operation.members.filter((m) => m.in === 'path').map((m) => m.name) }))
    .filter((s) => s.names.length > 0);
  seed.forEach((entry, i) => {
    const where = `store.seed[${i}]`;
    const keys = Object.keys(entry?.path ?? {});
    const fits = shapes.filter((s) => s.names.length === keys.length && s.names.every((n) => keys.includes(n)));
    if (fits.length === 0) {
      const known = [...new Set(shapes.map((s) => `${s.def.operation.operationId}: ${listed(s.names)}`))];
      throw new MockDefinitionError(
        `${where}.path has the members ${listed(keys)}, which no operation's path has (names are case-sensitive). Path members: ${known.join('; ')}.`,
      );
    }
    for (const key of keys) {
      const value = (entry.path as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new MockDefinitionError(
          `${where}.path.${key} must be a non-empty string; it is ${JSON.stringify(value)}.`,
        );
      }
    }
    const results = fits.map((s) => ({ def: s.def, result: s.def.output.check(entry.body) }));
    const failed = results.find((r) => !r.result.ok);
    if (results.some((r) => r.result.ok) || !failed || failed.result.ok) return;
    throw new MockDefinitionError(
      `${where}.body does not match the ${failed.def.operation.operationId} response in the spec:\n${failed.result.issues
        .map((issue) => `  ${issue.path || '(the body)'}: ${issue.message}`)
        .join('\n')}`,
    );
  });
}

/** The store `options` ask for (checked: the seed against the spec, the caps), or undefined without options. */
export function openStore(
  definitions: readonly OperationDefinition[],
  options: StoreOptions | undefined,
): Store | undefined {
  if (options?.seed) checkSeed(definitions, options.seed);
  const maxResources = options?.maxResources ?? DEFAULT_MAX_RESOURCES;
  if (!Number.isInteger(maxResources) || maxResources < 1) {
    throw new MockDefinitionError(
      `store.maxResources must be a whole number of resources (1 or more); it is ${maxResources}.`,
    );
  }
  if ((options?.seed?.length ?? 0) > maxResources) {
    throw new MockDefinitionError(
      `store.seed has ${options?.seed?.length} resources, more than store.maxResources (${maxResources}); raise maxResources or seed fewer.`,
    );
  }
  return options ? createStore(options) : undefined;
}

/** Collections: a template with a child `…/{member}` holds resources keyed by that member (`/accounts/{}/items` → ItemId). */
export function collectionsOf(definitions: readonly OperationDefinition[]): Map<string, string> {
  const childKey = new Map<string, string>();
  for (const def of definitions) {
    const match = /^(.*)\/\{([^}]+)\}$/.exec(def.operation.path);
    const member = match && def.operation.members.find((m) => m.in === 'path' && m.wireName === match[2]);
    if (match && member) childKey.set(shapeOf(match[1] as string), member.name);
  }
  return childKey;
}

/** The first object at any depth of `value` whose `key` is a string (`Item` with its `ItemId`). */
function objectWith(value: unknown, key: string, depth = 0): Record<string, unknown> | undefined {
  if (depth > 8 || !value || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && typeof (value as Record<string, unknown>)[key] === 'string') {
    return value as Record<string, unknown>;
  }
  for (const child of Object.values(value)) {
    const found = objectWith(child, key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** What one operation does to the store's resources. Without a store, nothing: it answers from the spec. */
export interface Resources {
  /** True when a strict store does not hold the item the request names: the answer is its 404. */
  missing(path: PathMembers): boolean;
  /** The stored body of the item the request names, when it is one `valid` takes. */
  stored(path: PathMembers, valid: (body: unknown) => boolean): Record<string, unknown> | undefined;
  /** The stored body again, a fresh copy. */
  reread(path: PathMembers): Record<string, unknown>;
  /** The collection's children as its list holds them (`resultKey`'s items), or undefined when the store lists none here. */
  listed(path: PathMembers, resultKey: string): unknown[] | undefined;
  /** Keeps what the request did: forgets a deleted item, keeps an item's latest body, stores a created child. Throws StoreFullError. */
  commit(path: PathMembers, body: Record<string, unknown>): void;
}

export function resourcesOf(
  def: OperationDefinition,
  store: Store | undefined,
  childKey: ReadonlyMap<string, string>,
): Resources {
  const op = def.operation;
  const hasBody = answersWithBody(def);
  // an item (`…/{itemId}`): the store checks it exists (strict), keeps its latest body, forgets it on DELETE
  const isItem = /\}$/.test(op.path);
  const isDelete = op.method.toUpperCase() === 'DELETE';
  // a POST/PUT on a collection creates a child: the answer's object with the child's key is stored under it
  const createsKey = !isItem && /^(POST|PUT)$/i.test(op.method) ? childKey.get(shapeOf(op.path)) : undefined;
  const listedKey = op.paginator && !isItem ? childKey.get(shapeOf(op.path)) : undefined;
  const pathNames = op.members.filter((m) => m.in === 'path').map((m) => m.name);
  return {
    missing: (path) => (store?.strict ?? false) && isItem && !store?.has(path),
    stored(path, valid) {
      const existing = store && isItem && hasBody ? store.get(path) : undefined;
      return existing !== undefined && existing !== null && typeof existing === 'object' && valid(existing)
        ? (existing as Record<string, unknown>)
        : undefined;
    },
    reread: (path) => store?.get(path) as Record<string, unknown>,
    listed(path, resultKey) {
      if (!store || !listedKey) return undefined;
      const itemSchema = def.outputSchema.properties?.[resultKey]?.items;
      return store
        .entries()
        .filter(
          (e) =>
            Object.keys(e.path).length === pathNames.length + 1 &&
            typeof e.path[listedKey] === 'string' &&
            pathNames.every((n) => e.path[n] === path[n]),
        )
        .map((e) => objectWith(e.body, listedKey))
        .filter((found) => found !== undefined)
        .map((found) => trimTo(found, itemSchema));
    },
    commit(path, body) {
      if (!store) return;
      if (isItem && isDelete) store.delete(path);
      else if (isItem && hasBody) store.set(path, body);
      const created = createsKey && objectWith(body, createsKey);
      if (createsKey && created) store.set({ ...path, [createsKey]: created[createsKey] as string }, body);
    },
  };
}
