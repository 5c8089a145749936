/**
 * One table of wire scenarios, run against both clients over MSW: the
 * openapi-fetch client (@chime-api/client) and the typescript-fetch SDK,
 * each at the spec's endpoint and behind a path-prefixed proxy endpoint.
 */
import {
  BadRequestException,
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  createChimeClient,
  ForbiddenException,
  isNetworkError,
  NotFoundException,
  ServiceFailureException,
  ServiceUnavailableException,
  ThrottledClientException,
  UnauthorizedClientException,
} from '@chime-api/client';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChimeSdk } from '../src/index.js';

const endpoints = ['https://chime.us-east-1.amazonaws.com', 'https://proxy.example/chime'];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Call {
  AccountId: string;
  UserId: string;
  LicenseType?: 'Basic' | 'Plus' | 'Pro' | 'ProTrial';
}
interface Options {
  endpoint: string;
  maxAttempts?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  credentials?: typeof credentials | (() => Promise<typeof credentials>);
}
type Adapter = (input: Call, options: Options) => Promise<{ User?: { UserId?: string; RegisteredOn?: Date } }>;

const retry = (maxAttempts = 3) => ({ maxAttempts, baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 });
const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET' };

const clients: [string, Adapter][] = [
  [
    '@chime-api/client',
    (input, o) =>
      createChimeClient({
        endpoint: o.endpoint,
        credentials: o.credentials ?? credentials,
        retry: retry(o.maxAttempts),
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      }).updateUser(input, o.signal ? { signal: o.signal } : {}),
  ],
  [
    '@chime-api/sdk',
    (input, o) =>
      createChimeSdk({
        endpoint: o.endpoint,
        credentials: o.credentials ?? credentials,
        retry: retry(o.maxAttempts),
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      }).users.updateUser(
        {
          accountId: input.AccountId,
          userId: input.UserId,
          UpdateUserRequestBody: input.LicenseType ? { LicenseType: input.LicenseType } : {},
        },
        o.signal ? { signal: o.signal } : {},
      ),
  ],
];

const user = { UserId: 'u1', AccountId: 'a1', LicenseType: 'Pro', RegisteredOn: '2019-05-01T16:02:35Z' };
const errors = [
  [400, 'BadRequestException', 'BadRequest', BadRequestException],
  [401, 'UnauthorizedClientException', 'Unauthorized', UnauthorizedClientException],
  [403, 'ForbiddenException', 'Forbidden', ForbiddenException],
  [404, 'NotFoundException', 'NotFound', NotFoundException],
  [429, 'ThrottledClientException', 'Throttled', ThrottledClientException],
  [500, 'ServiceFailureException', 'ServiceFailure', ServiceFailureException],
  [503, 'ServiceUnavailableException', 'ServiceUnavailable', ServiceUnavailableException],
] as const;

