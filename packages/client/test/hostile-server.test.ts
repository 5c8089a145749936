/**
 * The client against a hostile server on 127.0.0.1 (real sockets, Node's
 * fetch; no MSW in this file): a body that never ends, a body of 100 MB, a
 * `Retry-After` of 10^9 seconds, and a redirect to another host.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pumpBody, serve, stopServers } from '@chime-api/test-kit/http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  createChimeClient,
  NotFoundException,
  resolveRetryOptions,
  retryDelayMs,
  sleep,
} from '../src/index.js';
import { user } from './helpers.js';

afterEach(stopServers);

const input = { AccountId: 'a1', UserId: 'u1' };
const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const ok = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ User: user }));
};

describe('a response that never ends', () => {
  it('the per-attempt timeout fires while the body arrives: a TimeoutError, not an empty success', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"User":{"UserId":'); // and nothing more
    });
    // long enough for the headers to arrive on a loaded machine: the timeout must fire during the body
    const chime = createChimeClient({ endpoint: url, timeoutMs: 2_000, retry: false });
    const error = await failure(chime.updateUser(input));
    expect(error).toBeInstanceOf(ChimeNetworkError);
    expect(error).toMatchObject({ Code: 'TimeoutError', $metadata: { httpStatusCode: 200, attempts: 1 } });
  });

  it('headers that never come: each attempt times out and is retried', async () => {
    let requests = 0;
    const url = await serve(() => {
      requests++; // never answered
    });
    const chime = createChimeClient({ endpoint: url, timeoutMs: 1_000, retry: { ...fast, maxAttempts: 2 } });
    const error = await failure(chime.updateUser(input));
    expect(error).toMatchObject({ Code: 'TimeoutError', $metadata: { httpStatusCode: 0, attempts: 2 } });
    expect(requests).toBe(2);
  });
});

describe('a 100 MB body', () => {
  /** Streams `total` bytes without a Content-Length (or with one), and reports whether all of it went out. */
  async function huge(status: number, declare: boolean) {
    const total = 100 * 1024 * 1024;
    let sent = () => 0;
    let finished: Promise<boolean> = Promise.resolve(false);
    const url = await serve((_req, res) => {
      finished = new Promise((resolve) => res.once('close', () => resolve(res.writableFinished)));
      res.writeHead(status, { 'content-type': 'application/json', ...(declare ? { 'content-length': total } : {}) });
      ({ sent } = pumpBody(res, total));
    });
    return { url, finished: () => finished, sent: () => sent() };
  }

  it.each([
    [200, false],
    [500, false],
    [200, true],
  ])(
    'HTTP %i (Content-Length declared: %s) is refused once over maxResponseBytes, and the rest is never read',
    async (status, declare) => {
      const server = await huge(status, declare);
      const chime = createChimeClient({ endpoint: server.url, retry: false });
      const error = await failure(chime.updateUser(input));
      expect(error).toBeInstanceOf(ChimeClientError);
      expect(error).toMatchObject({ Code: 'InvalidResponse' });
      expect((error as Error).message).toMatch(
        `The HTTP ${status} response body is over 10485760 bytes (maxResponseBytes).`,
      );
      // the client stopped reading: the server could not send it all
      expect(await server.finished()).toBe(false);
      expect(server.sent()).toBeLessThan(100 * 1024 * 1024);
    },
  );

  it('maxResponseBytes sets the cap', async () => {
    const url = await serve((_req, res) => ok(res));
    const size = Buffer.byteLength(JSON.stringify({ User: user }));
    await expect(createChimeClient({ endpoint: url, maxResponseBytes: size }).updateUser(input)).resolves.toMatchObject(
      {
        User: { UserId: 'u1' },
      },
    );
    const error = await failure(createChimeClient({ endpoint: url, maxResponseBytes: size - 1 }).updateUser(input));
    expect(error).toMatchObject({
      Code: 'InvalidResponse',
      message: expect.stringContaining(`over ${size - 1} bytes`),
    });
  });
});

