// @vitest-environment happy-dom
/**
 * Under happy-dom, whose `Headers` keeps names as they were set: the mocks
 * record them in lower case all the same, and a call the client signs
 * (aws4fetch reads those names) is one the service would take.
 */
import { createChimeClient } from '@chime-api/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChimeMocks } from '../src/index.js';
import { fast, unhandledIsError } from './setup.js';

const mocks = createChimeMocks();
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen(unhandledIsError));
afterEach(() => {
  server.resetHandlers();
  mocks.reset();
});
afterAll(() => server.close());

describe('happy-dom', () => {
  it('is the environment: its Headers keeps the case a name was set in', () => {
    const headers = new Headers({ 'X-Amz-Date': '20260101T000000Z' });
    expect([...headers.keys()]).toEqual(['X-Amz-Date']);
  });

  it('a signed call succeeds; its recorded headers are lower case, SignedHeaders sorted', async () => {
    const chime = createChimeClient({
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      retry: fast,
    });
    const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
    expect(User?.LicenseType).toBe('Pro');
    const headers = mocks.updateUser.calls[0]?.headers ?? {};
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    const signed = /SignedHeaders=([^,]+)/.exec(headers.authorization ?? '')?.[1]?.split(';');
    expect(signed).toEqual([...(signed ?? [])].map((n) => n.toLowerCase()).sort());
    expect(signed).toContain('x-amz-date');
  });
});
