/**
 * The SDK (its generated API class over the Chime middleware, Node's fetch)
 * against a hostile server on 127.0.0.1, as the client is tested: a redirect
 * to another host, a body of 100 MB, an error code naming an inherited
 * property. Real sockets, no MSW.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pumpBody, serve, stopServers } from '@chime-api/test-kit/http';
import { afterEach, describe, expect, it } from 'vitest';
import { ChimeClientError, ChimeServiceException, createChimeSdk, NotFoundException } from '../src/index.js';

afterEach(stopServers);

const user = { UserId: 'u1', AccountId: 'a1', LicenseType: 'Pro' };
const ok = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ User: user }));
};
const call = (endpoint: string, options: Record<string, unknown> = {}) =>
  createChimeSdk({ endpoint, retry: false, ...options })
    .users.updateUser({ accountId: 'a1', userId: 'u1', UpdateUserRequestBody: { LicenseType: 'Basic' } } as never)
    .then(
      () => undefined,
      (e: unknown) => e,
    );

describe('a redirect to another host', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'SESSION-TOKEN' };

  it.each([301, 302, 307, 308])(
    'HTTP %i is refused with the client’s error, and nothing reaches the other host',
    async (status) => {
      const seen: IncomingMessage['headers'][] = [];
      const other = await serve((req, res) => {
        seen.push(req.headers);
        ok(res);
      });
      const url = await serve((req, res) => {
        res.writeHead(status, { location: `${other}${req.url}` });
        res.end();
      });
      const error = await call(url, { credentials });
      expect(error).toBeInstanceOf(ChimeClientError);
      expect((error as Error).message).toBe(
        `UpdateUser: HTTP ${status} redirect to ${other}/accounts/a1/users/u1 not followed, so credentials stay with the endpoint; set endpoint to the URL that answers.`,
      );
      expect(seen).toEqual([]);
    },
  );
});

describe('a 100 MB body', () => {
  it.each([200, 500])('HTTP %i is refused once over maxResponseBytes, and the rest is never read', async (status) => {
    const total = 100 * 1024 * 1024;
    let sent = () => 0;
    const url = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      ({ sent } = pumpBody(res, total));
    });
    const error = await call(url);
    // what the server had sent when the SDK gave up: the socket's buffers past the cap, not the body
    const sentThen = sent();
    expect(error).toBeInstanceOf(ChimeClientError);
    expect(error).toMatchObject({ Code: 'InvalidResponse' });
    expect((error as Error).message).toBe(
      `The HTTP ${status} response body is over 10485760 bytes (maxResponseBytes).`,
    );
    expect(sentThen).toBeLessThan(total);
  });

  it('maxResponseBytes sets the cap', async () => {
    const url = await serve((_req, res) => ok(res));
    const size = Buffer.byteLength(JSON.stringify({ User: user }));
    const sdk = (max: number) =>
      createChimeSdk({ endpoint: url, retry: false, maxResponseBytes: max }).users.updateUser({
        accountId: 'a1',
        userId: 'u1',
        UpdateUserRequestBody: {},
      } as never);
    await expect(sdk(size)).resolves.toMatchObject({ User: { UserId: 'u1' } });
    await expect(sdk(size - 1)).rejects.toMatchObject({
      Code: 'InvalidResponse',
      message: expect.stringContaining(`over ${size - 1} bytes`),
    });
  });
});

describe('an error code that names an inherited property', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '`x-amzn-ErrorType: %s` is a ChimeServiceException (on a status no error has); a 404 still maps by status',
    async (code) => {
      const url = await serve((_req, res) => {
        res.writeHead(418, { 'content-type': 'application/json', 'x-amzn-ErrorType': code });
        res.end('{"Message":"no"}');
      });
      const error = await call(url);
      expect(error).toBeInstanceOf(ChimeServiceException);
      expect(error).toMatchObject({ name: code, Message: 'no', $metadata: { httpStatusCode: 418 } });
      const byStatus = await serve((_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-ErrorType': code });
        res.end('{"Message":"gone"}');
      });
      expect(await call(byStatus)).toBeInstanceOf(NotFoundException);
    },
  );
});
