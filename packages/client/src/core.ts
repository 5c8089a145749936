/**
 * The client without signing or retries: for apps whose proxy signs for them,
 * or that compose their own middleware. `@chime-api/client` adds SigV4 and
 * retries on top of this.
 */

import { decodeResponse, encodeRequest, type MemberSpec, type OperationSpec, redact } from '@chime-api/wire';
import type { Client } from 'openapi-fetch';
import { exceptionClasses } from './errors.gen.js';
import {
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  readBody,
  refuseRedirect,
  resolveErrorCode,
} from './exceptions.js';
import {
  attemptsOf,
  contextOf,
  deriveRequest,
  type FetchLike,
  type FetchMiddleware,
  type ResponseMetadata,
  setContext,
} from './metadata.js';
import { defaultEndpoint, type OperationTypes, operations } from './operations.gen.js';
import type { paths } from './schema.gen.js';

export type ValidateMode = 'request' | 'response' | 'both';

/** A logger the client reports each call to; sensitive members arrive redacted. */
export interface ChimeLogger {
  debug(message: string, details: Record<string, unknown>): void;
}

export interface CoreClientOptions {
  /**
   * Base URL: an origin and an optional path prefix (`https://proxy.example.com/chime`),
   * no query or fragment; defaults to the spec's server (`https://chime.us-east-1.amazonaws.com`).
   * In a page, a path from the root (`/api/chime`, the app's own proxy) is resolved against
   * `location` when the client is created; in Node, where there is no page, it is refused.
   */
  endpoint?: string;
  /**
   * Send every operation to the endpoint's own host: no `x-amzn-host-prefix`
   * (`messaging-`) prepended, as AWS SDK v3's option of the same name.
   * Prefixes are never prepended to an IP literal or `localhost`.
   */
  disableHostPrefix?: boolean;
  /** The fetch to call; looked up on `globalThis` at call time when omitted (so MSW started later still intercepts). */
  fetch?: FetchLike;
  /** Wrappers around fetch, outermost first (signing, retries, your own). */
  middleware?: readonly FetchMiddleware[];
  /** Abort each attempt after this many milliseconds (a `TimeoutError`), the body's arrival included. */
  timeoutMs?: number;
  /** The most the client reads of one response body (success or error): 10 MiB by default; a longer one is refused. */
  maxResponseBytes?: number;
  /** Check input before sending and/or output after receiving, with @chime-api/validation. */
  validate?: ValidateMode;
  logger?: ChimeLogger;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
}

type Methods = {
  [K in keyof OperationTypes]: (
    input: OperationTypes[K]['input'],
    options?: CallOptions,
  ) => Promise<OperationTypes[K]['output']>;
};

/** openapi-fetch's typed HTTP methods (`raw.POST('/accounts/{accountId}/users/{userId}', ...)`). */
export type RawClient = Pick<
  Client<paths>,
  'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE' | 'request'
>;

/**
 * A client without the operation table: its transport (endpoint, fetch,
 * middleware, timeouts, validation). Pass it to the per-operation functions
 * (`updateUser(client, input)`, `paginateListUsers(client, input)`), so a
 * bundle carries only the operations it calls.
 */
export interface ChimeBaseClient {
  /**
   * Sends one operation described by its spec constant (`updateUserSpec`);
   * the generated per-operation functions call this and type it.
   */
  send(operation: OperationSpec, input: object, options?: CallOptions): Promise<object>;
}

/** One method per operation (`updateUser`, ...), plus the openapi-fetch client as `raw`. */
export type ChimeClient = Methods &
  ChimeBaseClient & {
    /**
     * The openapi-fetch client over the same fetch chain (signing, retries,
     * timeouts), for wire-level calls. Loaded on first use, so apps that never
     * touch it do not bundle it.
     */
    readonly raw: RawClient;
  };

/** A plain object (not a Proxy, so not a thenable: `await chime.raw` is the object) whose methods load openapi-fetch on first use. */
function lazyRawClient(baseUrl: string, fetch: FetchLike): RawClient {
  let client: Promise<Client<paths>> | undefined;
  const raw: Record<string, unknown> = {};
  for (const name of 'GET PUT POST DELETE OPTIONS HEAD PATCH TRACE request'.split(' ') as (keyof RawClient)[]) {
    raw[name] = (...args: unknown[]) => {
      client ??= import('openapi-fetch').then(({ default: createClient }) => createClient<paths>({ baseUrl, fetch }));
      return client.then((c) => (c[name] as (...a: unknown[]) => Promise<unknown>)(...args));
    };
  }
  return raw as RawClient;
}

/** A per-attempt timeout, innermost so that every retry gets its own. */
function withTimeout(defaultMs: number | undefined): FetchMiddleware {
  return (next) => async (request) => {
    const ms = contextOf(request)?.timeoutMs ?? defaultMs;
    if (!ms) return next(request);
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(ms)]);
    return next(deriveRequest(request, { signal }));
  };
}

