import { createChimeClient } from '@chime-api/client';

export const fast = { baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };
export const client = (options: Parameters<typeof createChimeClient>[0] = {}) =>
  createChimeClient({ retry: fast, ...options });
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/**
 * Unhandled requests fail the test, on msw 2 (`onUnhandledRequest`) and msw 3
 * (`onUnhandledFrame`, its new name for it): each ignores the other's key.
 */
export const unhandledIsError = { onUnhandledRequest: 'error', onUnhandledFrame: 'error' } as const;
