/**
 * @chime-api/client: the Amazon Chime API as typed functions, batteries
 * included like the AWS SDK: SigV4 signing when given credentials, retries
 * with backoff and jitter by default, per-attempt timeouts and AbortSignal.
 */
import {
  type ChimeBaseClient,
  type ChimeClient,
  type CoreClientOptions,
  createChimeClient as createCore,
  createChimeBaseClient as createCoreBase,
} from './core.js';
import type { FetchMiddleware } from './metadata.js';
import { type RetryOptions, withRetry } from './retry.js';
import { type AwsCredentials, type CredentialsProvider, withSigV4 } from './sigv4.js';

export interface ChimeClientOptions extends CoreClientOptions {
  /** Signing region; defaults to the spec's (`us-east-1`). */
  region?: string;
  /** When given, requests are signed with SigV4 (an object or an async provider). */
  credentials?: AwsCredentials | CredentialsProvider;
  /** Retry settings, or `false` for a single attempt. Default: 3 attempts. */
  retry?: RetryOptions | false;
}

/** Retries outermost, then the caller's middleware, then signing (so every attempt is signed afresh). */
function withBatteries(options: ChimeClientOptions): CoreClientOptions {
  const middleware: FetchMiddleware[] = [];
  if (options.retry !== false) middleware.push(withRetry(options.retry ?? {}));
  middleware.push(...(options.middleware ?? []));
  if (options.credentials) {
    middleware.push(withSigV4({ credentials: options.credentials, region: options.region }));
  }
  return { ...options, middleware };
}

/**
 * Creates the client: one method per operation.
 *
 * @example
 * const chime = createChimeClient({ region: 'us-east-1', credentials, retry: { maxAttempts: 3 } });
 * const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
 */
export function createChimeClient(options: ChimeClientOptions = {}): ChimeClient {
  return createCore(withBatteries(options));
}

/**
 * Creates a client without the operation table, signing and retrying like
 * {@link createChimeClient}: call operations through their standalone
 * functions, and a bundle keeps only the operations it calls.
 *
 * @example
 * import { createChimeBaseClient, updateUser } from '@chime-api/client';
 * const chime = createChimeBaseClient({ region: 'us-east-1', credentials });
 * const { User } = await updateUser(chime, { AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
 */
export function createChimeBaseClient(options: ChimeClientOptions = {}): ChimeBaseClient {
  return createCoreBase(withBatteries(options));
}

// everything the core entry exports (its two constructors are shadowed by the ones above)
export * from './core.js';
export {
  isRetryableError,
  isRetryableResponse,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
  retryAfterMs,
  retryDelayMs,
  sleep,
  withRetry,
} from './retry.js';
export { type AwsCredentials, type CredentialsProvider, type SigV4Options, withSigV4 } from './sigv4.js';
