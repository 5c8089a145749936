/**
 * @chime-api/mocks in an app that installed msw 3: `setupServer` from msw 3
 * with the generated handlers: scenarios, overrides and resets (msw 3
 * disposes of the handlers a reset removes). Runs on Node 22 and 24 (msw 3
 * needs Node ≥ 22.12): `node scripts/test-node-matrix.mjs`.
 */
import { createRequire } from 'node:module';
import { ChimeServiceException, createChimeClient, NotFoundException } from '@chime-api/client';
import { chimeMocks, createChimeMocks, handlers } from '@chime-api/mocks';
import { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const chime = createChimeClient({ retry: { baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 } });
const server = setupServer(...handlers);
// msw 3 renamed msw 2's `onUnhandledRequest` (which it ignores) to `onUnhandledFrame`
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  chimeMocks.reset();
});
afterAll(() => server.close());

describe('one msw, version 3', () => {
  it('the mocks build their handlers with the app’s msw 3, not a copy of their own', () => {
    const { version } = createRequire(import.meta.url)('msw/package.json') as { version: string };
    expect(version).toMatch(/^3\./);
    // a handler from a second copy of msw is not an instance of this one's class
    // (msw 3 then fails with `handler.dispose is not a function`)
    expect(handlers.every((handler) => handler instanceof RequestHandler)).toBe(true);
    expect(chimeMocks.updateUser.error('NotFoundException')).toBeInstanceOf(RequestHandler);
  });
});

describe('setupServer (msw 3) with the generated handlers', () => {
  it('answers the happy path, reflecting the request', async () => {
    const { User } = await chime.updateUser({ AccountId: 'acc-3', UserId: 'user-3', LicenseType: 'Pro' });
    expect(User).toMatchObject({ UserId: 'user-3', AccountId: 'acc-3', LicenseType: 'Pro' });
    expect(User?.RegisteredOn).toBeInstanceOf(Date);
  });

  it('a staged error answers once, the client retries it, and a reset disposes of the override', async () => {
    server.use(chimeMocks.updateUser.error('ThrottledClientException', { once: true }));
    const output = await chime.updateUser({ AccountId: 'a1', UserId: 'u1' });
    expect(output.$metadata.attempts).toBe(2);
    server.use(chimeMocks.updateUser.error('NotFoundException'));
    await expect(chime.updateUser({ AccountId: 'a1', UserId: 'u1' })).rejects.toBeInstanceOf(NotFoundException);
    server.resetHandlers();
    await expect(chime.updateUser({ AccountId: 'a1', UserId: 'u1' })).resolves.toHaveProperty('User.UserId', 'u1');
  });

  it('answers an invalid request with 400 BadRequestException, naming the member', async () => {
    const error = await chime
      .updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Gold' as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChimeServiceException);
    expect(error).toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect((error as Error).message).toMatch(/LicenseType/i);
  });

  it('reply(), networkError() and the strict store', async () => {
    server.use(chimeMocks.updateUser.reply({ User: { UserId: 'u1', LicenseType: 'Basic' } }, { once: true }));
    await expect(chime.updateUser({ AccountId: 'a1', UserId: 'u1' })).resolves.toHaveProperty(
      'User.LicenseType',
      'Basic',
    );
    server.use(chimeMocks.updateUser.networkError());
    // no response: the client's ChimeNetworkError, with msw 3's rejected fetch (a TypeError) as its cause
    await expect(
      createChimeClient({ retry: false }).updateUser({ AccountId: 'a1', UserId: 'u1' }),
    ).rejects.toMatchObject({ name: 'ChimeNetworkError', cause: expect.any(TypeError) });
    server.resetHandlers();
    const strict = createChimeMocks({ store: { strict: true } });
    server.use(...strict.handlers);
    await expect(chime.updateUser({ AccountId: 'a1', UserId: 'ghost' })).rejects.toBeInstanceOf(NotFoundException);
  });
});
