/**
 * The runtime on a client generated from the wire fixture
 * (packages/codegen/test/fixtures/wire/openapi.yaml): every way the official
 * Chime model sends a member or routes an operation, called through a fetch
 * stub that records each request and answers in turn.
 */
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, type GeneratedClient, generateClient } from './generate-client.js';

type Output = Record<string, unknown> & { $metadata: Record<string, unknown> };
type Call = (input: object, options?: object) => Promise<Output>;
type Name = 'createItem' | 'listItems' | 'archiveItem' | 'restoreItem' | 'deleteItem' | 'updateItem';
type Client = Record<Name, Call> & { send: unknown };
interface WireModule {
  createChimeClient(options?: object): Client;
  createChimeBaseClient(options?: object): { send: unknown };
  createItem(client: object, input: object): Promise<Output>;
  listItems(client: object, input: object): Promise<Output>;
  paginateListItems(client: object, input: object, options?: object): AsyncIterable<Output>;
}

let generated: GeneratedClient;
let wire: WireModule;

beforeAll(async () => {
  generated = await generateClient('wire', fixtures.wire, { validation: true });
  wire = await import(join(generated.dir, 'index.ts'));
}, 180_000);
afterAll(() => generated?.remove());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const item = { ItemId: 'i1', Name: 'n', CreatedTimestamp: '2024-02-03T04:05:06.789Z', ExpiresAt: 1_700_000_000.5 };

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * A fetch that records every request (body read as text) and answers with each
 * reply in turn, the last repeating; a reply that is an Error is thrown (a network failure).
 * More than `limit` requests fail the test instead of looping.
 */
function stubFetch(...replies: ((request: Request) => Response | Error)[]) {
  const requests: { url: URL; method: string; headers: Headers; body: string; request: Request }[] = [];
  const fetch = async (request: Request) => {
    requests.push({
      url: new URL(request.url),
      method: request.method,
      headers: request.headers,
      body: await request.clone().text(),
      request,
    });
    if (requests.length > 20) throw new Error('more than 20 requests: the client is looping');
    const reply = (replies[Math.min(requests.length - 1, replies.length - 1)] as (r: Request) => Response | Error)(
      request,
    );
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch, requests };
}

describe('query members', () => {
  it('strings, integers, lists as repeated keys and Date timestamps as RFC 3339, percent-encoded with %20', async () => {
    const { fetch, requests } = stubFetch(json({ Items: [] }));
    await wire.createChimeClient({ fetch, retry: false }).listItems({
      AccountId: 'a1',
      MaxResults: 25,
      NextToken: 'tok/+=&x y',
      Tags: ['red', 'blue green'],
      CreatedAfter: new Date('2024-02-03T04:05:06.789Z'),
    });
    const { url, method } = requests[0] as (typeof requests)[0];
    expect(method).toBe('GET');
    expect(`${url.origin}${url.pathname}`).toBe('https://wire.us-east-1.example.test/accounts/a1/items');
    expect([...url.searchParams]).toEqual([
      ['max-results', '25'],
      ['next-token', 'tok/+=&x y'],
      ['tag', 'red'],
      ['tag', 'blue green'],
      ['created-after', '2024-02-03T04:05:06.789Z'],
    ]);
    expect(url.search).toContain('tag=blue%20green');
  });

  it('members left out send no key at all', async () => {
    const { fetch, requests } = stubFetch(json({ Items: [] }));
    await wire.createChimeClient({ fetch, retry: false }).listItems({ AccountId: 'a1' });
    expect(requests[0]?.url.search).toBe('');
  });
});

describe('header members', () => {
  it('an input member travels in its header (ChimeBearer → x-amz-chime-bearer)', async () => {
    const { fetch, requests } = stubFetch(json({ Items: [] }));
    await wire.createChimeClient({ fetch, retry: false }).listItems({ AccountId: 'a1', ChimeBearer: 'arn:bearer' });
    expect(requests[0]?.headers.get('x-amz-chime-bearer')).toBe('arn:bearer');
    expect(requests[0]?.url.search).toBe('');
  });

  it('an output header becomes its member, typed by its schema (x-total-count → TotalCount: 42)', async () => {
    const { fetch } = stubFetch(json({ Items: [] }, 200, { 'x-total-count': '42' }));
    const output = await wire.createChimeClient({ fetch, retry: false }).listItems({ AccountId: 'a1' });
    expect(output.TotalCount).toBe(42);
  });
});

