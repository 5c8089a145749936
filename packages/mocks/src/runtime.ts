/**
 * What every generated mock shares: reading and validating the request as
 * the service would, answering from the spec's example (or seeded data) that
 * reflects the request, staged scenarios, recorded calls and the opt-in store.
 */
import type { MemberSpec, OperationSpec } from '@chime-api/client/core';
import type { Issue, Validator } from '@chime-api/validation';
import { canonical, cloneJson, hash, requestIdFor, type SchemaLite, seededRandom, synthesize } from './data.js';
import { awsValidationMessage, unknownMemberMessage } from './messages.js';
import { empty, type HttpHandler, handle, json, networkError, delay as wait } from './msw.js';
import { createRouter, type Route } from './router.js';
import { recordedHeaders, signatureProblem } from './signature.js';
import {
  createStore,
  DEFAULT_MAX_RESOURCES,
  type PathMembers,
  type Store,
  StoreFullError,
  type StoreOptions,
  type StoreSeedEntry,
} from './store.js';

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

/** A `reply` payload, a store seed or an option that does not match the spec. */
export class MockDefinitionError extends Error {
  override name = 'MockDefinitionError';
}

/** A request that `onInvalidRequest: 'throw'` turned into a failing test. */
export class InvalidMockRequestError extends Error {
  override name = 'InvalidMockRequestError';
  constructor(
    message: string,
    readonly issues: readonly Issue[],
  ) {
    super(message);
  }
}

const DEFAULT_REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');
const DEFAULT_MAX_CALLS = 1_000;

