/**
 * The HTTP mock server under hostile traffic, as an attacker would send it:
 * malformed, huge and deeply nested bodies, prototype keys, bodies that are
 * not JSON, methods no operation has, clients that trickle their request,
 * bursts, and a store asked to hold ever more resources. Real sockets on
 * 127.0.0.1; every load is bounded in count.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { Validator } from '@chime-api/validation';
import autocannon from 'autocannon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChimeMocks, definitions, MockDefinitionError, type OperationDefinition } from '../src/index.js';
import { createMocks } from '../src/runtime.js';
import { type RunningMockServer, startMockServer } from '../src/server.js';
import { startMemoryChild } from './memory-child.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over node:http, the body sent as given (a Buffer[] is streamed chunk by chunk, without Content-Length). */
function send(
  url: string,
  method: string,
  path: string,
  body?: string | Buffer[],
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  return new Promise<Answer & { written: number }>((resolve, reject) => {
    let written = 0;
    const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), written }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (!Array.isArray(body)) return void req.end(body);
    const chunks = [...body];
    const pump = () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.on('response', () => chunks.splice(0)); // answered: stop sending
    pump();
  });
}

const messageOf = (answer: Answer) => (JSON.parse(answer.body) as { Message: string }).Message;

/** UpdateUser as a spec whose `AlexaForBusinessMetadata` is free-form (a document member): validation lets anything through. */
const anything: Validator<unknown> = {
  schemaName: 'Anything',
  check: (value) => ({ ok: true, value }),
  test: (_value): _value is unknown => true,
  '~standard': { version: 1, vendor: 'test', validate: (value) => ({ value }) },
};
const freeForm: OperationDefinition[] = definitions.map((def) => ({ ...def, input: anything }));

