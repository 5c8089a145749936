import { request as httpRequest } from 'node:http';
import { createChimeClient } from '@chime-api/client';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChimeMocks } from '../src/index.js';
import { type RunningMockServer, startMockServer } from '../src/server.js';
import { startMemoryChild } from './memory-child.js';

let mock: RunningMockServer;
const mocks = createChimeMocks({ store: {} });

beforeAll(async () => {
  mock = await startMockServer({ handlers: mocks.handlers });
});
afterAll(() => mock.close());

/** A raw POST over node:http, so bodies and URLs go out exactly as given. */
function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(
      `${mock.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', (error) =>
      (error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? undefined
        : reject(error),
    );
    req.end(body);
  });
}

describe('the HTTP mock server on 127.0.0.1', () => {
  it('listens on loopback only', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the client over real HTTP, with state', async () => {
    const chime = createChimeClient({ endpoint: mock.url, credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
    await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Plus' });
    const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    expect(User).toMatchObject({ UserId: 'u1', LicenseType: 'Plus', UserType: 'SharedDevice' });
    expect(User?.InvitedOn).toBeInstanceOf(Date);
  });

  it('answers malformed JSON with 400 BadRequestException', async () => {
    const res = await post('/accounts/a/users/u', '{"LicenseType": "Pro"');
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect(JSON.parse(res.body)).toMatchObject({ Code: 'BadRequest', Message: 'The request body is not valid JSON.' });
  });

  it('answers a 10 MB body with 413, and other requests are not stalled meanwhile', async () => {
    const huge = post('/accounts/a/users/u', Buffer.alloc(10 * 1024 * 1024, 0x61));
    const meanwhile = post('/accounts/a/users/u', '{"LicenseType":"Basic"}');
    const [big, small] = await Promise.all([huge, meanwhile]);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ Code: 'BadRequest' });
    expect(small.status).toBe(200);
  });

  it('answers a 100,000-character path member with 400', async () => {
    const res = await post(`/accounts/a/users/${'x'.repeat(100_000)}`, '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).Message).toMatch(/at most 16384 are accepted/);
  });

  it('answers an unknown route with 404 UnknownOperationException', async () => {
    const res = await post('/nope', '{}');
    expect(res.status).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });

  it("gives every response its own x-amzn-RequestId, the server's own refusals included", async () => {
    const answers = [
      await post('/accounts/a1/users/u1', '{}'),
      await post('/accounts/a1/users/u1', '{}'),
      await post('/accounts/a1/users/u1', '{"LicenseType":"Gold"}'),
      await post('/nope', '{}'),
      await post('/nope', '{}'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 404, 404]);
    const ids = answers.map((a) => a.headers['x-amzn-requestid']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers a bounded load with no errors and no non-2xx, and keeps its memory bounded (child process, --expose-gc)', async () => {
    // the server alone in a process whose heap we can collect and read: this process runs the load
    const child = await startMemoryChild();
    try {
      const { url } = child;
      // what a signed client sends: the headers every recorded call keeps
      const headers = {
        'content-type': 'application/json',
        'x-amz-date': '20260101T000000Z',
        'x-amz-content-sha256': 'a'.repeat(64),
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/chime/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=${'b'.repeat(64)}`,
      };
      const load = async (amount: number) => {
        const result = await autocannon({
          url: `${url}/accounts/a1/users/u1`,
          method: 'POST',
          headers,
          body: '{"LicenseType":"Pro"}',
          connections: 8,
          amount,
          timeout: 60,
        });
        expect(result.errors).toBe(0);
        expect(result.timeouts).toBe(0);
        expect(result.non2xx).toBe(0);
        expect(result.requests.total).toBe(amount);
      };
      const heap = child.heap;
      await load(1_500); // fills the 1,000 recorded calls and warms every path
      const before = await heap();
      await load(4_000);
      const after = await heap();
      expect(before.calls).toBe(1_000);
      expect(after.calls).toBe(1_000);
      // Keeping these 4,000 calls costs 4.1 MiB (measured with MAX_CALLS unbounded: ~1.1 KiB
      // a call with these headers); collected heaps of one process differ by under 0.5 MiB
      // between runs. 1.5 MiB fails on anything that keeps ~400 bytes a request.
      expect(after.heap - before.heap).toBeLessThan(1.5 * 1024 * 1024);
    } finally {
      child.kill();
    }
  }, 180_000);
});
