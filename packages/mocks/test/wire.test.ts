/**
 * Mocks generated from the wire fixture answer every kind of operation of the
 * official model like the service: one dispatching handler, literal-query
 * routing, host prefixes, query and header members, 200/201/202/204, output
 * headers and pagination. Requests are plain `fetch`es in the exact wire
 * forms the client sends (see issue 11's shared rules), so these tests do not
 * depend on the client runtime.
 */
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { unhandledIsError } from './setup.js';
import { type WireMocks, wireMocks } from './wire-fixture.js';

const HOST = 'https://wire.us-east-1.example.test';
const MESSAGING = 'https://messaging-wire.us-east-1.example.test';
const IDENTITY = 'https://identity-wire.us-east-1.example.test';
const bearer = { 'x-amz-chime-bearer': 'arn:aws:chime:us-east-1:111122223333:app-instance/x/user/u1' };

let wire: WireMocks;
// biome-ignore lint/suspicious/noExplicitAny: the generated module's types are the fixture's
let mocks: any;
const server = setupServer();

beforeAll(async () => {
  wire = await wireMocks('wire');
  mocks = wire.mocks.chimeMocks;
  server.listen(unhandledIsError);
}, 180_000);
afterEach(() => {
  server.resetHandlers();
  mocks.reset();
});
afterAll(() => {
  server.close();
  wire?.remove();
});

const post = (url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const rejected = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (e: Error & { cause?: unknown }) => String(e.cause ?? e),
  );

describe('one dispatcher', () => {
  it('handlers is one MSW handler that answers all six operations; per-operation scenarios still win', async () => {
    expect(mocks.handlers).toHaveLength(1);
    server.use(...mocks.handlers);
    const statuses = [
      (await fetch(`${HOST}/accounts/a1/items`)).status,
      (await post(`${MESSAGING}/accounts/a1/items`, { Name: 'n', ClientRequestToken: 'tok-1' }, bearer)).status,
      (await post(`${HOST}/accounts/a1/items/i1`, { Name: 'n' })).status,
      (await post(`${HOST}/accounts/a1/items/i1?operation=archive`)).status,
      (await post(`${HOST}/accounts/a1/items/i1?operation=restore`)).status,
      (await fetch(`${IDENTITY}/accounts/a1/items/i1`, { method: 'DELETE' })).status,
    ];
    expect(statuses).toEqual([200, 201, 200, 202, 204, 204]);
    const names = ['listItems', 'createItem', 'updateItem', 'archiveItem', 'restoreItem', 'deleteItem'];
    expect(names.map((n) => mocks[n].calls.length)).toEqual([1, 1, 1, 1, 1, 1]);

    // a once-scenario of ArchiveItem is not used up by UpdateItem, its neighbour on the same method and path
    server.use(mocks.archiveItem.error('NotFoundException', { once: true }));
    expect((await post(`${HOST}/accounts/a1/items/i1`, { Name: 'n' })).status).toBe(200);
    expect((await post(`${HOST}/accounts/a1/items/i1?operation=archive`)).status).toBe(404);
    expect((await post(`${HOST}/accounts/a1/items/i1?operation=archive`)).status).toBe(202);
  });

  it('decodes path members: an ARN with / and : in one segment', async () => {
    server.use(...mocks.handlers);
    const arn = 'arn:aws:chime:us-east-1:1:item/x y';
    const response = await post(`${HOST}/accounts/a1/items/${encodeURIComponent(arn)}`, { Name: 'n' });
    expect(response.status).toBe(200);
    expect(mocks.updateItem.calls[0].input).toEqual({ AccountId: 'a1', ItemId: arn, Name: 'n' });
    expect(((await response.json()) as { Item: { ItemId: string } }).Item.ItemId).toBe(arn);
  });
});

