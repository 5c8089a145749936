/**
 * The client's SigV4 signing, retries, per-attempt timeouts and typed errors,
 * as OpenAPI Generator typescript-fetch `Middleware` for `Configuration.middleware`.
 */
import {
  type AwsCredentials,
  ChimeClientError,
  ChimeNetworkError,
  type ChimeServiceException,
  type CredentialsProvider,
  isRetryableError,
  isRetryableResponse,
  type OperationTable,
  operations,
  type ResponseMetadata,
  type RetryOptions,
  resolveRetryOptions,
  retryDelayMs,
  sleep,
  toServiceException,
  withSigV4,
} from '@chime-api/client';
import { readBody, refuseRedirect } from '@chime-api/client/errors';
import {
  convertAt,
  createRouter,
  dateFromEpoch,
  hostPrefixed,
  type OperationSpec,
  segmentProblem,
  splitPathKey,
  timestampToWire,
  uuid,
} from '@chime-api/wire';
import type { ErrorContext, Middleware, RequestContext, ResponseContext } from './generated/runtime.js';

export interface ChimeMiddlewareOptions {
  /** Sign every attempt with SigV4 when given. */
  credentials?: AwsCredentials | CredentialsProvider;
  region?: string;
  /** Retry settings, or `false` for one attempt. Default: 3 attempts. */
  retry?: RetryOptions | false;
  /** Abort each attempt after this many milliseconds. */
  timeoutMs?: number;
  /**
   * The most bytes of a response body read (default 10 MiB, as the client): a
   * longer one is cancelled and refused with a `ChimeClientError` `InvalidResponse`.
   */
  maxResponseBytes?: number;
  /** The signing clock; for tests. */
  now?: () => Date;
  /**
   * Send operations with a host prefix (`x-amzn-host-prefix: messaging-`) to
   * the endpoint's own host, as AWS SDK v3's option of the same name does.
   * The prefix is never added to an IP literal or `localhost`.
   */
  disableHostPrefix?: boolean;
}

/** The attempt an init belongs to, carried through the SDK's re-entrant `fetch`. */
const ATTEMPT = Symbol.for('chime-api.sdk.attempt');
interface AttemptState {
  attempt: number;
  totalRetryDelay: number;
  /** The caller's own signal, before a per-attempt timeout was mixed in. */
  callerSignal?: AbortSignal | null;
}
type TrackedInit = RequestInit & { [ATTEMPT]?: AttemptState };

const table = Object.values(operations as OperationTable);
/** The route table over every operation (@chime-api/wire), any origin and path prefix, the URL read as written. */
const router = createRouter(table, ['*'], { asWritten: true });

/**
 * The operation a request is for, and its path members (decoded); read from the
 * URL text, never parsed (the URL parser resolves `..`). An operation with a
 * literal query matches only a request whose query carries every pair of it.
 */
function operationFor(url: string, method: string) {
  const route = router.route(method, url);
  if (route?.kind !== 'operation') return undefined;
  return { op: table[route.index] as OperationSpec, params: route.params };
}

/**
 * typescript-fetch builds the URL from the spec's path key, where a literal
 * query follows `#` (`/items/{itemId}#operation=archive`), and appends query
 * members after it: `…/items/i1#operation=archive?tag=a`. A fragment is never
 * sent, so the literal becomes the start of the query: `…/items/i1?operation=archive&tag=a`.
 */
export function literalQueryToQuery(url: string): string {
  const [base, rest] = splitPathKey(url);
  if (base === url) return url;
  const query = rest.split('?').filter(Boolean).join('&');
  return query ? `${base}?${query}` : base;
}

/**
 * Prepends an operation's host prefix to the URL's host when that host is a
 * DNS name; an IP literal or `localhost` (a loopback mock server, a proxy on
 * an IP) has no prefixed name and is left as it is (@chime-api/wire's rule).
 */
export const withHostPrefix = (url: string, prefix: string): string => hostPrefixed(url, prefix);

/**
 * The JSON body as the wire wants it: each omitted idempotency token filled
 * with a fresh UUID, as AWS SDKs do, and each epoch-seconds timestamp member
 * (typed `Date` in the SDK, so typescript-fetch wrote an RFC 3339 string) as
 * seconds.
 */