/** The absolute base URLs an operation answers: the spec's servers and `baseUrl`. */
function basesOf(def: OperationDefinition, baseUrl: ChimeMocksOptions['baseUrl']): string[] {
  const given = baseUrl === undefined ? [] : typeof baseUrl === 'string' ? [baseUrl] : [...baseUrl];
  const resolved = given.map((base) => {
    if (base === '*' || /^[a-z][a-z\d+.-]*:\/\//i.test(base)) return base;
    const here = typeof location !== 'undefined' ? location.href : undefined;
    if (!here) {
      throw new MockDefinitionError(
        `baseUrl '${base}' is relative and there is no page location to resolve it against; give an absolute URL such as 'http://localhost:3000${base.startsWith('/') ? '' : '/'}${base}'.`,
      );
    }
    return new URL(base, here).href;
  });
  // a spec without servers: its clients choose the origin, so any origin matches
  const all = [...def.servers, ...resolved];
  return all.length > 0 ? [...new Set(all)] : ['*'];
}

function exceptionBody(name: string, example: unknown, message: string) {
  const fromExample = example && typeof example === 'object' ? (example as Record<string, unknown>) : {};
  return {
    Code: typeof fromExample.Code === 'string' ? fromExample.Code : name.replace(/(Client)?Exception$/, ''),
    Message: message,
  };
}

/** The first string found under `key` at any depth of `value`. */
function findString(value: unknown, key: string, depth = 0): string | undefined {
  if (depth > 8 || !value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record[key] === 'string') return record[key] as string;
  for (const child of Object.values(record)) {
    const found = findString(child, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The default Message of each documented error, naming the request's own
 * members: where the spec's example message names the success example's
 * values (`User 1ab2345c-… not found in account 12a3456b-…`), the request's
 * values take their place. An error without an example message names the
 * request's path members.
 */
function errorMessages(def: OperationDefinition) {
  const pathNames = def.operation.members.filter((m) => m.in === 'path').map((m) => m.name);
  // each message as text and the members it names, in order: 'User ', {UserId}, ' not found in account ', {AccountId}, '.'
  type Part = string | { member: string };
  const templates = new Map<string, Part[]>();
  for (const [name, documented] of Object.entries(def.errors)) {
    const message = (documented.example as { Message?: unknown } | undefined)?.Message;
    if (typeof message !== 'string') continue;
    let parts: Part[] = [message];
    for (const member of def.operation.members) {
      const sample = findString(def.example, member.name);
      if (!sample || sample.length < 4) continue;
      parts = parts.flatMap((part) =>
        typeof part === 'string'
          ? part.split(sample).flatMap((text, i): Part[] => (i === 0 ? [text] : [{ member: member.name }, text]))
          : [part],
      );
    }
    templates.set(name, parts);
  }
  return (name: string, input: Record<string, unknown>): string => {
    const template = templates.get(name);
    if (template) {
      return template.map((part) => (typeof part === 'string' ? part : String(input[part.member] ?? ''))).join('');
    }
    const named = pathNames.map((n) => `${n} '${String(input[n] ?? '')}'`).join(', ');
    return named ? `${name}: ${named}.` : name;
  };
}

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

type Read =
  | { ok: true; input: Record<string, unknown>; path: PathMembers }
  | {
      ok: false;
      input: Record<string, unknown>;
      message: string;
      issues: Issue[];
      /** The exception, when not the operation's BadRequestException (a body that is not JSON: 415). */
      exception?: { name: string; status: number };
    };

/** How deep a request body may nest its objects and arrays: a deeper one gets 400 before it is parsed. */
export const MAX_BODY_DEPTH = 100;

/** True when the JSON text nests objects and arrays deeper than `limit`; read without parsing it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // each level takes a character
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: skip what it escapes
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * restJson1's one request media type: `application/json` (any parameters). A body sent as anything
 * else, or with no Content-Type, is refused with 415 UnsupportedMediaTypeException, as Smithy's
 * server protocol tests require (`RestJsonWithBodyExpectsApplicationJsonContentType`).
 */
const isJsonMediaType = (contentType: string | null) => /^\s*application\/json\s*(;|$)/i.test(contentType ?? '');

/**
 * A query or header value as its member's type: `max-results=5` → 5, `true` → true,
 * an epoch-seconds timestamp → its number. Anything else stays the text that was
 * sent, for validation to refuse in the service's words (`STRING_VALUE can not be
 * converted to an Integer`). Date-time timestamps stay RFC 3339 strings (the wire shape).
 */
function fromText(text: string, type: MemberSpec['type'] | MemberSpec['items'], timestamp?: MemberSpec['timestamp']) {
  if (timestamp === 'unixTimestamp' || type === 'number') {
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
  }
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
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

/** `value` keeping only what `schema` defines (a stored `User` listed as a `UserSummary`). */
function trimTo(value: unknown, schema: SchemaLite | undefined, depth = 0): unknown {
  if (depth > 8 || !schema || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => trimTo(item, schema.items, depth + 1));
  if (!schema.properties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(schema.properties)) {
    if (Object.hasOwn(value, key)) out[key] = trimTo((value as Record<string, unknown>)[key], child, depth + 1);
  }
  return out;
}

const toBase64Url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => {
  try {
    return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return '';
  }
};

/** Largest page when the request sets no limit, unless the limit member's schema allows less. */
export const DEFAULT_PAGE_SIZE = 100;

/** A template with its members unnamed: `/accounts/{}/items`, so parent and child templates compare. */
const shapeOf = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

export function createMocks<Seed = StoreSeedEntry>(
  definitions: readonly OperationDefinition[],
  options: ChimeMocksOptions<Seed> = {},
) {
  const storeOptions = options.store as StoreOptions | undefined;
  if (storeOptions?.seed) checkSeed(definitions, storeOptions.seed);
  const maxResources = storeOptions?.maxResources ?? DEFAULT_MAX_RESOURCES;
  if (!Number.isInteger(maxResources) || maxResources < 1) {
    throw new MockDefinitionError(
      `store.maxResources must be a whole number of resources (1 or more); it is ${maxResources}.`,
    );
  }
  if ((storeOptions?.seed?.length ?? 0) > maxResources) {
    throw new MockDefinitionError(
      `store.seed has ${storeOptions?.seed?.length} resources, more than store.maxResources (${maxResources}); raise maxResources or seed fewer.`,
    );
  }
  const store = storeOptions ? createStore(storeOptions) : undefined;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const maxCalls = options.maxCalls ?? DEFAULT_MAX_CALLS;
  if (!Number.isInteger(maxCalls) || maxCalls < 0) {
    throw new MockDefinitionError(`maxCalls must be a whole number of calls (0 or more); it is ${maxCalls}.`);
  }
  const recorded = new Map<string, MockCall<unknown>[]>();
  // what reset() throws, oldest first: invalid requests under 'throw', and mocks that could not answer
  const failures: Error[] = [];
  // one sequence for every operation: each response its own id, the same ids for the same test
  let sequence = 0;
  const nextRequestId = () => requestIdFor(`${options.seed ?? ''}|${sequence++}`);

  // one route table for every operation: the origins of every definition (the spec's servers are shared)
  const router = createRouter(
    definitions.map((d) => d.operation),
    [...new Set(definitions.flatMap((def) => basesOf(def, options.baseUrl)))],
  );
  const routeOf = (request: Request) => router.route(request.method, new URL(request.url));

  // collections: a template with a child `…/{member}` holds resources keyed by that member (`/accounts/{}/items` → ItemId)
  const childKey = new Map<string, string>();
  for (const def of definitions) {
    const match = /^(.*)\/\{([^}]+)\}$/.exec(def.operation.path);
    const member = match && def.operation.members.find((m) => m.in === 'path' && m.wireName === match[2]);
    if (match && member) childKey.set(shapeOf(match[1] as string), member.name);
  }

  const errorResponse = (
    name: string,
    status: number,
    body: unknown,
    requestId: string,
    headers: Record<string, string> = {},
  ) =>
    json(body, {
      status,
      headers: { 'x-amzn-ErrorType': name, 'x-amzn-RequestId': requestId, ...headers },
    });

  const makeOperation = (def: OperationDefinition, index: number) => {
    const op = def.operation;
    const calls: MockCall<unknown>[] = [];
    recorded.set(def.name, calls);
    const badRequest = def.errors.BadRequestException;
    const messageFor = errorMessages(def);
    const bodyMembers = op.members.filter((m) => m.in === 'body');
    const bodyWireNames = new Map(bodyMembers.map((m) => [m.wireName, m.name]));
    const outputHeaders = op.outputHeaders ?? [];
    const hasBody = op.successStatus !== 204 && (def.example != null || Object.keys(def.outputSchema).length > 0);
    // an item (`…/{itemId}`): the store checks it exists (strict), keeps its latest body, forgets it on DELETE
    const isItem = /\}$/.test(op.path);
    const isDelete = op.method.toUpperCase() === 'DELETE';
    // a POST/PUT on a collection creates a child: the answer's object with the child's key is stored under it
    const createsKey = !isItem && /^(POST|PUT)$/i.test(op.method) ? childKey.get(shapeOf(op.path)) : undefined;
    const paginator = op.paginator;
    const resultKey = paginator ? [paginator.resultKey ?? []].flat()[0] : undefined;
    const listedKey = paginator && !isItem ? childKey.get(shapeOf(op.path)) : undefined;
    const limitSchema = paginator?.limitKey ? def.inputSchema.properties?.[paginator.limitKey] : undefined;
    const defaultPageSize = Math.min(DEFAULT_PAGE_SIZE, limitSchema?.maximum ?? DEFAULT_PAGE_SIZE);
    const pathNames = op.members.filter((m) => m.in === 'path').map((m) => m.name);
    const context = (input: Record<string, unknown>) => ({
      members: op.members,
      inputSchema: def.inputSchema,
      sensitive: op.sensitive,
      input,
    });

    /** Reads the request into the flat input and validates it as the service would. */
    const read = async (request: Request, params: Record<string, string>): Promise<Read> => {
      const input: Record<string, unknown> = {};
      // defineProperty: a JSON key named __proto__ stays data, never a prototype
      const put = (key: string, value: unknown) =>
        Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
      const url = new URL(request.url);
      const path: Record<string, string> = {};
      for (const m of op.members) {
        if (m.in === 'path') {
          const value = params[m.wireName];
          if (value === undefined) continue;
          put(m.name, value);
          path[m.name] = value;
        } else if (m.in === 'query') {
          const sent = url.searchParams.getAll(m.wireName);
          if (sent.length === 0) continue;
          // lists as repeated keys (`tag=a&tag=b`), restJson1's form
          put(
            m.name,
            m.type === 'array'
              ? sent.map((t) => fromText(t, m.items))
              : fromText(sent[0] as string, m.type, m.timestamp),
          );
        } else if (m.in === 'header') {
          const sent = request.headers.get(m.wireName);
          if (sent === null) continue;
          put(
            m.name,
            m.type === 'array'
              ? sent.split(',').map((t) => fromText(t.trim(), m.items))
              : fromText(sent, m.type, m.timestamp),
          );
        }
      }
      const refuse = (message: string, issues: Issue[]): Read => ({ ok: false, input, message, issues });
      if (bodyMembers.length > 0) {
        const text = await request.text();
        let parsed: unknown = {};
        if (text.trim() !== '') {
          const contentType = request.headers.get('content-type');
          if (!isJsonMediaType(contentType)) {
            return {
              ...refuse(
                `The request body is sent as ${contentType ? `'${contentType}'` : 'no Content-Type'}; ${op.operationId} takes application/json: send the header Content-Type: application/json.`,
                [{ path: '', message: 'must be sent as application/json', keyword: 'contentType' }],
              ),
              exception: { name: 'UnsupportedMediaTypeException', status: 415 },
            } as Read;
          }
          if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
            return refuse(`The request body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels.`, [
              { path: '', message: `nests deeper than ${MAX_BODY_DEPTH} levels`, keyword: 'depth' },
            ]);
          }
          try {
            parsed = JSON.parse(text);
          } catch {
            return refuse('The request body is not valid JSON.', [
              { path: '', message: 'is not valid JSON', keyword: 'json' },
            ]);
          }
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          return refuse('The request body must be a JSON object.', [
            { path: '', message: 'must be a JSON object', keyword: 'type' },
          ]);
        }
        // a member the body does not define (a path member included) is refused before validation, as AWS reads the body first
        const unknown = Object.keys(parsed).find((key) => !bodyWireNames.has(key));
        if (unknown !== undefined) {
          return refuse(unknownMemberMessage(unknown, op), [
            {
              path: `/${unknown.replace(/~/g, '~0').replace(/\//g, '~1')}`,
              message: 'is not a member the spec defines here; remove it',
              keyword: 'additionalProperties',
            },
          ]);
        }
        for (const [key, value] of Object.entries(parsed)) put(bodyWireNames.get(key) as string, value);
      }
      const result = def.input.check(input);
      if (!result.ok) return refuse(awsValidationMessage(result.issues, context(input)), result.issues);
      return { ok: true, input, path };
    };

    const refusal = (bad: Extract<Read, { ok: false }>, requestId: string): Response => {
      let message = bad.message;
      if (options.onInvalidRequest === 'throw') {
        const error = new InvalidMockRequestError(
          `${op.operationId} mock got an invalid request: ${message}`,
          bad.issues,
        );
        failures.push(error);
        message = error.message;
      }
      // 400 (415 for a body that is not JSON): a client never retries it, so one invalid request fails once
      if (bad.exception) {
        const { name, status } = bad.exception;
        return errorResponse(name, status, exceptionBody(name, undefined, message), requestId);
      }
      const body = exceptionBody('BadRequestException', badRequest?.example, message);
      return errorResponse('BadRequestException', badRequest?.status ?? 400, body, requestId);
    };

    /** The success response: output members the spec maps to headers go there, the rest in the body (none on a 204). */
    const success = (body: unknown, requestId: string): Response => {
      const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
      let payload = body;
      if (outputHeaders.length > 0 && body && typeof body === 'object') {
        const rest = { ...(body as Record<string, unknown>) };
        for (const h of outputHeaders) {
          const value = rest[h.name];
          delete rest[h.name];
          if (value !== undefined && value !== null) headers[h.header] = String(value);
        }
        payload = rest;
      }
      return hasBody
        ? json(payload, { status: op.successStatus, headers })
        : empty({ status: op.successStatus, headers });
    };

    /** A reply() body checked against the spec: the body against the output, header members against their type. */
    const outputIssues = (body: unknown): string[] => {
      const rest = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : body;
      const issues: string[] = [];
      for (const h of outputHeaders) {
        if (!rest || typeof rest !== 'object') break;
        const value = (rest as Record<string, unknown>)[h.name];
        delete (rest as Record<string, unknown>)[h.name];
        const fits =
          value === undefined ||
          (h.type === 'integer'
            ? Number.isInteger(value)
            : typeof value === (h.type === undefined ? 'string' : h.type));
        if (!fits) issues.push(`  /${h.name} (header ${h.header}): must be ${h.type ?? 'string'}`);
      }
      const result = def.output.check(rest);
      if (!result.ok) issues.push(...result.issues.map((i) => `  ${i.path || '(the body)'}: ${i.message}`));
      return issues;
    };

    const outputValid = (body: unknown) => outputIssues(body).length === 0;

    const checkOutput = (body: unknown, where: string) => {
      const issues = outputIssues(body);
      if (issues.length > 0) {
        throw new MockDefinitionError(
          `${where}: the reply does not match the ${op.operationId} response in the spec:\n${issues.join('\n')}`,
        );
      }
    };

    const seeded = (input: Record<string, unknown>) =>
      seededRandom(hash(`${options.seed ?? ''}|${def.name}|${canonical(input)}`));

    /** The spec's example, else data made up from the output schema; header members made up from their type. */
    const defaultBody = (input: Record<string, unknown>): Record<string, unknown> => {
      const random = seeded(input);
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

    // the paginator's own members never reflect into the answer (NextToken in is not NextToken out)
    const notReflected = new Set([paginator?.inputToken, paginator?.limitKey].filter((n) => n !== undefined));
    const reflectable = (input: Record<string, unknown>) =>
      notReflected.size === 0 ? input : Object.fromEntries(Object.entries(input).filter(([k]) => !notReflected.has(k)));

    /** Which page a token points at: the token carries an offset and a hash of the request's other members. */
    const pageContext = (input: Record<string, unknown>) =>
      hash(`${options.seed ?? ''}|${def.name}|${canonical(reflectable(input))}`)
        .toString(16)
        .padStart(8, '0');

    /** Fills `body` with one page of `items`; a token the mocks did not issue for this request gets a 400. */
    const page = (
      body: Record<string, unknown>,
      items: unknown[],
      input: Record<string, unknown>,
      requestId: string,
    ) => {
      if (!paginator || resultKey === undefined) return undefined;
      const context = pageContext(input);
      let offset = 0;
      const token = input[paginator.inputToken];
      if (token !== undefined) {
        const match = /^(\d+)\.([0-9a-f]{8})$/.exec(fromBase64Url(String(token)));
        if (!match || match[2] !== context) {
          const message = `Invalid ${paginator.inputToken}: '${String(token)}' was not issued by these mocks for this request; pass the ${paginator.outputToken} of the previous page, with the same other members.`;
          return refusal(
            {
              ok: false,
              input,
              message,
              issues: [
                { path: `/${paginator.inputToken}`, message: 'was not issued for this request', keyword: 'token' },
              ],
            },
            requestId,
          );
        }
        offset = Number(match[1]);
      }
      const limit =
        paginator.limitKey && typeof input[paginator.limitKey] === 'number'
          ? (input[paginator.limitKey] as number)
          : defaultPageSize;
      body[resultKey] = items.slice(offset, offset + limit);
      if (offset + limit < items.length) body[paginator.outputToken] = toBase64Url(`${offset + limit}.${context}`);
      else delete body[paginator.outputToken];
      return undefined;
    };

    /** The list a paginated operation pages through: the store's children of the collection, else the default body's. */
    const listFor = (read: Extract<Read, { ok: true }>, body: Record<string, unknown>): unknown[] => {
      if (store && listedKey && resultKey !== undefined) {
        const itemSchema = def.outputSchema.properties?.[resultKey]?.items;
        return store
          .entries()
          .filter(
            (e) =>
              Object.keys(e.path).length === pathNames.length + 1 &&
              typeof e.path[listedKey] === 'string' &&
              pathNames.every((n) => e.path[n] === read.path[n]),
          )
          .map((e) => objectWith(e.body, listedKey))
          .filter((found) => found !== undefined)
          .map((found) => trimTo(found, itemSchema));
      }
      const list = resultKey === undefined ? undefined : body[resultKey];
      return Array.isArray(list) ? list : [];
    };

    const respond = (read: Extract<Read, { ok: true }>, requestId: string): Response => {
      if (store?.strict && isItem && !store.has(read.path)) {
        const notFound = def.errors.NotFoundException;
        const body = exceptionBody('NotFoundException', notFound?.example, messageFor('NotFoundException', read.input));
        return errorResponse('NotFoundException', notFound?.status ?? 404, body, requestId);
      }
      const existing = store && isItem && hasBody ? store.get(read.path) : undefined;
      const fromStore =
        existing !== undefined && existing !== null && typeof existing === 'object' && outputValid(existing);
      let body = fromStore ? (existing as Record<string, unknown>) : defaultBody(read.input);
      const input = reflectable(read.input);
      reflect(body, def.outputSchema, input);
      // a request value the output's constraints refuse (a pattern, a shape) is not reflected: the answer stays valid
      if (!outputValid(body))
        body = fromStore ? (store?.get(read.path) as Record<string, unknown>) : defaultBody(read.input);
      if (paginator && resultKey !== undefined) {
        // with a store, the list is what it holds, as stored; else the default body's list, reflecting the request
        const refused = page(body, listFor(read, body), read.input, requestId);
        if (refused) return refused;
      }
      if (store) {
        try {
          if (isItem && isDelete) store.delete(read.path);
          else if (isItem && hasBody) store.set(read.path, body);
          const created = createsKey && objectWith(body, createsKey);
          if (createsKey && created) store.set({ ...read.path, [createsKey]: created[createsKey] as string }, body);
        } catch (error) {
          if (error instanceof StoreFullError) return storeFull(error, requestId);
          throw error;
        }
      }
      return success(body, requestId);
    };

    /**
     * A request that would add a resource to a full store: the operation's documented
     * ResourceLimitExceededException (400 in the model: "The request exceeds the resource
     * limit"), else its ServiceUnavailableException, else a plain 503; the message names the limit.
     */
    const storeFull = (error: StoreFullError, requestId: string): Response => {
      const name = ['ResourceLimitExceededException', 'ServiceUnavailableException'].find((n) => def.errors[n]);
      const status = name ? (def.errors[name]?.status ?? 503) : 503;
      const exception = name ?? 'ServiceUnavailableException';
      return errorResponse(exception, status, exceptionBody(exception, undefined, error.message), requestId);
    };

    /** A mock that could not answer (a reply that drifted from the spec, data it cannot make up): never a retryable 500. */
    const broken = (error: unknown, requestId: string): Response => {
      const failure =
        error instanceof MockDefinitionError
          ? error
          : new MockDefinitionError(
              `${op.operationId} mock could not answer: ${error instanceof Error ? error.message : String(error)}`,
            );
      failures.push(failure);
      // 501: not retried by the client (nor the AWS SDKs), so the test fails on this request, and reset() throws it
      return errorResponse(
        'MockDefinitionError',
        501,
        { Code: 'MockDefinitionError', Message: failure.message },
        requestId,
      );
    };

    type Answer = (
      read: Extract<Read, { ok: true }>,
      request: Request,
      requestId: string,
    ) => Response | Promise<Response>;

    /** Records the call, then answers: a network error whatever the request; a refusal when invalid; else `answer`. */
    const serve = async (request: Request, params: Record<string, string>, scenario: Scenario, answer: Answer) => {
      const headers = recordedHeaders(request);
      const result = await read(request, params);
      const call: MockCall<unknown> = {
        input: result.ok ? cloneJson(result.input) : undefined,
        method: request.method,
        url: request.url,
        headers,
        issues: result.ok ? [] : result.issues,
        scenario,
        status: undefined,
        errorType: undefined,
        requestId: undefined,
      };
      if (maxCalls > 0) {
        calls.push(call);
        if (calls.length > maxCalls) calls.shift();
      }
      if (scenario === 'networkError') {
        call.status = 'network-error';
        return networkError();
      }
      const requestId = nextRequestId();
      let response: Response;
      // the service checks the signature before it reads the input
      const badSignature = signatureProblem(headers);
      try {
        response = badSignature
          ? unauthorized(badSignature, requestId)
          : result.ok
            ? await answer(result, request, requestId)
            : refusal(result, requestId);
      } catch (error) {
        response = broken(error, requestId);
      }
      call.status = response.status;
      call.errorType = response.headers.get('x-amzn-ErrorType') ?? undefined;
      call.requestId = requestId;
      return response;
    };

    /** The operation's documented 401 (every Chime operation documents UnauthorizedClientException). */
    const unauthorized = (message: string, requestId: string) =>
      errorResponse(
        'UnauthorizedClientException',
        def.errors.UnauthorizedClientException?.status ?? 401,
        { Code: 'Unauthorized', Message: message },
        requestId,
      );

    const byDefault: Answer = (read, _request, requestId) => respond(read, requestId);

    /** A handler for this operation's requests alone (the route table decides), answering with `answer`. */
    const on = (scenario: Scenario, answer: Answer, staged: ScenarioOptions = {}) =>
      handle(
        `${op.operationId} mock (${scenario})`,
        (request) => {
          const route = routeOf(request);
          return route?.kind === 'operation' && route.index === index ? route : undefined;
        },
        (request, route) => serve(request, route.params, scenario, answer),
        staged.once ?? false,
      );

    const mock: OperationMock<unknown, unknown, string> = {
      handler: on('default', byDefault),
      calls,
      error(name, scenario = {}) {
        const documented = def.errors[name];
        if (!documented) {
          throw new MockDefinitionError(
            `${op.operationId} documents no ${name}; it documents ${Object.keys(def.errors).join(', ')}.`,
          );
        }
        return on(
          'error',
          (read, _request, requestId) => {
            const body = exceptionBody(name, documented.example, scenario.message ?? messageFor(name, read.input));
            return errorResponse(name, documented.status, body, requestId, scenario.headers);
          },
          scenario,
        );
      },
      reply(bodyOrFn, scenario = {}) {
        if (typeof bodyOrFn !== 'function') checkOutput(bodyOrFn, `chimeMocks.${def.name}.reply()`);
        return on(
          'reply',
          async (read, request, requestId) => {
            const body =
              typeof bodyOrFn === 'function'
                ? await (bodyOrFn as (c: ReplyContext<unknown>) => unknown)({ input: read.input, request })
                : cloneJson(bodyOrFn);
            if (typeof bodyOrFn === 'function') checkOutput(body, `chimeMocks.${def.name}.reply(fn)`);
            return success(body, requestId);
          },
          scenario,
        );
      },
      networkError(scenario = {}) {
        return on('networkError', () => networkError(), scenario);
      },
      delay(ms, scenario = {}) {
        return on(
          'delay',
          async (read, _request, requestId) => {
            await wait(ms);
            return respond(read, requestId);
          },
          scenario,
        );
      },
    };
    return {
      mock,
      serve: (request: Request, params: Record<string, string>) => serve(request, params, 'default', byDefault),
    };
  };

  const operations = definitions.map(makeOperation);

  /** A literal query no operation at this method and path has: the service's 400 beside a plain operation, else its 404. */
  const unknownQuery = (route: Extract<Route, { kind: 'unknown-query' }>): Response => {
    const requestId = nextRequestId();
    const where = `${route.method.toUpperCase()} ${route.template}`;
    const [name, status, code, message] =
      route.plain !== undefined
        ? [
            'BadRequestException',
            definitions[route.plain]?.errors.BadRequestException?.status ?? 400,
            'BadRequest',
            `Unknown ${route.sent} for ${where}`,
          ]
        : [
            'NotFoundException',
            404,
            'NotFound',
            `${route.sent ? `Unknown ${route.sent} for ${where}` : `${where} needs a literal query`}; it takes ${route.known.join(', ')}.`,
          ];
    if (options.onInvalidRequest === 'throw')
      failures.push(new InvalidMockRequestError(`The mocks got an invalid request: ${message}`, []));
    return errorResponse(name, status, { Code: code, Message: message }, requestId);
  };

  // the one handler `handlers` holds: the route table finds the operation, whatever the number of operations
  const dispatcher = handle(
    `${definitions.length} Chime operation mocks`,
    routeOf,
    (request, route) =>
      route.kind === 'unknown-query'
        ? unknownQuery(route)
        : (operations[route.index] as (typeof operations)[number]).serve(request, route.params),
    false,
  );

  const mocks: Record<string, unknown> = {};
  definitions.forEach((def, i) => {
    mocks[def.name] = operations[i]?.mock;
  });
  return Object.assign(mocks, {
    handlers: [dispatcher],
    store,
    reset() {
      for (const calls of recorded.values()) calls.length = 0;
      sequence = 0;
      store?.reset();
      const first = failures[0];
      failures.length = 0;
      if (first) throw first;
    },
  }) as MocksBase & Record<string, OperationMock<unknown, unknown, string>>;
}

/**
 * Makes the response reflect the request: wherever the output's schema has a
 * member the input also names (`User.UserId`, `User.LicenseType`), it takes
 * the input's value, at any depth.
 */
function reflect(output: unknown, schema: SchemaLite | undefined, input: Record<string, unknown>, depth = 0): void {
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
function fitsType(value: unknown, schema: SchemaLite): boolean {
  if (value === undefined || value === null) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  const types = [schema.type ?? (schema.properties ? 'object' : undefined)].flat();
  if (types[0] === undefined) return false;
  const type = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  return types.some((t) => t === type || (t === 'integer' && Number.isInteger(value)));
}
