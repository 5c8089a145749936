/**
 * The wire rules on their own: which hosts take a prefix, which requests a
 * literal query picks, the timestamp codec, and a request and a response
 * through the codec both ways. The round trip over the whole API is in
 * packages/whole-api (test/round-trip.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  createRouter,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  hostPrefixed,
  type OperationSpec,
  redact,
  reviveInput,
  splitPathKey,
  timestampFromWire,
  timestampToWire,
  withWireSteps,
} from '../src/index.js';

const refuse = (_op: OperationSpec, member: { name: string }, problem: string): never => {
  throw new Error(`${member.name} ${problem}`);
};

describe('the host-prefix rule', () => {
  it.each([
    ['https://chime.us-east-1.amazonaws.com', 'https://messaging-chime.us-east-1.amazonaws.com'],
    ['https://1password.example/x', 'https://messaging-1password.example/x'],
    ['http://127.0.0.1:9000/x', 'http://127.0.0.1:9000/x'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['http://localhost:3000', 'http://localhost:3000'],
  ])('%s → %s', (url, sent) => {
    expect(hostPrefixed(url, 'messaging-')).toBe(sent);
  });

  it('the mocks answer a prefixed operation at the prefixed name of a DNS host that starts with a digit', () => {
    const router = createRouter(
      [{ method: 'GET', path: '/x', hostPrefix: 'messaging-' }],
      ['https://1password.example'],
    );
    expect(router.route('GET', new URL('https://messaging-1password.example/x'))).toMatchObject({ kind: 'operation' });
  });
});

describe('the literal-query rule', () => {
  it('a path key splits at its first #: the template, then the literal query', () => {
    expect(splitPathKey('/items/{itemId}#operation=archive')).toEqual(['/items/{itemId}', 'operation=archive']);
    expect(splitPathKey('/items/{itemId}')).toEqual(['/items/{itemId}', '']);
    expect(splitPathKey('/a#b=1#c')).toEqual(['/a', 'b=1#c']);
  });

  const ops = [
    { method: 'GET', path: '/search', query: 'type=users&scope=account' },
    { method: 'GET', path: '/search', query: 'type=users&scope=app' },
    { method: 'GET', path: '/search' },
  ];
  const router = createRouter(ops, ['*']);

  it('routes to the operation whose every pair the request carries', () => {
    expect(router.route('GET', 'https://h.test/search?type=users&scope=app')).toMatchObject({ index: 1 });
    expect(router.route('GET', 'https://h.test/search?scope=account&x=1&type=users')).toMatchObject({ index: 0 });
    expect(router.route('GET', 'https://h.test/search')).toMatchObject({ index: 2 });
  });

  it('a request carrying only some pairs of an operation is not that operation', () => {
    expect(router.route('GET', 'https://h.test/search?type=users')).toMatchObject({
      kind: 'unknown-query',
      sent: 'type=users',
      known: ['type=users&scope=account', 'type=users&scope=app'],
    });
  });
});

describe('the timestamp codec', () => {
  it('epoch seconds to the millisecond, both ways, whatever the float', () => {
    for (const ms of [0, 1, 999, 1_704_067_200_123, 1_704_067_200_999, 1_111_111_111_111]) {
      const date = new Date(ms);
      expect(timestampFromWire(timestampToWire(date, 'unixTimestamp'), 'unixTimestamp')?.getTime()).toBe(ms);
    }
  });

  it('RFC 3339 for date-time; a value of another kind, or no date, is no timestamp', () => {
    expect(timestampToWire(new Date(0), 'date-time')).toBe('1970-01-01T00:00:00.000Z');
    expect(timestampFromWire('not a date', 'date-time')).toBeUndefined();
    expect(timestampFromWire('2024-01-01T00:00:00Z', 'unixTimestamp')).toBeUndefined();
    expect(timestampToWire('as given', 'unixTimestamp')).toBe('as given');
  });
});

describe('a hand-written operation through the codec', () => {
  const op = withWireSteps<OperationSpec>({
    operationId: 'CreateItem',
    method: 'POST',
    path: '/accounts/{accountId}/items',
    query: 'operation=create',
    hostPrefix: 'messaging-',
    members: [
      { name: 'AccountId', in: 'path', wireName: 'accountId', required: true },
      { name: 'Tags', in: 'query', wireName: 'tag', required: false, type: 'array', items: 'string' },
      { name: 'Limit', in: 'header', wireName: 'x-limit', required: false, type: 'integer' },
      { name: 'ExpiresAt', in: 'body', wireName: 'ExpiresAt', required: false, timestamp: 'unixTimestamp' },
      { name: 'Token', in: 'body', wireName: 'ClientRequestToken', required: false, idempotencyToken: true },
    ],
    successStatus: 201,
    datePaths: [['Item', 'CreatedOn']],
    outputHeaders: [{ name: 'Total', header: 'x-total', type: 'integer' }],
    errors: {},
    sensitive: ['Secret'],
  });

  it('encodes the request as it travels, and decodes it back into the input', async () => {
    const input = { AccountId: 'a/1', Tags: ['x y', 'z'], Limit: 5, ExpiresAt: new Date(1_700_000_000_500) };
    const sent = encodeRequest(op, input, { base: 'https://chime.example', refuse });
    expect(sent.url).toBe('https://messaging-chime.example/accounts/a%2F1/items?operation=create&tag=x%20y&tag=z');
    expect(sent.headers).toEqual({ 'x-limit': '5', 'content-type': 'application/json' });
    const body = JSON.parse(sent.body as string);
    expect(body.ExpiresAt).toBe(1_700_000_000.5);
    expect(body.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    const request = new Request(sent.url, { method: 'POST', headers: sent.headers, body: sent.body });
    const route = createRouter([op], ['https://chime.example']).route('POST', new URL(request.url));
    expect(route).toMatchObject({ kind: 'operation', index: 0, params: { accountId: 'a/1' } });
    const decoded = decodeRequest(op, {
      url: new URL(request.url),
      headers: request.headers,
      params: route?.kind === 'operation' ? route.params : {},
      body: await request.json(),
    });
    expect(reviveInput(op, decoded)).toEqual({ ...input, Token: body.ClientRequestToken });
  });

  it('refuses a path member that cannot be sent, through the caller’s refuse', () => {
    expect(() => encodeRequest(op, { AccountId: '..' }, { base: 'https://h.test', refuse })).toThrow(
      'AccountId must not be ".."',
    );
  });

  it('encodes a success (header members as headers, Dates as text) and decodes it back', async () => {
    const output = { Item: { CreatedOn: new Date(86_400_000) }, Total: 3 };
    // the Dates are converted in place (the mocks hand it bodies of their own)
    const sent = encodeResponse(op, structuredClone(output));
    expect(sent).toEqual({
      status: 201,
      headers: { 'x-total': '3' },
      body: { Item: { CreatedOn: '1970-01-02T00:00:00.000Z' } },
    });
    const response = new Response(JSON.stringify(sent.body), sent);
    expect(decodeResponse(op, response, await response.json())).toEqual(output);
  });

  it('redacts sensitive members at any depth', () => {
    expect(redact({ a: [{ Secret: 's', b: 1 }] }, op.sensitive)).toEqual({ a: [{ Secret: '***', b: 1 }] });
  });
});