let route = '';
function stage(...responses: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  server.use(
    http.post(route, async ({ request }) => {
      seen.push(request.clone());
      return (responses[Math.min(seen.length - 1, responses.length - 1)] as () => Response)();
    }),
  );
  return seen;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe.each(endpoints)('endpoint %s', (endpoint) => {
  beforeAll(() => {
    route = `${endpoint}/accounts/:accountId/users/:userId`;
  });
  // every catch-all request at this endpoint (a `..` resolved away would land here)
  const anything = () => {
    const seen: Request[] = [];
    server.use(
      http.all(`${new URL(endpoint).origin}/*`, ({ request }) => {
        seen.push(request);
        return HttpResponse.json({ User: user });
      }),
    );
    return seen;
  };

  describe.each(clients)('%s', (_name, call) => {
    const updateUser = (input: Call, options: Omit<Options, 'endpoint'> = {}) => call(input, { ...options, endpoint });

    it('success: signed POST with the body, User out with Dates', async () => {
      const seen = stage(() => HttpResponse.json({ User: user }));
      const output = await updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
      expect(output.User?.UserId).toBe('u1');
      expect(output.User?.RegisteredOn).toEqual(new Date('2019-05-01T16:02:35Z'));
      expect(seen).toHaveLength(1);
      expect(await seen[0]?.json()).toEqual({ LicenseType: 'Pro' });
      expect(seen[0]?.headers.get('authorization')).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/chime\/aws4_request/,
      );
    });

    describe.each(errors)('HTTP %i', (status, name, code, Exception) => {
      it.each([
        ['with the x-amzn-ErrorType header', { 'x-amzn-ErrorType': name }],
        ['without the header', {}],
      ])(`${name} %s`, async (_how, headers) => {
        stage(() =>
          HttpResponse.json(
            { Code: code, Message: 'why' },
            { status, headers: { ...headers, 'x-amzn-RequestId': 'rid' } },
          ),
        );
        const error = await failure(updateUser({ AccountId: 'a1', UserId: 'u1' }, { maxAttempts: 1 }));
        expect(error).toBeInstanceOf(Exception);
        expect(error).toBeInstanceOf(ChimeServiceException);
        expect(error).toMatchObject({
          name,
          Code: code,
          Message: 'why',
          $fault: status >= 500 ? 'server' : 'client',
          $metadata: { httpStatusCode: status, requestId: 'rid', attempts: 1 },
        });
      });
    });

    it('throttling then success: retried', async () => {
      const seen = stage(
        () =>
          HttpResponse.json(
            { Code: 'Throttled', Message: 'slow' },
            { status: 429, headers: { 'x-amzn-ErrorType': 'ThrottledClientException' } },
          ),
        () => HttpResponse.json({ User: user }),
      );
      await expect(updateUser({ AccountId: 'a1', UserId: 'u1' })).resolves.toHaveProperty('User.UserId', 'u1');
      expect(seen).toHaveLength(2);
    });

    it('retries exhausted: the last error, with attempts', async () => {
      const seen = stage(() => HttpResponse.json({ Code: 'ServiceUnavailable', Message: 'down' }, { status: 503 }));
      const error = await failure(updateUser({ AccountId: 'a1', UserId: 'u1' }));
      expect(error).toBeInstanceOf(ServiceUnavailableException);
      expect((error as ServiceUnavailableException).$metadata.attempts).toBe(3);
      expect(seen).toHaveLength(3);
    });

    it('a 400 is never retried', async () => {
      const seen = stage(() => HttpResponse.json({ Code: 'BadRequest', Message: 'no' }, { status: 400 }));
      expect(await failure(updateUser({ AccountId: 'a1', UserId: 'u1' }))).toBeInstanceOf(BadRequestException);
      expect(seen).toHaveLength(1);
    });

    it('an endpoint written with trailing slashes sends one slash before the path', async () => {
      const seen = stage(() => HttpResponse.json({ User: user }));
      const output = await call({ AccountId: 'a1', UserId: 'u1' }, { endpoint: `${endpoint}//` });
      expect(output.User?.UserId).toBe('u1');
      expect(new URL(seen[0]?.url ?? '').pathname).toBe(
        `${new URL(endpoint).pathname.replace(/\/$/, '')}/accounts/a1/users/u1`,
      );
    });

    it('path members are percent-encoded', async () => {
      const seen = stage(() => HttpResponse.json({ User: user }));
      await updateUser({ AccountId: 'a/b', UserId: 'ü ser' });
      expect(new URL(seen[0]?.url ?? '').pathname).toBe(
        `${new URL(endpoint).pathname.replace(/\/$/, '')}/accounts/a%2Fb/users/%C3%BC%20ser`,
      );
    });

    it('abort: rejects at once and does not retry', async () => {
      const seen = stage(async () => {
        await delay(2_000);
        return HttpResponse.json({ User: user });
      });
      const controller = new AbortController();
      const pending = failure(updateUser({ AccountId: 'a1', UserId: 'u1' }, { signal: controller.signal }));
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      controller.abort();
      const error = await pending;
      expect(isNetworkError(error)).toBe(true);
      expect(error).toMatchObject({ Code: 'AbortError', cause: { name: 'AbortError' }, $metadata: { attempts: 1 } });
      expect(seen).toHaveLength(1);
    });

    it('timeout: each attempt is cut off, then retried', async () => {
      const seen = stage(async () => {
        await delay(5_000);
        return HttpResponse.json({ User: user });
      });
      const error = await failure(updateUser({ AccountId: 'a1', UserId: 'u1' }, { timeoutMs: 250, maxAttempts: 2 }));
      expect(isNetworkError(error)).toBe(true);
      expect(error).toMatchObject({
        Code: 'TimeoutError',
        cause: { name: 'TimeoutError' },
        $metadata: { attempts: 2 },
      });
      expect(seen).toHaveLength(2);
    });

    it('network error: retried, then one ChimeNetworkError with its cause and $metadata', async () => {
      const seen = stage(() => HttpResponse.error());
      const error = await failure(updateUser({ AccountId: 'a1', UserId: 'u1' }));
      expect(error).toBeInstanceOf(ChimeNetworkError);
      expect(error).toMatchObject({ Code: 'NetworkError', cause: { name: 'TypeError' }, $metadata: { attempts: 3 } });
      expect(seen).toHaveLength(3);
    });

    it.each([
      ['..', 'AccountId', /accountId must not be "\.\."|AccountId must not be "\.\."/],
      ['.', 'UserId', /userId must not be "\."|UserId must not be "\."/],
      ['', 'UserId', /userId must not be ""|UserId must not be ""/],
    ])('path member %j is refused before any request, naming the member', async (value, member, message) => {
      const seen = anything();
      const input = { AccountId: 'a1', UserId: 'u1', [member]: value };
      const error = await failure(updateUser(input));
      expect(error).toBeInstanceOf(ChimeClientError);
      expect(error).toMatchObject({ Code: 'InvalidInput', message: expect.stringMatching(message) });
      expect(seen).toHaveLength(0);
    });

    it('a credentials provider that throws fails at once: called once, nothing sent, what to fix', async () => {
      const seen = anything();
      let calls = 0;
      const error = await failure(
        updateUser(
          { AccountId: 'a1', UserId: 'u1' },
          {
            credentials: async () => {
              calls++;
              throw new TypeError('no token');
            },
          },
        ),
      );
      expect(error).toBeInstanceOf(ChimeClientError);
      expect(error).toMatchObject({
        Code: 'CredentialsError',
        message: expect.stringMatching(/`credentials` threw \(no token\)/),
      });
      expect(calls).toBe(1);
      expect(seen).toHaveLength(0);
    });
  });
});