describe('timestamps in outputs', () => {
  it('date-time strings and epoch seconds both come back as Dates, at any depth', async () => {
    const { fetch } = stubFetch(json({ Items: [item, { ItemId: 'i2' }] }));
    const output = await wire.createChimeClient({ fetch, retry: false }).listItems({ AccountId: 'a1' });
    const [first, second] = output.Items as Record<string, unknown>[];
    expect(first?.CreatedTimestamp).toEqual(new Date('2024-02-03T04:05:06.789Z'));
    expect(first?.ExpiresAt).toEqual(new Date(1_700_000_000_500));
    expect(second).toEqual({ ItemId: 'i2' });
  });
});

describe('success statuses and empty bodies', () => {
  it.each([
    ['createItem' as const, 'POST', 'https://messaging-wire.us-east-1.example.test/accounts/a1/items', 201],
    ['archiveItem' as const, 'POST', 'https://wire.us-east-1.example.test/accounts/a1/items/i1?operation=archive', 202],
  ])('%s: %s %s answers %i with a body, decoded', async (name, method, url, status) => {
    const { fetch, requests } = stubFetch(json({ Item: item }, status));
    const output = await wire
      .createChimeClient({ fetch, retry: false })
      [name]({ AccountId: 'a1', ItemId: 'i1', ChimeBearer: 'b', Name: 'n' });
    expect(requests.map((r) => [r.method, r.url.href])).toEqual([[method, url]]);
    expect((output.Item as Record<string, unknown>).ExpiresAt).toEqual(new Date(1_700_000_000_500));
    expect(output.$metadata).toMatchObject({ httpStatusCode: status, attempts: 1 });
  });

  it.each([
    [
      'restoreItem' as const,
      'POST',
      'https://wire.us-east-1.example.test/accounts/a1/items/i1?operation=restore',
      204,
      null,
    ],
    ['deleteItem' as const, 'DELETE', 'https://identity-wire.us-east-1.example.test/accounts/a1/items/i1', 204, null],
    [
      'archiveItem' as const,
      'POST',
      'https://wire.us-east-1.example.test/accounts/a1/items/i1?operation=archive',
      202,
      '',
    ],
  ])(
    '%s: %s %s answers %i without a body: a success with { $metadata } only',
    async (name, method, url, status, body) => {
      const { fetch, requests } = stubFetch(() => new Response(body, { status }));
      const output = await wire.createChimeClient({ fetch, retry: false })[name]({ AccountId: 'a1', ItemId: 'i1' });
      expect(requests.map((r) => [r.method, r.url.href, r.body])).toEqual([
        [method, url, name === 'archiveItem' ? '{}' : ''],
      ]);
      expect(output).toEqual({});
      expect(output.$metadata).toMatchObject({ httpStatusCode: status });
    },
  );
});

describe('host prefixes', () => {
  const hosts = async (options: object) => {
    const { fetch, requests } = stubFetch(json({ Item: item }, 201));
    const chime = wire.createChimeClient({ fetch, retry: false, ...options });
    for (const name of ['createItem', 'deleteItem', 'updateItem'] as const)
      await chime[name]({ AccountId: 'a1', ItemId: 'i1', ChimeBearer: 'b', Name: 'n' });
    return requests.map((r) => `${r.url.origin}${r.url.pathname}`);
  };

  it('are prepended to the default endpoint host name, per operation', async () => {
    expect(await hosts({})).toEqual([
      'https://messaging-wire.us-east-1.example.test/accounts/a1/items',
      'https://identity-wire.us-east-1.example.test/accounts/a1/items/i1',
      'https://wire.us-east-1.example.test/accounts/a1/items/i1',
    ]);
  });

  it("and to a custom endpoint's host, keeping its port and path prefix", async () => {
    expect(await hosts({ endpoint: 'https://proxy.example.com:8443/chime/' })).toEqual([
      'https://messaging-proxy.example.com:8443/chime/accounts/a1/items',
      'https://identity-proxy.example.com:8443/chime/accounts/a1/items/i1',
      'https://proxy.example.com:8443/chime/accounts/a1/items/i1',
    ]);
  });

  it.each([['http://127.0.0.1:8080'], ['http://localhost:3000'], ['http://[::1]:9000']])(
    'but not to an IP literal or localhost (%s)',
    async (endpoint) => {
      expect(new Set((await hosts({ endpoint })).map((url) => new URL(url).origin))).toEqual(new Set([endpoint]));
    },
  );

  it('nor anywhere with disableHostPrefix: true', async () => {
    expect(new Set((await hosts({ disableHostPrefix: true })).map((url) => new URL(url).host))).toEqual(
      new Set(['wire.us-east-1.example.test']),
    );
  });
});