describe('a Retry-After of 10^9 seconds', () => {
  it("waits the retry policy's maxDelayMs, not 31 years", async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      if (++requests > 1) return ok(res);
      res.writeHead(503, { 'x-amzn-ErrorType': 'ServiceUnavailableException', 'retry-after': '1000000000' });
      res.end('{"Code":"ServiceUnavailable","Message":"later"}');
    });
    const chime = createChimeClient({ endpoint: url, retry: { ...fast, maxDelayMs: 40 } });
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const output = await chime.updateUser(input);
      expect(output.$metadata).toMatchObject({ attempts: 2, totalRetryDelay: 40 });
      const waits = timers.mock.calls.map(([, ms]) => ms);
      expect(waits).toContain(40);
      expect(waits).not.toContain(1e12);
    } finally {
      timers.mockRestore();
    }
  });

  it.each([['1000000000'], [new Date(Date.now() + 1e12).toUTCString()]])(
    'Retry-After %s is capped at the default 20 s',
    (value) => {
      const response = new Response(null, { status: 503, headers: { 'retry-after': value } });
      expect(retryDelayMs(1, response, resolveRetryOptions())).toBe(20_000);
    },
  );

  it('a wait longer than setTimeout can hold (maxDelayMs: Infinity) still waits, rather than firing at once', async () => {
    const response = new Response(null, { status: 503, headers: { 'retry-after': '1000000000' } });
    const delay = retryDelayMs(1, response, resolveRetryOptions({ maxDelayMs: Number.POSITIVE_INFINITY }));
    expect(delay).toBe(1e12);
    const controller = new AbortController();
    const waiting = sleep(delay, controller.signal).then(() => 'woke');
    // an over-long setTimeout fires after 1 ms: it would win this race
    const first = await Promise.race([
      waiting,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 50)),
    ]);
    controller.abort();
    await waiting.catch(() => undefined);
    expect(first).toBe('still waiting');
  });
});

describe('a redirect to another host', () => {
  /** The host a redirect points to: it records what reaches it. */
  async function elsewhere() {
    const seen: IncomingMessage['headers'][] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers);
      ok(res);
    });
    return { url, seen };
  }
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'SESSION-TOKEN' };

  it.each([301, 302, 303, 307, 308])(
    'HTTP %i is refused with a clear error; nothing, signed headers least of all, reaches the other host',
    async (status) => {
      const other = await elsewhere();
      const url = await serve((req, res) => {
        res.writeHead(status, { location: `${other.url}${req.url}` });
        res.end();
      });
      const chime = createChimeClient({ endpoint: url, credentials, retry: false });
      const error = await failure(chime.updateUser(input));
      expect(error).toBeInstanceOf(ChimeClientError);
      expect(error).toMatchObject({ Code: 'InvalidResponse' });
      expect((error as Error).message).toBe(
        `UpdateUser: HTTP ${status} redirect to ${other.url}/accounts/a1/users/u1 not followed, so credentials stay with the endpoint; set endpoint to the URL that answers.`,
      );
      expect(other.seen).toEqual([]);
    },
  );

  it('a retried attempt is not redirected either', async () => {
    const other = await elsewhere();
    let requests = 0;
    const url = await serve((req, res) => {
      if (++requests === 1) {
        res.writeHead(503, { 'x-amzn-ErrorType': 'ServiceUnavailableException' });
        return res.end('{}');
      }
      res.writeHead(307, { location: `${other.url}${req.url}` });
      res.end();
    });
    const chime = createChimeClient({ endpoint: url, credentials, retry: fast });
    expect(await failure(chime.updateUser(input))).toMatchObject({ Code: 'InvalidResponse' });
    expect(requests).toBe(2);
    expect(other.seen).toEqual([]);
  });

  it('chime.raw gets the redirect response itself, and does not follow it', async () => {
    const other = await elsewhere();
    const url = await serve((req, res) => {
      res.writeHead(307, { location: `${other.url}${req.url}` });
      res.end();
    });
    const chime = createChimeClient({ endpoint: url, credentials, retry: false });
    const { response } = await chime.raw.POST('/accounts/{accountId}/users/{userId}', {
      params: { path: { accountId: 'a1', userId: 'u1' } },
      body: {},
    });
    expect(response.status).toBe(307);
    expect(other.seen).toEqual([]);
  });
});

describe('an error code that names an inherited property', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '`x-amzn-ErrorType: %s` is a ChimeServiceException (on a status no error has); a 404 still maps by status',
    async (code) => {
      const url = await serve((req, res) => {
        res.writeHead(req.headers['x-status'] === '404' ? 404 : 418, {
          'content-type': 'application/json',
          'x-amzn-ErrorType': code,
        });
        res.end('{"Message":"no"}');
      });
      const chime = (status: string) =>
        createChimeClient({ endpoint: url, retry: false, fetch: (r) => fetch(r, { headers: { 'x-status': status } }) });
      const error = await failure(chime('418').updateUser(input));
      expect(error).toBeInstanceOf(ChimeServiceException);
      expect(error).toMatchObject({ name: code, Message: 'no', $metadata: { httpStatusCode: 418 } });
      expect(await failure(chime('404').updateUser(input))).toBeInstanceOf(NotFoundException);
    },
  );
});
