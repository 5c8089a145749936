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
  type OperationSpec,
  operations,
  type ResponseMetadata,
  type RetryOptions,
  resolveRetryOptions,
  retryDelayMs,
  segmentProblem,
  sleep,
  toServiceException,
  withSigV4,
} from '@chime-api/client';
import { readBody } from '@chime-api/client/errors';
import type { ErrorContext, Middleware, RequestContext, ResponseContext } from './generated/runtime.js';

export interface ChimeMiddlewareOptions {
  /** Sign every attempt with SigV4 when given. */
  credentials?: AwsCredentials | CredentialsProvider;
  region?: string;
  /** Retry settings, or `false` for one attempt. Default: 3 attempts. */
  retry?: RetryOptions | false;
  /** Abort each attempt after this many milliseconds. */
  timeoutMs?: number;
  /** The signing clock; for tests. */
  now?: () => Date;
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

/**
 * Each operation's path template as a pattern anchored at the end only, so an
 * endpoint with a path prefix (`https://proxy.example/chime`) still matches;
 * templates with more segments are tried first, so the most specific wins.
 * Path members are captured as they were encoded, `.` and `..` included.
 */
const matchers = Object.values(operations)
  .map((op: OperationSpec) => {
    const parts = op.path.split(/\{([^}]+)\}/); // literal, name, literal, ..., literal
    const names = parts.filter((_, i) => i % 2 === 1);
    const source = parts.map((part, i) => (i % 2 ? '([^/]*)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    return { op, names, pattern: new RegExp(`${source}$`) };
  })
  .sort((a, b) => b.op.path.split('/').length - a.op.path.split('/').length);

/** The operation a request is for, and its path members as sent; read from the URL text, never parsed (the URL parser resolves `..`). */
function operationFor(url: string, method: string) {
  const path = url.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] as string;
  for (const { op, names, pattern } of matchers) {
    const match = op.method === method.toUpperCase() ? pattern.exec(path) : null;
    if (match) return { op, segments: names.map((name, i) => [name, match[i + 1] as string] as const) };
  }
  return undefined;
}

/** Refuses a path member that cannot be sent (empty, `.` or `..`) before anything is signed or sent, as the client does. */
function checkPath(url: string, method: string) {
  const found = operationFor(url, method);
  for (const [wireName, encoded] of found?.segments ?? []) {
    let text = encoded;
    try {
      text = decodeURIComponent(encoded);
    } catch {}
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
      checkPath(url, init.method ?? 'GET');
      const tracked = init as TrackedInit;
      let next: TrackedInit = { ...tracked, [ATTEMPT]: stateOf(tracked) };
      if (options.timeoutMs) {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        next.signal = next.signal ? AbortSignal.any([next.signal, timeout]) : timeout;
      }
      if (signer) {
        let signed: Request | undefined;
        await signer(async (request) => {
          signed = request;
          return new Response(null, { status: 204 });
        })(new Request(url, next));
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
      if (response.ok) return undefined;
      const op = operationFor(url, init.method ?? 'GET')?.op;
      if (!op) return undefined;
      const { attempt, totalRetryDelay } = stateOf(init as TrackedInit);
      const error: ChimeServiceException = toServiceException(op, response, await readBody(response.clone()), {
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
