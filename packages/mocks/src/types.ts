/** The public types of the mocks: what the generator describes and what a test stages and reads. */
import type { OperationSpec } from '@chime-api/client/core';
import type { Issue, Validator } from '@chime-api/validation';
import type { SchemaLite } from './data.js';
import type { HttpHandler } from './msw.js';
import type { Store, StoreOptions, StoreSeedEntry } from './store.js';

/** One operation as the generator describes it. */
export interface OperationDefinition {
  name: string;
  operation: OperationSpec;
  input: Validator<unknown>;
  output: Validator<unknown>;
  /** The spec's server URLs for this operation: the only origins its mocks answer by default. */
  servers: readonly string[];
  /** The flat input's schema (one property per member), for the service's wording of a refusal. */
  inputSchema: SchemaLite;
  /** The spec's named example of the success body, or null. */
  example: unknown;
  outputSchema: SchemaLite;
  /** Documented exceptions: status and the spec's example body. */
  errors: Readonly<Record<string, { status: number; example?: unknown }>>;
}

export interface ChimeMocksOptions<Seed = StoreSeedEntry> {
  /** Mixed into the seed of made-up data and request ids: change it to get other (still deterministic) values. */
  seed?: string;
  /**
   * Where else the mocks answer, besides the spec's servers (`https://chime.us-east-1.amazonaws.com`):
   * a proxy with a path prefix (`http://localhost:3000/api/chime`), or a relative URL
   * (`/api/chime`, resolved against the page's `location`). `'*'` answers any origin and prefix.
   * Requests to any other origin are left unhandled, for `onUnhandledRequest` (msw 3: `onUnhandledFrame`) to report.
   */
  baseUrl?: string | readonly string[];
  /**
   * What an invalid request gets. `'respond'` (default): 400 BadRequestException, as the service.
   * `'throw'`: the same 400 (never retried), carrying an `InvalidMockRequestError` message, and
   * the error is kept: `reset()` throws it, so `afterEach(() => mocks.reset())` fails the test.
   */
  onInvalidRequest?: 'respond' | 'throw';
  /** Keep state between calls (opt-in). The seed is checked against the spec. */
  store?: StoreOptions<Seed>;
  /** The date made-up timestamps count back from. Default 2026-01-01T00:00:00Z. */
  referenceDate?: Date;
  /**
   * How many calls each operation keeps in `calls` (the oldest go first). Default 1,000:
   * a long-running server keeps bounded memory.
   */
  maxCalls?: number;
}

export interface ScenarioOptions {
  /** Answer one request only, then fall through to the next handler. */
  once?: boolean;
}

export interface ErrorOptions extends ScenarioOptions {
  /** The body's Message; defaults to the spec's example, naming the request's own members. */
  message?: string;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

export interface ReplyContext<Input> {
  input: Input;
  request: Request;
}

/** Which behaviour answered a call. */
export type Scenario = 'default' | 'reply' | 'error' | 'networkError' | 'delay';

/** One request that reached an operation's mock, valid or not. */
export interface MockCall<Input> {
  /** The validated input (path members from the path only); `undefined` when the request was invalid. */
  input: Input | undefined;
  method: string;
  url: string;
  /** The request's headers, names in lower case: `authorization` shows whether it was signed. */
  headers: Readonly<Record<string, string>>;
  /** Why the request was invalid; empty when it was valid. */
  issues: readonly Issue[];
  /** The behaviour that answered: `default` (the happy path or the store), `reply`, `error`, ... */
  scenario: Scenario;
  /** What went back: the HTTP status, or `'network-error'`; `undefined` while answering. */
  status: number | 'network-error' | undefined;
  /** The exception named by `x-amzn-ErrorType`, when the answer was one. */
  errorType: string | undefined;
  /** The response's `x-amzn-RequestId`. */
  requestId: string | undefined;
}

/**
 * What `reply()` takes: the success body plus the output members the spec maps
 * to response headers (`TotalCount` → `x-total-count`), which go out as headers.
 */
export type ReplyBody<Body, Output> = Body & Partial<Omit<Output, '$metadata' | keyof Body>>;

/** What `reply()` takes for a response without a body (a 204): its header members, if any, else `{}`. */
export type NoBody<Output> = [keyof Omit<Output, '$metadata'>] extends [never]
  ? Record<string, never>
  : Partial<Omit<Output, '$metadata'>>;

/** A staged or default behaviour of one operation. Every method returns a handler for `server.use(...)`. */
export interface OperationMock<Input, Output, ErrorName extends string> {
  /** The happy path: the spec's example (or seeded data) reflecting the request. */
  readonly handler: HttpHandler;
  /**
   * Every request that reached this operation, oldest first, including invalid ones, network
   * errors and retries (at most `maxCalls`; cleared by `reset()`).
   */
  readonly calls: readonly MockCall<Input>[];
  /** Answers with a documented exception: its status, `x-amzn-ErrorType` header and `{ Code, Message }` body. */
  error(name: ErrorName, options?: ErrorOptions): HttpHandler;
  /** Answers with this body (checked against the spec now) or with what `fn` returns (checked then). */
  reply(
    body: Output | ((context: ReplyContext<Input>) => Output | Promise<Output>),
    options?: ScenarioOptions,
  ): HttpHandler;
  /** Fails at the network level (fetch rejects). */
  networkError(options?: ScenarioOptions): HttpHandler;
  /** The happy path after `ms` milliseconds. */
  delay(ms: number, options?: ScenarioOptions): HttpHandler;
}

export interface MocksBase {
  /** The happy path of every operation, for `setupServer(...handlers)` / `setupWorker(...handlers)`. */
  readonly handlers: HttpHandler[];
  /** The store, when `store` was given. */
  readonly store: Store | undefined;
  /**
   * Clears recorded calls, restarts the request-id sequence and puts the store back to its seed.
   * Call it after each test. Under `onInvalidRequest: 'throw'` it then throws the first
   * `InvalidMockRequestError` seen since the last reset, failing that test.
   */
  reset(): void;
}
