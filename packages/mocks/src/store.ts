import { cloneJson } from './data.js';

/**
 * Opt-in state for the mocks: resources keyed by their path members
 * (`AccountId=a1&UserId=u1`), so an update persists for later calls.
 */

export type PathMembers = Readonly<Record<string, string>>;

/** One resource: its path members (`{ AccountId: 'a1', UserId: 'u1' }`) and the response body it answers with. */
export interface StoreSeedEntry {
  path: PathMembers;
  body: unknown;
}

/** How many resources a store holds at most, by default. */
export const DEFAULT_MAX_RESOURCES = 10_000;

/** What `set` throws when a new resource would take the store past `maxResources`. */
export class StoreFullError extends Error {
  override name = 'StoreFullError';
}

export interface StoreOptions<Seed = StoreSeedEntry> {
  /** Answer 404 NotFoundException for resources that were never seeded or created. */
  strict?: boolean;
  /**
   * Resources present at the start and after every `reset()`. `createChimeMocks` types
   * each entry from the operations (`ChimeStoreSeed`) and checks it against the spec.
   */
  seed?: readonly Seed[];
  /**
   * The most distinct resources it holds (default 10,000), so a long-running server's memory
   * stays bounded: a request that would add one more is refused (ResourceLimitExceededException
   * where the operation documents it, else 503 ServiceUnavailableException); updates and
   * deletions still work. `reset()` empties it back to the seed.
   */
  maxResources?: number;
}

export interface Store {
  readonly strict: boolean;
  get(path: PathMembers): unknown;
  set(path: PathMembers, body: unknown): void;
  has(path: PathMembers): boolean;
  delete(path: PathMembers): boolean;
  /** Every resource, oldest first (an update keeps its place): what list operations page through. */
  entries(): StoreSeedEntry[];
  /** Back to the seed. */
  reset(): void;
  /** How many resources it holds. */
  readonly size: number;
  /** The most resources it holds: `set` of one more throws a {@link StoreFullError}. */
  readonly maxResources: number;
}

const keyOf = (path: PathMembers) =>
  Object.keys(path)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(path[k] as string)}`)
    .join('&');

const copy = <T>(value: T): T => (value === undefined ? value : cloneJson(value));

/**
 * @example
 * const store = createStore({ strict: true, seed: [{ path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1' } } }] });
 */
export function createStore(options: StoreOptions<StoreSeedEntry> = {}): Store {
  const entries = new Map<string, StoreSeedEntry>();
  const maxResources = options.maxResources ?? DEFAULT_MAX_RESOURCES;
  const put = (path: PathMembers, body: unknown) => {
    const key = keyOf(path);
    if (entries.size >= maxResources && !entries.has(key)) {
      throw new StoreFullError(
        `The mocks' store is full: it holds ${maxResources} resources (store.maxResources), and this request would add one more. Delete some, call reset(), or raise store.maxResources.`,
      );
    }
    entries.set(key, { path: { ...path }, body: copy(body) });
  };
  const reset = () => {
    entries.clear();
    for (const { path, body } of options.seed ?? []) put(path, body);
  };
  reset();
  return {
    strict: options.strict ?? false,
    get: (path) => copy(entries.get(keyOf(path))?.body),
    set: put,
    has: (path) => entries.has(keyOf(path)),
    delete: (path) => entries.delete(keyOf(path)),
    entries: () => [...entries.values()].map((e) => ({ path: { ...e.path }, body: copy(e.body) })),
    reset,
    get size() {
      return entries.size;
    },
    maxResources,
  };
}