describe('SigV4 signs what is sent: the prefixed host, header members and the query', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

  /** Re-signs the request the client sent with @smithy/signature-v4, at the client's own x-amz-date. */
  async function referenceAuthorization({ url, method, headers, body }: ReturnType<typeof stubFetch>['requests'][0]) {
    const stamp = headers.get('x-amz-date') as string;
    const signingDate = new Date(stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length > 1 ? values : (values[0] as string);
    }
    const signed: Record<string, string> = { host: url.host };
    headers.forEach((value, name) => {
      if (name !== 'authorization') signed[name] = value;
    });
    const signer = new SignatureV4({
      credentials,
      region: 'us-east-1',
      service: 'wire',
      sha256: Sha256,
      applyChecksum: false,
    });
    const request = new HttpRequest({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers: signed,
      body: body || undefined,
    });
    return (await signer.sign(request, { signingDate })).headers.authorization;
  }

  it('a POST to messaging-… with a body and a header member', async () => {
    const { fetch, requests } = stubFetch(json({ Item: item }, 201));
    await wire
      .createChimeClient({ fetch, retry: false, credentials })
      .createItem({ AccountId: 'a1', ChimeBearer: 'arn:bearer', Name: 'n' });
    const sent = requests[0] as (typeof requests)[0];
    expect(sent.url.host).toBe('messaging-wire.us-east-1.example.test');
    expect(sent.headers.get('authorization')).toMatch(/SignedHeaders=content-type;host;x-amz-chime-bearer;x-amz-date,/);
    expect(sent.headers.get('authorization')).toBe(await referenceAuthorization(sent));
  });

  it('a GET with a repeated key and characters that need encoding in the query', async () => {
    const { fetch, requests } = stubFetch(json({ Items: [] }));
    await wire.createChimeClient({ fetch, retry: false, credentials }).listItems({
      AccountId: 'a 1',
      NextToken: "a+b/c=d!'()*",
      Tags: ['z', 'a b'],
      CreatedAfter: new Date('2024-02-03T04:05:06Z'),
    });
    const sent = requests[0] as (typeof requests)[0];
    expect(sent.headers.get('authorization')).toBe(await referenceAuthorization(sent));
  });
});

