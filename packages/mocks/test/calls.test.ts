/** What `calls` records: every request that reached an operation, valid or not, with its headers and answer. */
import { createChimeClient } from '@chime-api/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChimeMocks } from '../src/index.js';
import { client, failure, fast } from './setup.js';

const mocks = createChimeMocks();
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mocks.reset();
});
afterAll(() => server.close());

describe('calls', () => {
  it('records a signed request with its Authorization header and its answer', async () => {
    const signed = createChimeClient({
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      retry: fast,
    });
    await signed.updateUser({ AccountId: 'a1', UserId: 'u/1', LicenseType: 'Pro' });
    expect(mocks.updateUser.calls).toHaveLength(1);
    const [call] = mocks.updateUser.calls;
    expect(call).toMatchObject({
      input: { AccountId: 'a1', UserId: 'u/1', LicenseType: 'Pro' },
      method: 'POST',
      url: 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u%2F1',
      issues: [],
      scenario: 'default',
      status: 200,
      errorType: undefined,
    });
    expect(call?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/chime\/aws4_request/,
    );
    expect(call?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('makes retries visible: the throttled attempt, then the one that succeeded', async () => {
    server.use(mocks.updateUser.error('ThrottledClientException', { once: true }));
    const output = await client().updateUser({ AccountId: 'a1', UserId: 'u1' });
    expect(output.$metadata.attempts).toBe(2);
    expect(mocks.updateUser.calls.map((c) => [c.scenario, c.status, c.errorType])).toEqual([
      ['error', 429, 'ThrottledClientException'],
      ['default', 200, undefined],
    ]);
    expect(mocks.updateUser.calls[1]?.requestId).toBe(output.$metadata.requestId);
  });

  it('records network-error attempts', async () => {
    server.use(mocks.updateUser.networkError({ once: true }));
    await client().updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    expect(mocks.updateUser.calls.map((c) => [c.scenario, c.status])).toEqual([
      ['networkError', 'network-error'],
      ['default', 200],
    ]);
    expect(mocks.updateUser.calls[0]?.input).toEqual({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
  });

  it('records invalid requests with their issues and no input', async () => {
    await failure(client().updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Gold' as never }));
    expect(mocks.updateUser.calls).toMatchObject([
      {
        input: undefined,
        issues: [{ path: '/LicenseType', keyword: 'enum' }],
        scenario: 'default',
        status: 400,
        errorType: 'BadRequestException',
      },
    ]);
  });

  it('keeps at most maxCalls per operation, the newest', async () => {
    const few = createChimeMocks({ maxCalls: 3 });
    server.use(...few.handlers);
    const chime = client();
    for (const UserId of ['u1', 'u2', 'u3', 'u4', 'u5']) await chime.updateUser({ AccountId: 'a1', UserId });
    expect(few.updateUser.calls.map((c) => c.input?.UserId)).toEqual(['u3', 'u4', 'u5']);
    expect(() => createChimeMocks({ maxCalls: -1 })).toThrow(/maxCalls must be a whole number/);
  });
});
