/**
 * The SDK generated from the wire fixture (packages/codegen/test/fixtures/wire)
 * with its client (see generated-beside.ts), its generated API class called
 * through a fetch that records what goes on the wire. Literal queries, host prefixes (signed), idempotency tokens, query and
 * header members, output headers, 201/202/204 and empty bodies.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literalQueryToQuery, withHostPrefix } from '../src/middleware.js';
import { generateBeside, packages } from './generated-beside.js';

const endpoint = 'https://wire.us-east-1.example.test';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const now = new Date('2026-02-19T12:34:56Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Call = (input: Record<string, unknown>) => Promise<unknown>;
interface WireSdk {
  createChimeSdk(options: Record<string, unknown>): Record<string, Record<string, Call>>;
  NotFoundException: new (...args: never[]) => Error;
}
let sdk: WireSdk;

let root = '';
beforeAll(async () => {
  root = await generateBeside(join(packages, 'codegen/test/fixtures/wire/openapi.yaml'), 'wire');
  sdk = await import(join(root, 'sdk/index.ts'));
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fetch that records each request as it would go on the wire and answers with the next response. */
function wire(...responses: (() => Response)[]) {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return (responses[Math.min(seen.length - 1, responses.length - 1)] as () => Response)();
  };
  return { seen, fetch };
}

const item = { ItemId: 'i1', Name: 'n', CreatedTimestamp: '2026-01-02T03:04:05Z', ExpiresAt: 1767323045 };
const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    Response.json(body, { status, headers });

function api(fetch: ReturnType<typeof wire>['fetch'], options: Record<string, unknown> = {}) {
  return sdk.createChimeSdk({ fetch, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, ...options })
    .default as Record<string, Call>;
}

/** The same request signed by the AWS SDK's own signer (@smithy/signature-v4), the reference. */
async function referenceAuthorization(request: Request, service: string) {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length > 1 ? values : (values[0] as string);
  }
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of request.headers)
    if (name !== 'authorization' && name !== 'x-amz-date') headers[name] = value;
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
      body: await request.clone().text(),
    }),
    { signingDate: now },
  );
  return signed.headers.authorization;
}

