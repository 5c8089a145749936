// @vitest-environment happy-dom
/**
 * Under happy-dom, whose `Headers` keeps names as they were set: the mocks
 * record them in lower case all the same, and a call the client signs
 * (aws4fetch reads those names) is one the service would take.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClient, setupChimeTest } from '../src/testing.js';

const { mocks, ...chime } = setupChimeTest(setupServer);
beforeAll(() => chime.listen());
afterEach(() => chime.reset());
afterAll(() => chime.close());

describe('happy-dom', () => {
  it('is the environment: its Headers keeps the case a name was set in', () => {
    const headers = new Headers({ 'X-Amz-Date': '20260101T000000Z' });
    expect([...headers.keys()]).toEqual(['X-Amz-Date']);
  });

  it('a signed call succeeds; its recorded headers are lower case, SignedHeaders sorted', async () => {
    const signed = createTestClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    const { User } = await signed.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
    expect(User?.LicenseType).toBe('Pro');
    const headers = mocks.updateUser.calls[0]?.headers ?? {};
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    const names = /SignedHeaders=([^,]+)/.exec(headers.authorization ?? '')?.[1]?.split(';');
    expect(names).toEqual([...(names ?? [])].map((n) => n.toLowerCase()).sort());
    expect(names).toContain('x-amz-date');
  });
});