function wireBody(op: OperationSpec, init: RequestInit): RequestInit {
  const tokens = op.members.filter((member) => member.in === 'body' && member.idempotencyToken);
  const epochs = op.members.filter((member) => member.in === 'body' && member.timestamp === 'unixTimestamp');
  if ((tokens.length === 0 && epochs.length === 0) || (init.body != null && typeof init.body !== 'string')) return init;
  const body = (init.body ? JSON.parse(init.body as string) : {}) as Record<string, unknown>;
  if (!body || typeof body !== 'object') return init;
  let changed = false;
  for (const { wireName } of tokens) {
    if (body[wireName] != null) continue;
    body[wireName] = uuid();
    changed = true;
  }
  for (const { wireName } of epochs) {
    const value = body[wireName];
    const time = typeof value === 'string' ? new Date(value) : undefined;
    if (!time || Number.isNaN(time.getTime())) continue;
    body[wireName] = timestampToWire(time, 'unixTimestamp');
    changed = true;
  }
  if (!changed) return init;
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return { ...init, headers: Object.fromEntries(headers), body: JSON.stringify(body) };
}

/** Epoch seconds at `paths` of a parsed body (`*` for array items) as RFC 3339 strings; whether any was found. */
function epochsToText(value: unknown, paths: readonly (readonly string[])[]): boolean {
  let changed = false;
  convertAt(value, paths, (node) => {
    const date = dateFromEpoch(node);
    if (!date) return node;
    changed = true;
    return timestampToWire(date, 'date-time');
  });
  return changed;
}

/**
 * The success response as the generated code must read it, from its body read
 * within the cap (`body`: parsed JSON, the text when it is not JSON, undefined
 * when empty): epoch-seconds members as ISO text (the generated models parse
 * `new Date(...)`), and an empty body as `{}` whatever content-type came with it
 * (a server's default text/plain, say): every operation here is JSON.
 */
function readableSuccess(op: OperationSpec, response: Response, body: unknown): Response | undefined {
  if ([204, 205, 304].includes(response.status)) return undefined;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const init = { status: response.status, statusText: response.statusText, headers };
  // not JSON: the generated code's own error when it parses it
  if (typeof body === 'string') return new Response(body, init);
  const value = body ?? {};
  epochsToText(value, op.epochPaths ?? []);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(value), init);
}

/** Refuses a path member that cannot be sent (empty, `.` or `..`) before anything is signed or sent, as the client does. */
function checkPath(found: ReturnType<typeof operationFor>) {
  for (const [wireName, text] of Object.entries(found?.params ?? {})) {
    const problem = segmentProblem(text);
    if (problem) {
      throw new ChimeClientError(
        `${found?.op.operationId}: ${wireName} ${problem}; it is a URL path segment.`,
        'InvalidInput',
        [{ path: `/${wireName}`, message: problem }],
      );
    }
  }
}

/**
 * The middleware list for `new Configuration({ middleware: chimeMiddleware({ credentials }) })`:
 * signing (pre), per-attempt timeout (pre), retries (post/onError, re-signed
 * through the SDK's own fetch) and error responses as the client's typed
 * exceptions (`NotFoundException`, ...), so both packages fail alike.
 */