describe('idempotency tokens', () => {
  const bodyOf = (request: { body: string }) => JSON.parse(request.body) as Record<string, unknown>;

  it('are filled with a fresh UUID when left out, and kept when given', async () => {
    const { fetch, requests } = stubFetch(json({ Item: item }, 201));
    const chime = wire.createChimeClient({ fetch, retry: false });
    const input = { AccountId: 'a1', ChimeBearer: 'b', Name: 'n' };
    await chime.createItem(input);
    await chime.createItem(input);
    await chime.createItem({ ...input, ClientRequestToken: 'mine-1' });
    const tokens = requests.map((r) => bodyOf(r).ClientRequestToken);
    expect(tokens[0]).toMatch(UUID);
    expect(tokens[1]).toMatch(UUID);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens[2]).toBe('mine-1');
    expect(input).not.toHaveProperty('ClientRequestToken'); // the caller's object is left alone
  });

  it('one call sends the same token on every retry', async () => {
    const { fetch, requests } = stubFetch(
      () => new TypeError('fetch failed'),
      json({ Code: 'ServiceUnavailable', Message: 'later' }, 503, {
        'x-amzn-ErrorType': 'ServiceUnavailableException',
      }),
      json({ Item: item }, 201),
    );
    const chime = wire.createChimeClient({ fetch, retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const output = await chime.createItem({ AccountId: 'a1', ChimeBearer: 'b', Name: 'n' });
    expect(output.$metadata).toMatchObject({ attempts: 3, httpStatusCode: 201 });
    const tokens = requests.map((r) => bodyOf(r).ClientRequestToken);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toMatch(UUID);
    expect(new Set(tokens).size).toBe(1);
  });

  it("validate: 'request' checks the wire form: the filled token, Dates as epoch seconds and RFC 3339", async () => {
    const { fetch, requests } = stubFetch(json({ Item: item }, 201), json({ Items: [] }));
    const chime = wire.createChimeClient({ fetch, retry: false, validate: 'request' });
    await chime.createItem({ AccountId: 'a1', ChimeBearer: 'b', Name: 'n', ExpiresAt: new Date(1_700_000_000_250) });
    await chime.listItems({ AccountId: 'a1', CreatedAfter: new Date('2024-02-03T04:05:06Z') });
    expect(bodyOf(requests[0] as { body: string })).toEqual({
      Name: 'n',
      ExpiresAt: 1_700_000_000.25,
      ClientRequestToken: expect.stringMatching(UUID),
    });
    // and it still refuses what the spec does not allow, before any request
    const error = await chime.createItem({ AccountId: 'a1', ChimeBearer: 'b', Name: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ChimeClientError', Code: 'ValidationFailed' });
    expect(String((error as Error).message)).toMatch(/\/Name/);
    expect(requests).toHaveLength(2);
  });
});

describe('paginators', () => {
  /** A ListItems that pages by `next-token` through three pages; the last sends `last` as its token. */
  const pager = (last: Record<string, unknown>) => (request: Request) => {
    const token = new URL(request.url).searchParams.get('next-token');
    if (token === null) return json({ Items: [{ ItemId: 'i1' }, { ItemId: 'i2' }], NextToken: 'p2' })();
    if (token === 'p2') return json({ Items: [{ ItemId: 'i3' }, { ItemId: 'i4' }], NextToken: 'p3' })();
    return json({ Items: [{ ItemId: 'i5' }], ...last }, 200, { 'x-total-count': '5' })();
  };

  it.each([
    ['absent', {}],
    ['empty', { NextToken: '' }],
  ])('follow NextToken until it is %s, pageSize setting MaxResults, with a table-free client', async (_, last) => {
    const { fetch, requests } = stubFetch(pager(last));
    const client = wire.createChimeBaseClient({ fetch, retry: false });
    const pages: Output[] = [];
    for await (const page of wire.paginateListItems(client, { AccountId: 'a1', Tags: ['t'] }, { pageSize: 2 }))
      pages.push(page);
    expect(pages.flatMap((p) => (p.Items as { ItemId: string }[]).map((i) => i.ItemId))).toEqual([
      'i1',
      'i2',
      'i3',
      'i4',
      'i5',
    ]);
    expect(pages[2]?.TotalCount).toBe(5);
    expect(requests.map((r) => r.url.search)).toEqual([
      '?max-results=2&tag=t',
      '?max-results=2&next-token=p2&tag=t',
      '?max-results=2&next-token=p3&tag=t',
    ]);
  });

  it('take the full client too, and stop fetching when the loop breaks', async () => {
    const { fetch, requests } = stubFetch(pager({}));
    for await (const page of wire.paginateListItems(wire.createChimeClient({ fetch, retry: false }), {
      AccountId: 'a1',
    })) {
      expect(page.NextToken).toBe('p2');
      break;
    }
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.search).toBe('');
  });

  it.each([
    ['the same token twice in a row', ['t1', 't1']],
    ['a token from an earlier page', ['t1', 't2', 't1']],
  ])('stop with a ChimeClientError when the service sends %s', async (_, tokens) => {
    const { fetch, requests } = stubFetch(...tokens.map((NextToken) => json({ Items: [], NextToken })));
    const pages: Output[] = [];
    const error = await (async () => {
      for await (const page of wire.paginateListItems(wire.createChimeBaseClient({ fetch, retry: false }), {
        AccountId: 'a1',
      }))
        pages.push(page);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ChimeClientError', Code: 'InvalidResponse' });
    expect((error as Error).message).toMatch(
      /^ListItems: page \d came back with a NextToken the service had already sent/,
    );
    expect(pages).toHaveLength(tokens.length);
    expect(requests).toHaveLength(tokens.length);
  });
});

describe('standalone functions', () => {
  it('a table-free client sends through per-operation functions, like the methods do', async () => {
    const { fetch, requests } = stubFetch(
      json({ Item: item }, 201),
      json({ Items: [] }, 200, { 'x-total-count': '0' }),
    );
    const client = wire.createChimeBaseClient({ fetch, retry: false });
    expect(Object.keys(client)).toEqual(['send']);
    const created = await wire.createItem(client, { AccountId: 'a1', ChimeBearer: 'b', Name: 'n' });
    const listed = await wire.listItems(client, { AccountId: 'a1' });
    expect((created.Item as Record<string, unknown>).CreatedTimestamp).toEqual(new Date(item.CreatedTimestamp));
    expect(listed).toEqual({ Items: [], TotalCount: 0 });
    expect(requests.map((r) => r.url.host)).toEqual([
      'messaging-wire.us-east-1.example.test',
      'wire.us-east-1.example.test',
    ]);
  });
});
