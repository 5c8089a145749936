/**
 * A real HTTP server on 127.0.0.1 that answers with the mocks' handlers, for
 * manual use and non-JS clients (`pnpm mock:serve`). It stands in for the
 * service: a request to it is matched as if sent to the spec's server
 * (`https://chime.us-east-1.amazonaws.com`), so the handlers of any
 * `createChimeMocks()` answer it unchanged; an operation with a host prefix
 * (`messaging-`) is matched as if sent to the prefixed host (what a client
 * sends to a DNS name), since the loopback server has none. Oversized bodies get 413 and
 * overlong URLs 400 before any handler runs, without stalling others; a client that sends
 * its headers or body too slowly gets 408 and is disconnected.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { definitions } from './handlers.gen.js';
import { chimeMocks } from './index.js';
import { isNetworkError, type RequestHandler, responseFor } from './msw.js';

export interface MockServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** The handlers to serve; default: every operation's happy path. */
  handlers?: readonly RequestHandler[];
  /** Larger bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Longer URLs get 400. Default 16,384 characters. */
  maxUrlLength?: number;
  /** A client that has not sent all its headers after this long gets 408 and is disconnected. Default 10,000 ms. */
  headersTimeoutMs?: number;
  /** A client that has not sent its whole request (headers and body) after this long gets 408. Default 30,000 ms. */
  requestTimeoutMs?: number;
  /**
   * The URL a request is matched as if sent to: the request's path and query are appended to it.
   * Default: the spec's first server (`https://chime.us-east-1.amazonaws.com`).
   */
  serviceUrl?: string;
}

export interface RunningMockServer {
  /** e.g. `http://127.0.0.1:51234` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

function sendError(res: ServerResponse, status: number, name: string, code: string, message: string) {
  const body = JSON.stringify({ Code: code, Message: message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-ErrorType': name,
    'x-amzn-RequestId': randomUUID(),
    connection: 'close',
  });
  res.end(body);
}

/** The service's answer to a method and path no operation has (`TRACE`, a path of none). */
const unknownOperation = (res: ServerResponse, method: string | undefined, path: string) =>
  sendError(res, 404, 'UnknownOperationException', 'NotFound', `No operation answers ${method} ${path}.`);

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * @example
 * const mock = await startMockServer({ port: 4010 });
 * // curl -X POST http://127.0.0.1:4010/accounts/a1/users/u1 -H 'content-type: application/json' -d '{"LicenseType":"Pro"}'
 * await mock.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const handlers = [...(options.handlers ?? chimeMocks.handlers)];
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxUrl = options.maxUrlLength ?? 16_384;
  const host = options.host ?? '127.0.0.1';
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const serviceUrl = (options.serviceUrl ?? definitions[0]?.servers[0] ?? `http://${host}`).replace(/\/+$/, '');
  const service = new URL(serviceUrl);
  const prefixedUrls = [...new Set(definitions.map((d) => d.operation.hostPrefix ?? ''))]
    .filter((prefix) => prefix !== '')
    .map((prefix) => `${service.protocol}//${prefix}${service.host}${service.pathname.replace(/\/+$/, '')}`);

  // headers may be large enough for a long URL to reach the check below and get a clean 400 (not Node's 431)
  const server = createServer(
    {
      maxHeaderSize: Math.max(maxUrl * 2, 1024 * 1024),
      headersTimeout,
      requestTimeout,
      // how often Node looks for connections past those timeouts (its default, 30 s, would let a slow client stay that long)
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, headersTimeout / 2, requestTimeout / 2)),
    },
    async (req, res) => {
      try {
        const url = req.url ?? '/';
        if (url.length > maxUrl) {
          req.resume();
          return sendError(
            res,
            400,
            'BadRequestException',
            'BadRequest',
            `The request URL is ${url.length} characters long; at most ${maxUrl} are accepted.`,
          );
        }
        // a method fetch cannot carry (a Request refuses it; Node's parser already refuses TRACK and CONNECT has no handler)
        if (req.method === 'TRACE') {
          req.resume();
          return unknownOperation(res, req.method, url.split('?')[0] as string);
        }
        const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, maxBody);
        if (body === 'too-large') {
          sendError(res, 413, 'BadRequestException', 'BadRequest', `The request body is larger than ${maxBody} bytes.`);
          req.destroy();
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const path = url.startsWith('/') ? url : `/${url}`;
        const requestAt = (origin: string) =>
          new Request(`${origin}${path}`, {
            method: req.method ?? 'GET',
            headers,
            ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
          });
        let request = requestAt(serviceUrl);
        let response = await responseFor(handlers, request);
        // a loopback server has no prefixed host names: an operation with a host prefix is served here unprefixed
        for (const origin of prefixedUrls) {
          if (response) break;
          request = requestAt(origin);
          response = await responseFor(handlers, request);
        }
        if (!response) return unknownOperation(res, req.method, new URL(request.url).pathname);
        if (isNetworkError(response)) {
          res.destroy();
          return;
        }
        const payload = Buffer.from(await response.arrayBuffer());
        const out: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          out[name] = value;
        });
        out['content-length'] = String(payload.length);
        res.writeHead(response.status, out);
        res.end(payload);
      } catch (error) {
        if (!res.headersSent) {
          sendError(
            res,
            500,
            'ServiceFailureException',
            'ServiceFailure',
            error instanceof Error ? error.message : String(error),
          );
        } else res.destroy();
      }
    },
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