/** The request as fetch must send it: never following a redirect (see {@link refuseRedirect}). */
const manualRedirect = (request: Request) =>
  request.redirect === 'manual' ? request : new Request(request, { redirect: 'manual' });

function compose(middleware: readonly FetchMiddleware[], base: FetchLike): FetchLike {
  return middleware.reduceRight<FetchLike>((next, wrap) => wrap(next), base);
}

function metadataOf(response: Response | undefined, request: Request | undefined): ResponseMetadata {
  const attempts = (response && attemptsOf.get(response)) || (request && attemptsOf.get(request));
  const metadata: ResponseMetadata = {
    httpStatusCode: response?.status ?? 0,
    attempts: attempts?.attempts ?? 1,
    totalRetryDelay: attempts?.totalRetryDelay ?? 0,
  };
  const requestId = response?.headers.get('x-amzn-requestid');
  if (requestId) metadata.requestId = requestId;
  return metadata;
}

/** Builds the exception for an error response, as restJson1 clients do. */
export function toServiceException(
  op: OperationSpec,
  response: Response,
  body: unknown,
  attempts?: { attempts: number; totalRetryDelay: number },
): ChimeServiceException {
  const classes = exceptionClasses as Record<string, typeof ChimeServiceException | undefined>;
  const code = resolveErrorCode(response.headers, body);
  const byStatus = op.errors[response.status];
  // own names only: a code such as `constructor` or `__proto__` is no class of the spec's
  const classOf = (name: string | undefined) => (name && Object.hasOwn(classes, name) ? classes[name] : undefined);
  const Exception = classOf(code) || classOf(byStatus) || ChimeServiceException;
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message = record.Message ?? record.message;
  return new Exception({
    // a generated subclass sets its own name after this one
    name: code ?? `Http${response.status}Error`,
    Code: typeof record.Code === 'string' ? record.Code : undefined,
    Message: typeof message === 'string' ? message : `${op.operationId} failed with HTTP ${response.status}`,
    $fault: response.status >= 500 ? 'server' : 'client',
    $metadata: { ...metadataOf(response, undefined), ...attempts },
    $response: response,
    body,
    // the operation's own marks cover its error bodies too; a spec-wide list would grow every bundle with the spec
    sensitive: op.sensitive,
  });
}

export { segmentProblem } from '@chime-api/wire';

/** A path member that cannot be sent, refused before anything is sent. */
const refusePath = (op: OperationSpec, member: MemberSpec, problem: string): never => {
  throw new ChimeClientError(
    `${op.operationId}: ${member.name} ${problem}; it is a URL path segment.`,
    'InvalidInput',
    [{ path: `/${member.name}`, message: problem }],
  );
};

let validation: Promise<typeof import('./validate.js')> | undefined;

/** Checks `value` against the spec's `${operationId}${kind}` schema (validate.ts and its validators load on first use). */
async function validateOrThrow(operationId: string, kind: 'Input' | 'Output', value: unknown) {
  validation ??= import('./validate.js');
  const problems = await (await validation).problemsOf(operationId, kind, value);
  if (problems) throw new ChimeClientError(problems.message, 'ValidationFailed', problems.issues);
}

/**
 * The endpoint as a base URL, refused with the reason and the fix when the
 * client could not append paths to it.
 */