let mock: RunningMockServer;
const mocks = createChimeMocks({
  store: {
    seed: [{ path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1', LicenseType: 'Basic' } } }],
  },
});
let open: RunningMockServer;
const openMocks = createMocks(freeForm, { store: {} });

beforeAll(async () => {
  mock = await startMockServer({ handlers: mocks.handlers });
  open = await startMockServer({ handlers: openMocks.handlers });
});
afterEach(() => mocks.reset());
afterAll(async () => {
  await mock.close();
  await open.close();
});

describe('malformed and huge bodies', () => {
  it.each([
    ['truncated JSON', '{"LicenseType": "Pro"', 'The request body is not valid JSON.'],
    ['a lone surrogate escape and garbage', '{"LicenseType": "\\ud800"}}}', 'The request body is not valid JSON.'],
    ['a JSON number', '42', 'The request body must be a JSON object.'],
    ['null', 'null', 'The request body must be a JSON object.'],
    [
      'bytes that are not UTF-8',
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1'),
      'The request body is not valid JSON.',
    ],
  ])('%s gets 400 BadRequestException', async (_what, body, message) => {
    const answer = await send(mock.url, 'POST', '/accounts/a1/users/u1', body);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect(messageOf(answer)).toBe(message);
  });

  it('a 64 MiB body streamed without Content-Length gets 413 once past 1 MiB, and is not read to its end', async () => {
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(1024 * 1024, 0x61));
    const answer = await send(mock.url, 'POST', '/accounts/a1/users/u1', chunks);
    expect(answer.status).toBe(413);
    expect(messageOf(answer)).toBe('The request body is larger than 1048576 bytes.');
    expect(answer.written).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('deeply nested bodies', () => {
  const deep = (levels: number) => `{"AlexaForBusinessMetadata":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it('200,000 levels under a free-form member get 400 naming the limit, not a stack overflow (500)', async () => {
    const answer = await send(open.url, 'POST', '/accounts/a1/users/u1', deep(200_000));
    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect(messageOf(answer)).toBe('The request body nests objects and arrays deeper than 100 levels.');
  });

  it('nesting inside strings does not count, and 100 levels are accepted', async () => {
    const inString = `{"AlexaForBusinessMetadata":{"AlexaForBusinessRoomArn":"${'[{'.repeat(5_000)}\\""}}`;
    expect((await send(open.url, 'POST', '/accounts/a1/users/u1', inString)).status).toBe(200);
    expect((await send(open.url, 'POST', '/accounts/a1/users/u1', deep(99))).status).toBe(200);
    expect((await send(open.url, 'POST', '/accounts/a1/users/u1', deep(100))).status).toBe(400);
  });

  it("the product spec's own validation refuses deep nesting too (400)", async () => {
    const answer = await send(mock.url, 'POST', '/accounts/a1/users/u1', deep(200_000));
    expect(answer.status).toBe(400);
  });
});

describe('__proto__, constructor and prototype keys', () => {
  const attacks = [
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"AlexaForBusinessMetadata":{"__proto__":{"polluted":"yes"}}}',
    '{"AlexaForBusinessMetadata":{"constructor":{"prototype":{"polluted":"yes"}}}}',
    '{"LicenseType":"Pro","AlexaForBusinessMetadata":{"__proto__":{"IsAlexaForBusinessEnabled":true},"prototype":{"polluted":"yes"}}}',
  ];

  it.each(attacks)('%s is refused with 400 and pollutes nothing', async (body) => {
    const before = JSON.stringify(mocks.store?.entries());
    const answer = await send(mock.url, 'POST', '/accounts/a1/users/u1', body);
    expect(answer.status).toBe(400);
    expect(messageOf(answer)).toMatch(/member '.*(__proto__|constructor|prototype)'/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(mocks.store?.entries())).toBe(before);
  });

  it('where validation lets them through (a free-form member), they reach the store as data, never as a prototype', async () => {
    for (const body of attacks.slice(2)) {
      expect((await send(open.url, 'POST', '/accounts/a1/users/u1', body)).status).toBe(200);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('IsAlexaForBusinessEnabled');
    const [stored] = openMocks.store?.entries() ?? [];
    expect(stored?.path).toEqual({ AccountId: 'a1', UserId: 'u1' });
    const storedBody = stored?.body as { User: object };
    expect(Object.getPrototypeOf(storedBody.User)).toBe(Object.prototype);
  });

  it('path members named __proto__ and constructor are resources like any other', async () => {
    const answer = await send(mock.url, 'POST', '/accounts/__proto__/users/constructor', '{"LicenseType":"Pro"}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ User: { AccountId: '__proto__', UserId: 'constructor' } });
    expect(mocks.store?.get({ AccountId: '__proto__', UserId: 'constructor' })).toMatchObject({
      User: { LicenseType: 'Pro' },
    });
    expect(mocks.store?.get({ AccountId: 'a1', UserId: 'u1' })).toEqual({
      User: { UserId: 'u1', LicenseType: 'Basic' },
    });
    expect(({} as Record<string, unknown>).LicenseType).toBeUndefined();
  });
});

describe('bodies that are not JSON', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }, "sent as 'text/plain'"],
    [
      'text/plain;charset=UTF-8 (what fetch sends for a string)',
      { 'content-type': 'text/plain;charset=UTF-8' },
      "sent as 'text/plain;charset=UTF-8'",
    ],
    [
      'a form (what curl -d sends)',
      { 'content-type': 'application/x-www-form-urlencoded' },
      "sent as 'application/x-www-form-urlencoded'",
    ],
    ['application/hal+json', { 'content-type': 'application/hal+json' }, "sent as 'application/hal+json'"],
    ['no Content-Type', {}, 'sent as no Content-Type'],
  ])('%s gets 415 UnsupportedMediaTypeException, never parsed', async (_what, headers, said) => {
    const answer = await send(mock.url, 'POST', '/accounts/a1/users/u1', '{"LicenseType":"Pro"}', headers);
    expect(answer.status).toBe(415);
    expect(answer.headers['x-amzn-errortype']).toBe('UnsupportedMediaTypeException');
    expect(JSON.parse(answer.body)).toMatchObject({ Code: 'UnsupportedMediaType' });
    expect(messageOf(answer)).toBe(
      `The request body is ${said}; UpdateUser takes application/json: send the header Content-Type: application/json.`,
    );
    expect(mocks.store?.get({ AccountId: 'a1', UserId: 'u1' })).toMatchObject({ User: { LicenseType: 'Basic' } });
  });

  it('application/json with parameters, in any case, is JSON; an empty body needs no Content-Type', async () => {
    const json = await send(mock.url, 'POST', '/accounts/a1/users/u1', '{"LicenseType":"Pro"}', {
      'content-type': 'Application/JSON; charset=utf-8',
    });
    expect(json.status).toBe(200);
    expect((await send(mock.url, 'POST', '/accounts/a1/users/u1', '', {})).status).toBe(200);
  });
});

describe('methods no operation has', () => {
  it.each(['TRACE', 'OPTIONS', 'PUT', 'PROPFIND'])(
    '%s gets the 404 UnknownOperationException of an unknown route, never a retryable 500',
    async (method) => {
      const answer = await send(mock.url, method, '/accounts/a1/users/u1?x=1');
      expect(answer.status).toBe(404);
      expect(answer.headers['x-amzn-errortype']).toBe('UnknownOperationException');
      expect(messageOf(answer)).toBe(`No operation answers ${method} /accounts/a1/users/u1.`);
    },
  );

  it('CONNECT is refused by closing the connection (no tunnel, no 500)', async () => {
    const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (data) => {
      received += data.toString();
    });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    await closed;
    expect(received).toBe('');
    expect((await send(mock.url, 'POST', '/accounts/a1/users/u1', '{}')).status).toBe(200);
  });
});

