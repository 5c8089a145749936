/**
 * The table-free transport (`createChimeBaseClient().send`) on operation specs
 * written here, for the wire forms no fixture operation has: a boolean and an
 * epoch-seconds query member, a literal query followed by members, header
 * lists and header timestamps; and the endpoints the client refuses.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChimeClientError, createChimeBaseClient, withWireSteps } from '../src/core.js';
import { createChimeClient } from '../src/index.js';

// a spec written by hand takes the steps its data fields call for, as a generated one has them
const search = withWireSteps({
  operationId: 'SearchThings',
  method: 'POST',
  path: '/things/{thingId}',
  query: 'operation=search',
  members: [
    { name: 'ThingId', in: 'path', wireName: 'thingId', required: true, type: 'string' },
    { name: 'Deep', in: 'query', wireName: 'deep', required: false, type: 'boolean' },
    { name: 'Since', in: 'query', wireName: 'since', required: false, type: 'number', timestamp: 'unixTimestamp' },
    { name: 'Until', in: 'query', wireName: 'until', required: false, type: 'string', timestamp: 'date-time' },
    { name: 'Ids', in: 'query', wireName: 'id', required: false, type: 'array', items: 'integer' },
    { name: 'Labels', in: 'header', wireName: 'x-labels', required: false, type: 'array', items: 'string' },
    { name: 'AsOf', in: 'header', wireName: 'x-as-of', required: false, type: 'string', timestamp: 'date-time' },
    { name: 'Strict', in: 'header', wireName: 'x-strict', required: false, type: 'boolean' },
    { name: 'At', in: 'body', wireName: 'At', required: false, timestamp: 'unixTimestamp' },
    { name: 'Token', in: 'body', wireName: 'Token', required: true, idempotencyToken: true },
  ],
  successStatus: 200,
  datePaths: [],
  errors: {},
  sensitive: [],
});

async function sent(input: object) {
  const requests: Request[] = [];
  const client = createChimeBaseClient({
    endpoint: 'https://things.example.test',
    fetch: async (request) => {
      requests.push(request);
      return new Response('{}');
    },
  });
  await client.send(search, input);
  return requests[0] as Request;
}

describe('wire forms', () => {
  it('the literal query goes first, then booleans, epoch seconds, RFC 3339 and repeated integers', async () => {
    const request = await sent({
      ThingId: 't1',
      Deep: false,
      Since: new Date(1_700_000_000_000),
      Until: new Date('2024-02-03T04:05:06Z'),
      Ids: [3, 1],
    });
    expect(request.url).toBe(
      'https://things.example.test/things/t1?operation=search&deep=false&since=1700000000&until=2024-02-03T04%3A05%3A06.000Z&id=3&id=1',
    );
  });

  it('a literal query alone', async () => {
    expect((await sent({ ThingId: 't1' })).url).toBe('https://things.example.test/things/t1?operation=search');
  });

  it('header lists comma-joined, header timestamps RFC 3339, booleans as true/false; a body timestamp as epoch seconds', async () => {
    const request = await sent({
      ThingId: 't1',
      Labels: ['a', 'b c'],
      AsOf: new Date('2024-02-03T04:05:06Z'),
      Strict: true,
      At: new Date(1_700_000_000_500),
    });
    expect(request.headers.get('x-labels')).toBe('a,b c');
    expect(request.headers.get('x-as-of')).toBe('2024-02-03T04:05:06.000Z');
    expect(request.headers.get('x-strict')).toBe('true');
    expect(JSON.parse(await request.text())).toEqual({ At: 1_700_000_000.5, Token: expect.any(String) });
  });
});

describe('idempotency tokens where crypto.randomUUID is missing (a browser page on plain http)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are v4 UUIDs from crypto.getRandomValues, a fresh one per call', async () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    expect(globalThis.crypto.randomUUID).toBeUndefined();
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push(JSON.parse(await (await sent({ ThingId: 't1' })).text()).Token);
    for (const token of tokens)
      expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(tokens).size).toBe(3);
  });
});

describe('endpoints the client refuses when it is created', () => {
  it.each([
    ['a query', 'https://proxy.example.com/chime?key=1', /has a query or fragment \(`\?` or `#`\)/],
    ['a fragment', 'https://proxy.example.com/chime#top', /has a query or fragment \(`\?` or `#`\)/],
    ['no scheme', 'proxy.example.com', /is not an absolute URL/],
  ])('%s (%s)', (_, endpoint, reason) => {
    for (const create of [createChimeClient, createChimeBaseClient]) {
      let error: unknown;
      try {
        create({ endpoint });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ChimeClientError);
      expect(error).toMatchObject({ Code: 'InvalidConfiguration' });
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).toContain('Pass an origin and an optional path prefix only');
    }
  });

  it('a path prefix with or without a trailing slash is fine', async () => {
    for (const endpoint of ['https://proxy.example.com/chime', 'https://proxy.example.com/chime/']) {
      const requests: Request[] = [];
      await createChimeBaseClient({
        endpoint,
        fetch: async (request) => {
          requests.push(request);
          return new Response('{}');
        },
      }).send(search, { ThingId: 't1' });
      expect(requests[0]?.url).toBe('https://proxy.example.com/chime/things/t1?operation=search');
    }
  });
});

describe('a relative endpoint (the app’s own proxy, `/api/chime`)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('in a page, resolves against location: requests go to the page’s origin', async () => {
    vi.stubGlobal('location', { href: 'https://admin.example.com/users/u1?tab=licence' });
    const requests: Request[] = [];
    const chime = createChimeClient({
      endpoint: '/api/chime',
      retry: false,
      fetch: async (request) => {
        requests.push(request);
        return Response.json({ User: { UserId: 'u1' } });
      },
    });
    await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
    expect(requests.map((r) => r.url)).toEqual(['https://admin.example.com/api/chime/accounts/a1/users/u1']);
  });

  it('in Node (no location), is refused when the client is created, saying what to pass instead', () => {
    expect(globalThis.location).toBeUndefined();
    for (const create of [createChimeClient, createChimeBaseClient]) {
      expect(() => create({ endpoint: '/api/chime' })).toThrow(ChimeClientError);
      expect(() => create({ endpoint: '/api/chime' })).toThrow(
        /"\/api\/chime" is not an absolute URL\. Pass an origin and an optional path prefix only, e\.g\. "https:/,
      );
    }
  });

  it('a relative endpoint that is not a path from the root stays refused, in a page too', () => {
    vi.stubGlobal('location', { href: 'https://admin.example.com/users/' });
    expect(() => createChimeClient({ endpoint: 'api/chime' })).toThrow(/is not an absolute URL/);
  });
});
