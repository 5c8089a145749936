/**
 * Retries as the AWS SDK's standard strategy does: exponential backoff with
 * full jitter and a cap; throttling (429), 500/502/503/504, network errors and
 * per-attempt timeouts are retried, other 4xx never, nor anything that failed
 * before the request left (credentials, your own middleware); `Retry-After` is honoured; every attempt goes
 * through the inner middleware again (so it is re-signed).
 */
import { ChimeNetworkError, resolveErrorCode } from './exceptions.js';
import { attemptsOf, contextOf, type FetchMiddleware, replayRequest } from './metadata.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3; 1 turns retries off. */
  maxAttempts?: number;
  /** The backoff base in ms. Default 100. */
  baseDelayMs?: number;
  /** The cap on one wait in ms. Default 20000. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** ThrottledClientException, ThrottlingException, Throttling, TooManyRequestsException, ... */
const THROTTLING_CODES = /^(Throttl|TooManyRequests)/;

/** True when a response should be tried again. */
export function isRetryableResponse(response: Response): boolean {
  if (response.ok) return false;
  if (RETRYABLE_STATUS.has(response.status)) return true;
  return THROTTLING_CODES.test(resolveErrorCode(response.headers, undefined) ?? '');
}

/**
 * True for transient failures of the network itself: a {@link ChimeNetworkError}
 * (which the client makes of whatever `fetch` throws) that is not an abort.
 * A `TypeError` from elsewhere (a credentials provider, a bug) is not retried.
 */
export function isRetryableError(error: unknown, signal?: AbortSignal | null): boolean {
  return !signal?.aborted && error instanceof ChimeNetworkError && error.Code !== 'AbortError';
}

/** The wait a `Retry-After` header asks for, in ms (seconds or an HTTP date). */
export function retryAfterMs(response: Response, now = Date.now()): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Settings with their defaults filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 3),
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    random: options.random ?? Math.random,
  };
}

/**
 * The wait before attempt `attempt + 1`: full jitter over an exponential
 * backoff, capped; at least what a `Retry-After` asks for (within the cap).
 */
export function retryDelayMs(attempt: number, response: Response | undefined, options: ResolvedRetryOptions): number {
  const jitter = Math.floor(options.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1)));
  const asked = response ? retryAfterMs(response) : undefined;
  return Math.min(options.maxDelayMs, Math.max(jitter, asked ?? 0));
}

/**
 * Waits `ms`, or rejects with a {@link ChimeNetworkError} (`AbortError`, the signal's reason as its cause) as soon as it aborts.
 * A wait of 0 ms or less sets no timer (so retries under a zero backoff need no timers, fake or real).
 */
export function sleep(ms: number, signal: AbortSignal | undefined | null): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ChimeNetworkError(signal?.reason));
    };
    if (signal?.aborted) return onAbort();
    if (ms <= 0) return resolve();
    // capped at setTimeout's limit (about 24.8 days): a longer wait would fire at once
    timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(ms, 2 ** 31 - 1),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * @example
 * createChimeClient({ middleware: [withRetry({ maxAttempts: 5 }), withSigV4({ credentials })] });
 */
export function withRetry(options: RetryOptions = {}): FetchMiddleware {
  const resolved = resolveRetryOptions(options);
  const { maxAttempts } = resolved;
  return (next) => async (request) => {
    let totalRetryDelay = 0;
    // a request whose body the client recorded goes out as is the first time, and is rebuilt for retries
    const sendOriginalFirst = request.body === null || contextOf(request)?.body !== undefined;
    for (let attempt = 1; ; attempt++) {
      const record = () => ({ attempts: attempt, totalRetryDelay });
      let response: Response;
      try {
        response = await next(attempt === 1 && sendOriginalFirst ? request : replayRequest(request));
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryableError(error, request.signal)) {
          attemptsOf.set(request, record());
          throw error;
        }
        const delay = retryDelayMs(attempt, undefined, resolved);
        await sleep(delay, request.signal);
        totalRetryDelay += delay;
        continue;
      }
      if (attempt >= maxAttempts || !isRetryableResponse(response)) {
        attemptsOf.set(response, record());
        return response;
      }
      const delay = retryDelayMs(attempt, response, resolved);
      void response.body?.cancel().catch(() => undefined);
      await sleep(delay, request.signal);
      totalRetryDelay += delay;
    }
  };
}
