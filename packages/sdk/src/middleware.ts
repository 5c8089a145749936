/**
 * The client's SigV4 signing, retries, per-attempt timeouts and typed errors,
 * as OpenAPI Generator typescript-fetch `Middleware` for `Configuration.middleware`.
 */
import {
  type AwsCredentials,
  type ChimeServiceException,
  type CredentialsProvider,
  isRetryableError,
  isRetryableResponse,
  type OperationSpec,
  operations,
  type RetryOptions,
  resolveRetryOptions,
  retryDelayMs,
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

const matchers = Object.values(operations).map((op: OperationSpec) => ({
  op,
  method: op.method,
  pattern: new RegExp(`^${op.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^}]+\\\}/g, '[^/]+')}$`),
}));

function operationFor(url: string, method: string): OperationSpec | undefined {
  const { pathname } = new URL(url);
  return matchers.find((m) => m.method === method.toUpperCase() && m.pattern.test(pathname))?.op;
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

  const prepare: Middleware = {
    async pre({ url, init }: RequestContext) {
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
    await sleep(delay, state.callerSignal);
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
      const { attempt, callerSignal } = stateOf(context.init as TrackedInit);
      if (attempt < retry.maxAttempts && isRetryableError(context.error, callerSignal)) {
        return again(context, undefined);
      }
      return undefined;
    },
  };

  const errors: Middleware = {
    async post({ url, init, response }: ResponseContext) {
      if (response.ok) return undefined;
      const op = operationFor(url, init.method ?? 'GET');
      if (!op) return undefined;
      const { attempt, totalRetryDelay } = stateOf(init as TrackedInit);
      const error: ChimeServiceException = toServiceException(op, response, await readBody(response.clone()), {
        attempts: attempt,
        totalRetryDelay,
      });
      throw error;
    },
  };

  return [prepare, retrying, errors];
}
