/**
 * @chime-api/mocks/testing: the test preset. A client and mocks made for
 * tests (vitest or jest, in Node, jsdom or happy-dom): retries that never
 * wait, request ids that are the same in every run, no credentials, and
 * every request the mocks do not answer failing the test. Nothing here
 * imports `msw/node`: `setupChimeTest` takes your msw's `setupServer`, so
 * the app's one msw (2 or 3) is used and this entry bundles for a browser too.
 */
import { type ChimeClient, type ChimeClientOptions, createChimeClient, type RetryOptions } from '@chime-api/client';
import { type ChimeMocks, type ChimeStoreSeed, createChimeMocks } from './handlers.gen.js';
import type { RequestHandler } from './msw.js';
import type { ChimeMocksOptions } from './runtime.js';

/**
 * The client's retries with no wait between attempts: the same 3 attempts
 * and the same rules (throttling, 5xx and network errors are retried), a
 * backoff of 0 ms, `Retry-After` capped to 0, no jitter; no timer is set.
 * A test of a retried `ThrottledClientException` takes no longer than one
 * without, with or without fake timers.
 */
export const testRetry = {
  baseDelayMs: 0,
  maxDelayMs: 0,
  random: () => 0,
} as const satisfies RetryOptions;

/**
 * A client for tests: {@link testRetry}, and unsigned unless you pass
 * `credentials` (the mocks need none). Other options are the client's.
 *
 * @example
 * const chime = createTestClient({ endpoint: 'http://localhost:3000/api/chime' });
 */
export function createTestClient(options: ChimeClientOptions = {}): ChimeClient {
  return createChimeClient({ ...options, retry: options.retry ?? testRetry });
}

/**
 * `listen()` options that fail the test on a request no handler answers: msw
 * 2 reads `onUnhandledRequest`, msw 3 `onUnhandledFrame` (each ignores the other).
 */
export const failOnUnhandledRequest = { onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as const;

/** What `setupChimeTest` needs of msw's `setupServer` (msw/node, msw 2 or 3). */
export interface TestServer {
  listen(options?: Record<string, unknown>): void;
  use(...handlers: RequestHandler[]): void;
  resetHandlers(): void;
  close(): void;
}

export interface ChimeTestOptions {
  /** The mocks' options; the preset's are `seed: 'chime-test'` and `onInvalidRequest: 'throw'`. */
  mocks?: ChimeMocksOptions<ChimeStoreSeed>;
  /** The client's options, over {@link createTestClient}'s; its endpoint defaults to the mocks' one `baseUrl`. */
  client?: ChimeClientOptions;
}

/** A test's server, mocks and client, and the three steps around each test. */
export interface ChimeTest {
  server: TestServer;
  mocks: ChimeMocks;
  client: ChimeClient;
  /** `beforeAll`: starts intercepting; an unanswered request fails the test ({@link failOnUnhandledRequest}). */
  listen(): void;
  /**
   * `afterEach`: removes the test's `server.use(...)` scenarios, clears the
   * recorded calls and restarts the request ids; then throws the first
   * invalid request the mocks got during the test, if any, failing it.
   */
  reset(): void;
  /** `afterAll`: stops intercepting. */
  close(): void;
}

/**
 * The preset: mocks with a fixed seed (the same request ids and made-up data
 * in every run) that fail the test on an invalid request, a server of them,
 * and a {@link createTestClient} client pointed at them.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { setupChimeTest } from '@chime-api/mocks/testing';
 *
 * const chime = setupChimeTest(setupServer);
 * beforeAll(() => chime.listen());
 * afterEach(() => chime.reset());
 * afterAll(() => chime.close());
 *
 * chime.server.use(chime.mocks.updateUser.error('ThrottledClientException', { once: true }));
 * const { User } = await chime.client.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' }); // retried at once
 */
export function setupChimeTest(
  setupServer: (...handlers: RequestHandler[]) => TestServer,
  options: ChimeTestOptions = {},
): ChimeTest {
  const mocks = createChimeMocks({ seed: 'chime-test', onInvalidRequest: 'throw', ...options.mocks });
  const server = setupServer(...mocks.handlers);
  const baseUrl = options.mocks?.baseUrl;
  const endpoint = typeof baseUrl === 'string' && baseUrl !== '*' ? { endpoint: baseUrl } : {};
  const client = createTestClient({ ...endpoint, ...options.client });
  return {
    server,
    mocks,
    client,
    listen: () => server.listen(failOnUnhandledRequest),
    reset: () => {
      server.resetHandlers();
      mocks.reset();
    },
    close: () => server.close(),
  };
}