describe('slow clients (slowloris)', () => {
  let slow: RunningMockServer;
  beforeAll(async () => {
    slow = await startMockServer({ handlers: mocks.handlers, headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
  afterAll(() => slow.close());

  /** Opens a raw connection, sends `head`, then one byte every 50 ms (at most 200: 10 s); what the server said and how many bytes were trickled before it closed. */
  async function trickle(head: string) {
    const { port } = new URL(slow.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (data) => {
      received += data.toString();
    });
    socket.on('error', () => undefined);
    const ended = new Promise<void>((resolve) =>
      socket.on('close', () => {
        closed = true;
        resolve();
      }),
    );
    socket.write(head);
    let trickled = 0;
    while (!closed && trickled < 200) {
      socket.write('x');
      trickled++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    socket.destroy();
    await ended;
    return { received, trickled };
  }

  it('headers trickled byte by byte: 408 and disconnected, before the client is done', async () => {
    const { received, trickled } = await trickle('POST /accounts/a1/users/u1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(trickled).toBeLessThan(200);
  });

  it('a body trickled byte by byte: 408 and disconnected, before the client is done', async () => {
    const { received, trickled } = await trickle(
      'POST /accounts/a1/users/u1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
    );
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(trickled).toBeLessThan(200);
  });

  it('the server still answers others meanwhile', async () => {
    const [, answer] = await Promise.all([
      trickle('POST /accounts/a1/users/u1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
      send(slow.url, 'POST', '/accounts/a1/users/u1', '{"LicenseType":"Plus"}'),
    ]);
    expect(answer.status).toBe(200);
  });
});

describe('a cap on the distinct resources the store holds', () => {
  const user = (id: string, body = '{"LicenseType":"Pro"}') =>
    send(capped.url, 'POST', `/accounts/a1/users/${id}`, body);
  let capped: RunningMockServer;
  const small = createChimeMocks({ store: { maxResources: 3 } });
  beforeAll(async () => {
    capped = await startMockServer({ handlers: small.handlers });
  });
  afterAll(() => capped.close());

  it("past maxResources a new resource gets the operation's 503 ServiceUnavailableException naming the limit; existing ones still update; reset() makes room", async () => {
    for (const id of ['u1', 'u2', 'u3']) expect((await user(id)).status).toBe(200);
    const refused = await user('u4');
    expect(refused.status).toBe(503);
    expect(refused.headers['x-amzn-errortype']).toBe('ServiceUnavailableException');
    expect(messageOf(refused)).toBe(
      "The mocks' store is full: it holds 3 resources (store.maxResources), and this request would add one more. Delete some, call reset(), or raise store.maxResources.",
    );
    expect(small.store?.size).toBe(3);
    expect((await user('u2', '{"LicenseType":"Plus"}')).status).toBe(200);
    expect(small.store?.get({ AccountId: 'a1', UserId: 'u2' })).toMatchObject({ User: { LicenseType: 'Plus' } });
    small.reset();
    expect((await user('u4')).status).toBe(200);
  });

  it('an operation that documents ResourceLimitExceededException answers with it, at its status', async () => {
    const limited = definitions.map((def) => ({
      ...def,
      errors: { ...def.errors, ResourceLimitExceededException: { status: 400 } },
    }));
    const withLimit = createMocks(limited, { store: { maxResources: 1 } });
    const server = await startMockServer({ handlers: withLimit.handlers });
    try {
      expect((await send(server.url, 'POST', '/accounts/a1/users/u1', '{}')).status).toBe(200);
      const refused = await send(server.url, 'POST', '/accounts/a1/users/u2', '{}');
      expect(refused.status).toBe(400);
      expect(refused.headers['x-amzn-errortype']).toBe('ResourceLimitExceededException');
      expect(JSON.parse(refused.body)).toMatchObject({ Code: 'ResourceLimitExceeded' });
    } finally {
      await server.close();
    }
  });

  it('a seed larger than maxResources, or a cap that is not a whole number, is refused when the mocks are created', () => {
    const seed = ['u1', 'u2'].map((UserId) => ({ path: { AccountId: 'a1', UserId }, body: { User: { UserId } } }));
    expect(() => createChimeMocks({ store: { seed, maxResources: 1 } })).toThrow(
      new MockDefinitionError(
        'store.seed has 2 resources, more than store.maxResources (1); raise maxResources or seed fewer.',
      ),
    );
    expect(() => createChimeMocks({ store: { maxResources: 0 } })).toThrow(/store.maxResources must be a whole number/);
  });
});

describe('a burst: 2,000 requests from 50 connections, each for a new resource', () => {
  it('every request is answered, the store stops at its cap and the heap stays bounded (child process, --expose-gc)', async () => {
    const child = await startMemoryChild({ MAX_RESOURCES: '1000' });
    try {
      const { url } = child;
      let n = 0;
      const burst = async (amount: number) => {
        const result = await autocannon({
          url,
          connections: 50,
          amount,
          timeout: 60,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"LicenseType":"Pro"}',
              setupRequest: (request) => ({ ...request, path: `/accounts/a1/users/burst-${n++}` }),
            },
          ],
        });
        expect(result.errors).toBe(0);
        expect(result.timeouts).toBe(0);
        expect(result.requests.total).toBe(amount);
        return result;
      };
      const heap = child.heap;
      const first = await burst(2_000); // fills the store to its cap and warms every path
      expect(first['2xx']).toBe(1_000);
      expect(first['5xx']).toBe(1_000);
      const before = await heap();
      const second = await burst(2_000);
      expect(second['5xx']).toBe(2_000);
      const after = await heap();
      expect(before.resources).toBe(1_000);
      expect(after.resources).toBe(1_000);
      // measured: 1.02× with the cap; without it the second burst keeps 2,000 more users (1.07×, and
      // growing with every burst). 1.1× (~1.9 MiB) fails on anything that keeps ~1 KiB a refused request.
      expect(after.heap).toBeLessThan(before.heap * 1.1);
    } finally {
      child.kill();
    }
  }, 180_000);
});
