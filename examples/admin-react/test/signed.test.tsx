/**
 * A signed client (SigV4, as a signing proxy or a Node-side test would use
 * it) under each DOM: happy-dom's Headers keep the case they were given,
 * and SigV4 requires the signed header names in lower case, sorted. The mocks
 * refuse any other SignedHeaders with 401, as the service would.
 */
import { setupChimeTest } from '@chime-api/mocks/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
// a header the app's own middleware adds, in mixed case: signed by its lower-case name too
const trace = (next: (request: Request) => Promise<Response>) => (request: Request) => {
  request.headers.set('X-Trace-Id', 'abc');
  return next(request);
};
const chime = setupChimeTest(setupServer, {
  mocks: { baseUrl: '/api/chime' },
  client: { credentials, middleware: [trace] },
});
beforeAll(() => chime.listen());
afterEach(() => chime.reset());
afterAll(() => chime.close());

it(`a signed call under ${navigator.userAgent.includes('jsdom') ? 'jsdom' : 'happy-dom'} names its headers as SigV4 requires, and the mocks take it`, async () => {
  const out = await chime.client.updateUser({ AccountId: 'acc-1', UserId: 'u-1', LicenseType: 'Pro' });
  expect(out.User?.LicenseType).toBe('Pro');
  const [call] = chime.mocks.updateUser.calls;
  expect(call?.status).toBe(200);
  const signed = /SignedHeaders=([^,]+)/.exec(call?.headers.authorization ?? '')?.[1]?.split(';') ?? [];
  expect(signed).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-trace-id']));
  expect(signed).toEqual([...signed].map((n) => n.toLowerCase()).sort());
});