function baseUrlOf(endpoint: string): string {
  // a path (`/api/chime`, the app's own proxy) resolves against the page, as fetch in a page would;
  // in Node (no location) it stays what it is: not an absolute URL
  const page = endpoint[0] === '/' && globalThis.location?.href;
  const url = page ? new URL(endpoint, page).href : endpoint;
  const problem = /[?#]/.test(endpoint)
    ? "has a query or fragment (`?` or `#`), where each operation's path would land"
    : URL.canParse(url)
      ? undefined
      : 'is not an absolute URL';
  if (problem) {
    throw new ChimeClientError(
      `endpoint ${JSON.stringify(endpoint)} ${problem}. Pass an origin and an optional path prefix only, e.g. "https://proxy.example.com/chime".`,
      'InvalidConfiguration',
    );
  }
  return url.replace(/\/+$/, '');
}

/** The transport every client shares: the endpoint, the fetch chain and `send`. */
function createTransport(options: CoreClientOptions) {
  const baseUrl = baseUrlOf(options.endpoint ?? defaultEndpoint);
  // whatever fetch itself throws is the network's failure: the one error retries look at
  const base: FetchLike = (request) =>
    (options.fetch ?? globalThis.fetch)(manualRedirect(request)).catch((cause: unknown) => {
      throw new ChimeNetworkError(cause); // its $metadata is set once the attempts are known
    });
  const chain = compose([...(options.middleware ?? []), withTimeout(options.timeoutMs)], base);
  const validateRequest = options.validate === 'request' || options.validate === 'both';
  const validateResponse = options.validate === 'response' || options.validate === 'both';

  const send = async (op: OperationSpec, input: object, callOptions: CallOptions = {}): Promise<object> => {
    if (!input || typeof input !== 'object') {
      throw new ChimeClientError(`${op.operationId}: input must be an object of members`, 'InvalidInput');
    }
    // the request as it travels, shaped by the operation's steps (@chime-api/wire): idempotency tokens
    // filled once per call (every retry resends the same body, so the same token), Date timestamps in
    // their wire form, the host prefix, the query string and header members; then path and body members
    const { url, headers, body, wire } = encodeRequest(op, input, {
      base: baseUrl,
      disableHostPrefix: options.disableHostPrefix,
      refuse: refusePath,
    });
    // the validators check the JSON form (Dates nested in a body member become strings there too)
    if (validateRequest) await validateOrThrow(op.operationId, 'Input', JSON.parse(JSON.stringify(wire)));
    const started = Date.now();
    // Built here rather than through openapi-fetch's coreFetch, which merges
    // headers twice per call: that alone costs about a third of a bare fetch
    // (see bench/). `chime.raw` is openapi-fetch, over the same chain.
    const sent = new Request(url, {
      method: op.method,
      headers,
      body,
      signal: callOptions.signal,
      redirect: 'manual',
    });
    setContext(sent, { body, timeoutMs: callOptions.timeoutMs });
    let response: Response | undefined;
    let parsed: unknown;
    try {
      response = await chain(sent);
      refuseRedirect(op.operationId, response);
      // no body (a 204, a HEAD) reads as undefined; the attempt's timeout still runs while it arrives
      parsed = await readBody(response, options.maxResponseBytes);
    } catch (error) {
      // the attempts made are known only now
      if (error instanceof ChimeNetworkError) error.$metadata = metadataOf(response, sent);
      throw error;
    }
    options.logger?.debug(`${op.operationId} → HTTP ${response.status} in ${Date.now() - started} ms`, {
      operation: op.operationId,
      input: redact(input, op.sensitive),
      ...metadataOf(response, sent),
    });
    if (!response.ok) throw toServiceException(op, response, parsed);
    // a 2xx without a body (201/202/204, or an empty 200) is a success with no body members
    const data = (parsed ?? {}) as Record<string, unknown>;
    if (typeof data !== 'object') {
      throw new ChimeClientError(
        `${op.operationId}: the HTTP ${response.status} body is not a JSON object.`,
        'InvalidResponse',
      );
    }
    if (validateResponse) await validateOrThrow(op.operationId, 'Output', data);
    return Object.defineProperty(decodeResponse(op, response, data), '$metadata', {
      value: metadataOf(response, sent),
    });
  };
  return { baseUrl, chain, send };
}

/**
 * Creates a client without the operation table and without signing or
 * retries: call operations through their standalone functions, and a bundle
 * keeps only those.
 *
 * @example
 * import { createChimeBaseClient, updateUser } from '@chime-api/client/core';
 * const chime = createChimeBaseClient({ endpoint: 'https://proxy.example.com/chime' });
 * const { User } = await updateUser(chime, { AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
 */
export function createChimeBaseClient(options: CoreClientOptions = {}): ChimeBaseClient {
  return { send: createTransport(options).send };
}

/**
 * Creates the client without signing or retries: one method per operation.
 *
 * @example
 * const chime = createChimeClient({ endpoint: 'https://proxy.example.com/chime' });
 * const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
 */
export function createChimeClient(options: CoreClientOptions = {}): ChimeClient {
  const { baseUrl, chain, send } = createTransport(options);
  const client: Record<string, unknown> = { raw: lazyRawClient(baseUrl, chain), send };
  // the same spec constants the standalone functions send
  for (const [name, op] of Object.entries(operations)) {
    client[name] = (input: object, callOptions?: CallOptions) => send(op, input, callOptions);
  }
  return client as unknown as ChimeClient;
}

export * from './errors.gen.js';
export {
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  isNetworkError,
  resolveErrorCode,
} from './exceptions.js';
export type { FetchLike, FetchMiddleware, ResponseMetadata, WithMetadata } from './metadata.js';
export type {
  HeaderMemberSpec,
  MemberSpec,
  OperationSpec,
  OperationTable,
  RequestStep,
  ResponseStep,
  WireCall,
} from './operation-table.js';
export * from './operations.gen.js';
export { type PaginateOptions, paginate } from './paginate.js';
export { REDACTED, redact } from './redact.js';
export type { components, paths } from './schema.gen.js';
// the wire steps (src/wire.ts, from @chime-api/wire)
export * from './wire.js';
