// @vitest-environment happy-dom
/**
 * Under happy-dom, whose `Headers` keeps names as they were set: the mocks
 * record them in lower case all the same; the client's signer names them in
 * lower case as SigV4 requires (a header the app's middleware sets as
 * `X-Trace-Id` too), and a request whose SignedHeaders keep happy-dom's case
 * gets the service's refusal, saying why.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClient, setupChimeTest } from '../src/testing.js';

// a path on the page's own origin, as an app behind its proxy: on msw 3, which intercepts below
// happy-dom's fetch, a cross-origin URL first sends a CORS preflight (OPTIONS), which the mocks answer
// as the service does (404: Chime has no CORS)
const { mocks, ...chime } = setupChimeTest(setupServer, { mocks: { baseUrl: '/api/chime' } });
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
    await fetch('/api/chime/accounts/a1/users/u2', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Amz-Date': '20260101T000000Z' },
      body: '{}',
    });
    const [, call] = mocks.updateUser.calls;
    expect(call?.headers['x-amz-date']).toBe('20260101T000000Z');
    expect(Object.keys(call?.headers ?? {}).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('a call the client signs here passes, a header set in mixed case by its middleware included', async () => {
    const trace = (next: (request: Request) => Promise<Response>) => (request: Request) => {
      request.headers.set('X-Trace-Id', 'abc');
      return next(request);
    };
    const signed = createTestClient({
      endpoint: '/api/chime',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      middleware: [trace],
    });
    await expect(signed.updateUser({ AccountId: 'a1', UserId: 'u1' })).resolves.toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
    expect(mocks.updateUser.calls[0]?.headers.authorization).toContain(
      'SignedHeaders=content-type;host;x-amz-date;x-trace-id,',
    );
  });

  it("SignedHeaders that keep happy-dom's case are refused as the service would, saying why", async () => {
    const response = await fetch('/api/chime/accounts/a1/users/u1', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Amz-Date': '20260101T000000Z',
        Authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/chime/aws4_request, SignedHeaders=X-Amz-Date;content-type;host, Signature=0000',
      },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedClientException');
    expect(((await response.json()) as { Message: string }).Message).toContain(
      'SignedHeaders must name headers in lower case; found X-Amz-Date',
    );
  });
});