describe('literal queries: typescript-fetch puts them after # in the URL; they are sent as the query', () => {
  it('ArchiveItem: POST …/items/i1?operation=archive with its body; a 202 with a body', async () => {
    const { seen, fetch } = wire(json({ Item: { ...item, Archived: true } }, 202));
    const output = await api(fetch).archiveItem?.({
      accountId: 'a1',
      itemId: 'i1',
      ArchiveItemRequestBody: { Reason: 'old' },
    });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${endpoint}/accounts/a1/items/i1?operation=archive`,
    ]);
    expect(await seen[0]?.json()).toEqual({ Reason: 'old' });
    expect(output).toMatchObject({
      Item: { ItemId: 'i1', Archived: true, CreatedTimestamp: new Date(item.CreatedTimestamp) },
    });
  });

  it('RestoreItem: POST …/items/i1?operation=restore; a 204 without a body resolves', async () => {
    const { seen, fetch } = wire(() => new Response(null, { status: 204 }));
    await expect(api(fetch).restoreItem?.({ accountId: 'a1', itemId: 'i1' })).resolves.toBeUndefined();
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${endpoint}/accounts/a1/items/i1?operation=restore`,
    ]);
  });

  it('UpdateItem, at the same method and path, sends no query', async () => {
    const { seen, fetch } = wire(json({ Item: item }));
    await api(fetch).updateItem?.({ accountId: 'a1', itemId: 'i1', UpdateItemRequestBody: { Name: 'm' } });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${endpoint}/accounts/a1/items/i1`]);
  });

  it('an error from a literal-query operation is that operation’s typed exception', async () => {
    const { fetch } = wire(
      json({ Code: 'NotFound', Message: 'no item' }, 404, { 'x-amzn-ErrorType': 'NotFoundException' }),
    );
    const error = await api(fetch)
      .archiveItem?.({ accountId: 'a1', itemId: 'i1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.NotFoundException);
    expect(error).toMatchObject({ Message: 'no item', $metadata: { httpStatusCode: 404 } });
  });

  it('signed with the literal query in the canonical request', async () => {
    const { seen, fetch } = wire(json({ Item: item }, 202));
    await api(fetch, { credentials, now: () => now }).archiveItem?.({ accountId: 'a1', itemId: 'i1' });
    const request = seen[0] as Request;
    expect(request.url).toBe(`${endpoint}/accounts/a1/items/i1?operation=archive`);
    expect(request.headers.get('authorization')).toBe(await referenceAuthorization(request, 'wire'));
  });
});

describe('the URL rewrites, on their own', () => {
  it.each([
    ['https://h.test/a/i1', 'https://h.test/a/i1'],
    ['https://h.test/a/i1#operation=archive', 'https://h.test/a/i1?operation=archive'],
    ['https://h.test/a/i1#operation=archive?tag=a&tag=b', 'https://h.test/a/i1?operation=archive&tag=a&tag=b'],
    ['https://h.test/a/i1?tag=a', 'https://h.test/a/i1?tag=a'],
  ])('literal query: %s → %s', (url, sent) => {
    expect(literalQueryToQuery(url)).toBe(sent);
  });

  it.each([
    ['https://chime.us-east-1.amazonaws.com/x', 'https://messaging-chime.us-east-1.amazonaws.com/x'],
    ['HTTPS://user:pw@Proxy.Example:8443/c?x=1', 'HTTPS://user:pw@messaging-Proxy.Example:8443/c?x=1'],
    ['http://10.0.0.7:9000/x', 'http://10.0.0.7:9000/x'],
    ['http://[fe80::1]/x', 'http://[fe80::1]/x'],
    ['http://LOCALHOST:3000/x', 'http://LOCALHOST:3000/x'],
  ])('host prefix messaging-: %s → %s', (url, sent) => {
    expect(withHostPrefix(url, 'messaging-')).toBe(sent);
  });
});

describe('host prefixes', () => {
  const create = { accountId: 'a1', x_amz_chime_bearer: 'arn:bearer', CreateItemRequestBody: { Name: 'n' } };

  it('CreateItem goes to messaging-<host>, signed for the prefixed host (checked with @smithy/signature-v4)', async () => {
    const { seen, fetch } = wire(json({ Item: item }, 201));
    await api(fetch, { credentials, now: () => now }).createItem?.(create);
    const request = seen[0] as Request;
    expect(request.url).toBe('https://messaging-wire.us-east-1.example.test/accounts/a1/items');
    expect(request.headers.get('authorization')).toMatch(/SignedHeaders=[^,]*host/);
    expect(request.headers.get('authorization')).toBe(await referenceAuthorization(request, 'wire'));
  });

  it('DeleteItem goes to identity-<host>; a 204 resolves', async () => {
    const { seen, fetch } = wire(() => new Response(null, { status: 204 }));
    await expect(api(fetch).deleteItem?.({ accountId: 'a1', itemId: 'i1' })).resolves.toBeUndefined();
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE https://identity-wire.us-east-1.example.test/accounts/a1/items/i1',
    ]);
  });

  it.each([
    [
      'a custom DNS endpoint with a path',
      'https://proxy.example/chime',
      'https://messaging-proxy.example/chime/accounts/a1/items',
    ],
    ['an IPv4 literal', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/accounts/a1/items'],
    ['an IPv6 literal', 'http://[::1]:8080', 'http://[::1]:8080/accounts/a1/items'],
    ['localhost', 'http://localhost:3000', 'http://localhost:3000/accounts/a1/items'],
  ])('%s: %s → %s', async (_name, base, expected) => {
    const { seen, fetch } = wire(json({ Item: item }, 201));
    await api(fetch, { endpoint: base }).createItem?.(create);
    expect(seen[0]?.url).toBe(expected);
  });

  it('disableHostPrefix: the endpoint’s own host', async () => {
    const { seen, fetch } = wire(json({ Item: item }, 201));
    await api(fetch, { disableHostPrefix: true }).createItem?.(create);
    expect(seen[0]?.url).toBe(`${endpoint}/accounts/a1/items`);
  });
});

describe('idempotency tokens', () => {
  const create = (body: Record<string, unknown>) => ({
    accountId: 'a1',
    x_amz_chime_bearer: 'b',
    CreateItemRequestBody: body,
  });

  it('omitted: a fresh UUID each call; given: kept', async () => {
    const { seen, fetch } = wire(json({ Item: item }, 201));
    const items = api(fetch);
    await items.createItem?.(create({ Name: 'n' }));
    await items.createItem?.(create({ Name: 'n' }));
    await items.createItem?.(create({ Name: 'n', ClientRequestToken: 'mine-123' }));
    const tokens = await Promise.all(
      seen.map(async (r) => ((await r.json()) as { ClientRequestToken: string }).ClientRequestToken),
    );
    expect(tokens[0]).toMatch(UUID);
    expect(tokens[1]).toMatch(UUID);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect(tokens[2]).toBe('mine-123');
  });

  it('the same token, URL and body on every attempt of a retried call (each attempt signed)', async () => {
    const { seen, fetch } = wire(json({ Code: 'ServiceUnavailable', Message: 'down' }, 503), json({ Item: item }, 201));
    const output = await api(fetch, { credentials, now: () => now }).createItem?.(
      create({ Name: 'n', ExpiresAt: new Date(1767323045_500) }),
    );
    expect(output).toMatchObject({ Item: { ExpiresAt: new Date(1767323045_000) } });
    expect(seen).toHaveLength(2);
    const [first, second] = await Promise.all(seen.map((r) => r.clone().json()));
    // a Date member of an epoch-seconds timestamp travels as seconds
    expect(first).toEqual({ Name: 'n', ExpiresAt: 1767323045.5, ClientRequestToken: expect.stringMatching(UUID) });
    expect(second).toEqual(first);
    expect(seen.map((r) => r.url)).toEqual(
      Array(2).fill('https://messaging-wire.us-east-1.example.test/accounts/a1/items'),
    );
    for (const request of seen) {
      expect(request.headers.get('authorization')).toBe(await referenceAuthorization(request, 'wire'));
    }
  });
});

describe('query and header members, output headers, empty bodies', () => {
  it('ListItems: an integer, a string, a repeated list and an RFC 3339 date-time in the query; ChimeBearer as a header', async () => {
    const { seen, fetch } = wire(json({ Items: [item], NextToken: 'p2' }, 200, { 'x-total-count': '3' }));
    const items = api(fetch);
    const input = {
      accountId: 'a1',
      max_results: 5,
      next_token: 'p1',
      tag: ['red', 'blue green'],
      created_after: new Date('2026-01-02T03:04:05Z'),
      x_amz_chime_bearer: 'arn:aws:chime:bearer',
    };
    const output = (await items.listItems?.(input)) as { Items: { ExpiresAt: unknown; CreatedTimestamp: unknown }[] };
    const url = new URL(seen[0]?.url as string);
    expect(url.pathname).toBe('/accounts/a1/items');
    expect([...url.searchParams]).toEqual([
      ['max-results', '5'],
      ['next-token', 'p1'],
      ['tag', 'red'],
      ['tag', 'blue green'],
      ['created-after', '2026-01-02T03:04:05.000Z'],
    ]);
    expect(seen[0]?.headers.get('x-amz-chime-bearer')).toBe('arn:aws:chime:bearer');
    // both kinds of timestamp come back as Dates: RFC 3339 text and epoch seconds
    expect(output.Items[0]).toEqual({
      ...item,
      CreatedTimestamp: new Date(item.CreatedTimestamp),
      ExpiresAt: new Date(1767323045_000),
    });
    // output headers: typescript-fetch's *Raw methods hand back the response
    const raw = (await items.listItemsRaw?.(input)) as { raw: Response; value(): Promise<unknown> };
    expect(raw.raw.headers.get('x-total-count')).toBe('3');
  });

  it.each([
    ['ArchiveItem, 202', 'archiveItem', 202, { accountId: 'a1', itemId: 'i1' }],
    ['UpdateItem, 200', 'updateItem', 200, { accountId: 'a1', itemId: 'i1', UpdateItemRequestBody: { Name: 'm' } }],
    [
      'CreateItem, 201',
      'createItem',
      201,
      { accountId: 'a1', x_amz_chime_bearer: 'b', CreateItemRequestBody: { Name: 'n' } },
    ],
  ])('%s without a body: a success with no members, not a JSON parse error', async (_name, method, status, input) => {
    for (const [body, headers] of [
      [null, {}],
      [null, { 'content-length': '0' }],
      [null, { 'content-type': 'application/json' }],
      ['', {}], // a Response made from '' says text/plain
      [' \n', { 'content-type': 'application/json' }],
    ] as const) {
      const { fetch } = wire(() => new Response(body, { status, headers }));
      await expect(api(fetch)[method]?.(input)).resolves.toEqual({ Item: undefined });
    }
  });
});

describe('createChimeSdk builds every generated API class', () => {
  it('the wire fixture has no tags: one DefaultApi, as `default`, beside the configuration', () => {
    const built = sdk.createChimeSdk({});
    expect(Object.keys(built).sort()).toEqual(['configuration', 'default']);
    expect(built.default?.constructor.name).toBe('DefaultApi');
  });
});