describe('literal queries', () => {
  it('operation=<x> anywhere in the query picks ArchiveItem or RestoreItem; without it, UpdateItem', async () => {
    server.use(...mocks.handlers);
    await post(`${HOST}/accounts/a1/items/i1?x=1&operation=restore`);
    await post(`${HOST}/accounts/a1/items/i1?operation=archive&x=1`, { Reason: 'old' });
    await post(`${HOST}/accounts/a1/items/i1`, { Name: 'renamed' });
    expect(mocks.restoreItem.calls.map((c: { status: number }) => c.status)).toEqual([204]);
    expect(mocks.archiveItem.calls.map((c: { input: unknown }) => c.input)).toEqual([
      { AccountId: 'a1', ItemId: 'i1', Reason: 'old' },
    ]);
    expect(mocks.updateItem.calls.map((c: { input: unknown }) => c.input)).toEqual([
      { AccountId: 'a1', ItemId: 'i1', Name: 'renamed' },
    ]);
  });

  it('an unknown operation= beside a plain operation is the 400, never the plain operation', async () => {
    server.use(...mocks.handlers);
    const response = await post(`${HOST}/accounts/a1/items/i1?operation=bogus`, { Name: 'n' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-ErrorType')).toBe('BadRequestException');
    expect(await response.json()).toEqual({
      Code: 'BadRequest',
      Message: 'Unknown operation=bogus for POST /accounts/{accountId}/items/{itemId}',
    });
    expect(mocks.updateItem.calls).toHaveLength(0);
  });

  it('with no plain operation there, an unknown or missing literal query is the 404 NotFound', async () => {
    const definitions = wire.mocks.definitions.filter((d) => d.name !== 'updateItem');
    const { createMocks } = await import(`${wire.dir}/mocks/runtime.ts`);
    server.use(...createMocks(definitions).handlers);
    for (const url of [`${HOST}/accounts/a1/items/i1?operation=bogus`, `${HOST}/accounts/a1/items/i1`]) {
      const response = await post(url, { Name: 'n' });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-amzn-ErrorType')).toBe('NotFoundException');
      expect(await response.json()).toMatchObject({
        Code: 'NotFound',
        Message: expect.stringMatching(/POST \/accounts\/\{accountId\}\/items\/\{itemId\}.*operation=archive/),
      });
    }
  });
});

describe('host prefixes', () => {
  it('CreateItem answers at messaging-<host>, not at the unprefixed host; DeleteItem at identity-<host>', async () => {
    server.use(...mocks.handlers);
    const create = () => ({ Name: 'n', ClientRequestToken: 'tok-1' });
    expect((await post(`${MESSAGING}/accounts/a1/items`, create(), bearer)).status).toBe(201);
    expect(await rejected(post(`${HOST}/accounts/a1/items`, create(), bearer))).toMatch(/onUnhandled(Request|Frame)/);
    expect(await rejected(fetch(`${HOST}/accounts/a1/items/i1`, { method: 'DELETE' }))).toMatch(/onUnhandled/);
    expect(await rejected(fetch(`${MESSAGING}/accounts/a1/items`))).toMatch(/onUnhandled/); // ListItems has none
    expect(mocks.createItem.calls).toHaveLength(1);
  });

  it('at a loopback baseUrl (localhost, an IP) prefixed operations answer unprefixed', async () => {
    server.use(
      ...wire.mocks.createChimeMocks({ baseUrl: ['http://localhost:4010', 'http://127.0.0.1:4011'] }).handlers,
    );
    const body = { Name: 'n', ClientRequestToken: 'tok-1' };
    expect((await post('http://localhost:4010/accounts/a1/items', body, bearer)).status).toBe(201);
    expect((await post('http://127.0.0.1:4011/accounts/a1/items', body, bearer)).status).toBe(201);
    expect((await fetch('http://127.0.0.1:4011/accounts/a1/items/i1', { method: 'DELETE' })).status).toBe(204);
  });

  it('the loopback server (chime-mock-server) serves every operation without a prefix', async () => {
    const running = await wire.server.startMockServer({ handlers: mocks.handlers });
    server.use(http.all(`${running.url}/*`, () => passthrough())); // real HTTP to 127.0.0.1
    try {
      const created = await post(
        `${running.url}/accounts/a1/items`,
        { Name: 'n', ClientRequestToken: 'tok-1' },
        bearer,
      );
      expect(created.status).toBe(201);
      expect((await fetch(`${running.url}/accounts/a1/items/i1`, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(`${running.url}/accounts/a1/items`)).status).toBe(200);
      expect((await post(`${running.url}/accounts/a1/items/i1?operation=restore`)).status).toBe(204);
    } finally {
      await running.close();
    }
  });
});

describe('query and header members', () => {
  it('reads strings, integers, repeated-key lists, date-times and the bearer header into the recorded input', async () => {
    server.use(...mocks.handlers);
    const query = 'max-results=5&tag=red&tag=blue&created-after=2026-01-02T03:04:05.000Z&next-token=';
    const response = await fetch(`${HOST}/accounts/a1/items?${query.replace('&next-token=', '')}`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(mocks.listItems.calls[0].input).toEqual({
      AccountId: 'a1',
      MaxResults: 5,
      Tags: ['red', 'blue'],
      CreatedAfter: '2026-01-02T03:04:05.000Z',
      ChimeBearer: bearer['x-amz-chime-bearer'],
    });
  });

  it.each([
    [
      'an integer out of range',
      'max-results=0',
      "1 validation error detected: Value '0' at 'max-results' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    ['not an integer', 'max-results=ten', 'STRING_VALUE can not be converted to an Integer'],
    [
      'not a date-time',
      'created-after=yesterday',
      /^1 validation error detected: Value 'yesterday' at 'created-after'/,
    ],
  ])('refuses %s with the service 400', async (_name, query, message) => {
    server.use(...mocks.handlers);
    const response = await fetch(`${HOST}/accounts/a1/items?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-ErrorType')).toBe('BadRequestException');
    expect(((await response.json()) as { Message: string }).Message).toMatch(message);
  });

  it('a missing required header member is refused by its header name', async () => {
    server.use(...mocks.handlers);
    const response = await post(`${MESSAGING}/accounts/a1/items`, { Name: 'n', ClientRequestToken: 'tok-1' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Message: string }).Message).toBe(
      "1 validation error detected: Value null at 'x-amz-chime-bearer' failed to satisfy constraint: Member must not be null",
    );
  });

  it('output members mapped to headers go out as headers, not in the body (default and reply)', async () => {
    server.use(...mocks.handlers);
    const byDefault = await fetch(`${HOST}/accounts/a1/items`);
    expect(byDefault.headers.get('x-total-count')).toMatch(/^\d+$/);
    expect(Object.keys((await byDefault.json()) as object)).not.toContain('TotalCount');

    server.use(mocks.listItems.reply({ Items: [{ ItemId: 'i9' }], TotalCount: 42 }));
    const replied = await fetch(`${HOST}/accounts/a1/items`);
    expect(replied.headers.get('x-total-count')).toBe('42');
    expect(await replied.json()).toEqual({ Items: [{ ItemId: 'i9' }] });
    expect(() => mocks.listItems.reply({ Items: [], TotalCount: 'many' })).toThrow(
      /\/TotalCount \(header x-total-count\): must be integer/,
    );
  });
});

describe('success statuses and default responses', () => {
  it('each operation: its documented status, no body on a 204, a body that passes its output validator', async () => {
    server.use(...mocks.handlers);
    const answers: Record<string, Response> = {
      ListItems: await fetch(`${HOST}/accounts/a1/items`),
      CreateItem: await post(`${MESSAGING}/accounts/a1/items`, { Name: 'n', ClientRequestToken: 'tok-1' }, bearer),
      UpdateItem: await post(`${HOST}/accounts/a1/items/i1`, { Name: 'n' }),
      ArchiveItem: await post(`${HOST}/accounts/a1/items/i1?operation=archive`),
      RestoreItem: await post(`${HOST}/accounts/a1/items/i1?operation=restore`),
      DeleteItem: await fetch(`${IDENTITY}/accounts/a1/items/i1`, { method: 'DELETE' }),
    };
    const seen: Record<string, [number, string]> = {};
    for (const [name, response] of Object.entries(answers)) {
      const text = await response.text();
      seen[name] = [response.status, text === '' ? '(no body)' : 'json'];
      if (text === '') continue;
      const body = JSON.parse(text);
      expect(wire.validators[`${name}Output`]?.check(body)).toMatchObject({ ok: true });
    }
    expect(seen).toEqual({
      ListItems: [200, 'json'],
      CreateItem: [201, 'json'],
      UpdateItem: [200, 'json'],
      ArchiveItem: [202, 'json'],
      RestoreItem: [204, '(no body)'],
      DeleteItem: [204, '(no body)'],
    });
  });

  it('epoch-seconds timestamps are numbers of seconds, date-times RFC 3339 strings; the request is reflected', async () => {
    server.use(...mocks.handlers);
    const response = await post(`${MESSAGING}/accounts/a1/items`, { Name: 'box', ClientRequestToken: 'tok-1' }, bearer);
    const { Item } = (await response.json()) as { Item: Record<string, unknown> };
    expect(Item.Name).toBe('box');
    // within the year before the default reference date, 2026-01-01
    expect(Item.ExpiresAt).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00Z') / 1000);
    expect(Item.ExpiresAt).toBeLessThanOrEqual(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(Number.isInteger(Item.ExpiresAt)).toBe(true);
    expect(Item.CreatedTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('pagination', () => {
  const create = (name: string) =>
    post(`${MESSAGING}/accounts/a1/items`, { Name: name, ClientRequestToken: `tok-${name}` }, bearer);
  const list = async (query: string) => {
    const response = await fetch(`${HOST}/accounts/a1/items?${query}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('follows NextToken through the store: every created item exactly once, in order', async () => {
    const stateful = wire.mocks.createChimeMocks({ store: {} });
    server.use(...stateful.handlers);
    const created: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      const { Item } = (await (await create(name)).json()) as { Item: { ItemId: string } };
      created.push(Item.ItemId);
    }
    expect(new Set(created).size).toBe(5);
    const seen: string[] = [];
    const pages: number[] = [];
    let token: string | undefined;
    do {
      const { status, body } = await list(`max-results=2${token ? `&next-token=${encodeURIComponent(token)}` : ''}`);
      expect(status).toBe(200);
      const items = body.Items as { ItemId: string }[];
      pages.push(items.length);
      seen.push(...items.map((i) => i.ItemId));
      token = body.NextToken as string | undefined;
    } while (token !== undefined && pages.length < 10);
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(created);

    // without MaxResults: one page of everything (the default page is the limit's maximum, 99 here)
    const all = await list('');
    expect((all.body.Items as unknown[]).length).toBe(5);
    expect(all.body.NextToken).toBeUndefined();

    // another account's list is its own; a deleted item is gone from the list
    expect((await fetch(`${HOST}/accounts/a2/items`).then((r) => r.json())) as object).toEqual({ Items: [] });
    await fetch(`${IDENTITY}/accounts/a1/items/${encodeURIComponent(created[0] as string)}`, { method: 'DELETE' });
    expect(((await list('')).body.Items as { ItemId: string }[]).map((i) => i.ItemId)).toEqual(created.slice(1));
  });

  it('a token the mocks did not issue, or issued for other filters, is a 400 BadRequestException', async () => {
    const stateful = wire.mocks.createChimeMocks({ store: {} });
    server.use(...stateful.handlers);
    for (const name of ['a', 'b', 'c']) await create(name);
    const first = await list('max-results=1&tag=x');
    const token = first.body.NextToken as string;
    expect(token).toEqual(expect.any(String));
    expect((await list(`max-results=1&tag=x&next-token=${encodeURIComponent(token)}`)).status).toBe(200);
    for (const query of ['next-token=forged', `tag=y&next-token=${encodeURIComponent(token)}`]) {
      const refused = await list(`max-results=1&${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ Code: 'BadRequest', Message: expect.stringMatching(/^Invalid NextToken/) });
    }
  });

  it('without a store, the default list pages the same way', async () => {
    server.use(...mocks.handlers);
    const { body } = await list('max-results=1');
    expect(body.Items).toHaveLength(1);
    expect(wire.validators.ListItemsOutput?.check(body)).toMatchObject({ ok: true });
  });
});