export function chimeMiddleware(options: ChimeMiddlewareOptions = {}): Middleware[] {
  const retry = resolveRetryOptions(options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {}));
  const signer = options.credentials
    ? withSigV4({
        credentials: options.credentials,
        ...(options.region ? { region: options.region } : {}),
        ...(options.now ? { now: options.now } : {}),
      })
    : undefined;
  const stateOf = (init: TrackedInit): AttemptState =>
    init[ATTEMPT] ?? { attempt: 1, totalRetryDelay: 0, callerSignal: init.signal ?? null };
  const metadataOf = ({ attempt, totalRetryDelay }: AttemptState): ResponseMetadata => ({
    httpStatusCode: 0,
    attempts: attempt,
    totalRetryDelay,
  });
  /** Whatever the SDK's fetch threw is the network's failure (onError sees nothing else). */
  const networkError = (error: unknown, state: AttemptState) =>
    error instanceof ChimeNetworkError ? error : new ChimeNetworkError(error, metadataOf(state));

  const prepare: Middleware = {
    async pre({ url, init }: RequestContext) {
      const tracked = init as TrackedInit;
      let next: TrackedInit = { ...tracked, [ATTEMPT]: stateOf(tracked) };
      // the first attempt shapes the request; a retry resends it as it was (same URL, same idempotency token)
      if (!tracked[ATTEMPT]) {
        url = literalQueryToQuery(url);
        const found = operationFor(url, init.method ?? 'GET');
        checkPath(found);
        const op = found?.op;
        if (op?.hostPrefix && !options.disableHostPrefix) url = withHostPrefix(url, op.hostPrefix);
        if (op) next = { ...wireBody(op, next), [ATTEMPT]: next[ATTEMPT] } as TrackedInit;
      }
      // a redirect is never followed: the signed headers would go to the host it names (errors.post refuses it)
      next.redirect = 'manual';
      if (options.timeoutMs) {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        next.signal = next.signal ? AbortSignal.any([next.signal, timeout]) : timeout;
      }
      if (signer) {
        // a retry carries the last attempt's signature: signed again, it would sign that old Authorization too
        const unsigned = new Headers(next.headers);
        for (const name of ['authorization', 'x-amz-date', 'x-amz-security-token']) unsigned.delete(name);
        let signed: Request | undefined;
        await signer(async (request) => {
          signed = request;
          return new Response(null, { status: 204 });
        })(new Request(url, { ...next, headers: unsigned }));
        const headers = Object.fromEntries((signed as Request).headers);
        next = { ...next, headers };
      }
      return { url, init: next };
    },
  };

  const again = async (context: ResponseContext | ErrorContext, response: Response | undefined) => {
    const state = stateOf(context.init as TrackedInit);
    const delay = retryDelayMs(state.attempt, response, retry);
    await sleep(delay, state.callerSignal).catch((error: ChimeNetworkError) => {
      error.$metadata = metadataOf(state);
      throw error;
    });
    const init: TrackedInit = {
      ...context.init,
      signal: state.callerSignal ?? null,
      [ATTEMPT]: { ...state, attempt: state.attempt + 1, totalRetryDelay: state.totalRetryDelay + delay },
    };
    return context.fetch(context.url, init);
  };

  const retrying: Middleware = {
    async post(context: ResponseContext) {
      const { attempt } = stateOf(context.init as TrackedInit);
      if (attempt < retry.maxAttempts && isRetryableResponse(context.response)) return again(context, context.response);
      return undefined;
    },
    async onError(context: ErrorContext) {
      const state = stateOf(context.init as TrackedInit);
      const { attempt, callerSignal } = state;
      if (attempt < retry.maxAttempts && isRetryableError(networkError(context.error, state), callerSignal)) {
        return again(context, undefined);
      }
      return undefined;
    },
  };

  const errors: Middleware = {
    async post({ url, init, response }: ResponseContext) {
      const op = operationFor(url, init.method ?? 'GET')?.op;
      if (!op) return undefined;
      refuseRedirect(op.operationId, response);
      // read once, within the cap (the rest is never pulled: typescript-fetch's other copies are never read)
      const body = [204, 205, 304].includes(response.status)
        ? undefined
        : await readBody(response, options.maxResponseBytes);
      if (response.ok) return init.method === 'HEAD' ? undefined : readableSuccess(op, response, body);
      const { attempt, totalRetryDelay } = stateOf(init as TrackedInit);
      const error: ChimeServiceException = toServiceException(op, response, body, {
        attempts: attempt,
        totalRetryDelay,
      });
      throw error;
    },
    // no response, and no earlier middleware found one: the client's ChimeNetworkError rather than a FetchError
    async onError({ init, error, response }: ErrorContext) {
      if (response) return undefined;
      throw networkError(error, stateOf(init as TrackedInit));
    },
  };

  return [prepare, retrying, errors];
}
