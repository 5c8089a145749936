import { createChimeClient } from '@chime-api/client';

export const fast = { baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };
export const client = (options: Parameters<typeof createChimeClient>[0] = {}) =>
  createChimeClient({ retry: fast, ...options });
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
