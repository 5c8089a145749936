// @vitest-environment happy-dom
/**
 * Under happy-dom, whose `Headers` keeps names as they were set: the mocks
 * record them in lower case all the same, and a call signed there (aws4fetch
 * reads those names) gets the service's refusal, saying why.
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

  it('headers set in any case are recorded by lower-case name', async () => {
    const { User } = await chime.client.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
    expect(User?.LicenseType).toBe('Pro');
    await fetch('https://chime.us-east-1.amazonaws.com/accounts/a1/users/u2', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Amz-Date': '20260101T000000Z' },
      body: '{}',
    });
    const [, call] = mocks.updateUser.calls;
    expect(call?.headers['x-amz-date']).toBe('20260101T000000Z');
    expect(Object.keys(call?.headers ?? {}).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it("a call aws4fetch signs here is refused as the service would: its SignedHeaders keep happy-dom's case", async () => {
    const signed = createTestClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    const error = await signed.updateUser({ AccountId: 'a1', UserId: 'u1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnauthorizedClientException', $metadata: { httpStatusCode: 401 } });
    expect((error as Error).message).toContain('SignedHeaders must name headers in lower case; found X-Amz-Date');
  });
});
