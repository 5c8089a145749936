import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChimeClient as createCore } from '../src/core.js';
import {
  BadRequestException,
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  createChimeClient,
  isNetworkError,
  NotFoundException,
  REDACTED,
  redact,
  ServiceFailureException,
  ThrottledClientException,
} from '../src/index.js';
import { endpoint, errorResponse, route, sequence, server, user } from './helpers.js';

// created before MSW listens: fetch must be looked up at call time
const early = createChimeClient({ retry: false });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };

describe('createChimeClient', () => {
  it('mirrors the seed: flat input, { User } out, dates as Date', async () => {
    const { handler, seen } = sequence(() => HttpResponse.json({ User: user }));
    server.use(handler);
    const { User } = await early.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
    expect(User?.UserId).toBe('u1');
    expect(User?.RegisteredOn).toEqual(new Date('2019-05-01T16:02:35Z'));
    expect(User?.InvitedOn).toBeInstanceOf(Date);
    expect(seen[0]?.method).toBe('POST');
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/accounts/a1/users/u1');
    expect(await seen[0]?.json()).toEqual({ LicenseType: 'Pro' });
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('reports $metadata on the output, not as a member', async () => {
    server.use(http.post(route, () => HttpResponse.json({ User: user }, { headers: { 'x-amzn-RequestId': 'r-1' } })));
    const output = await early.updateUser({ AccountId: 'a1', UserId: 'u1' });
    expect(output.$metadata).toEqual({ httpStatusCode: 200, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 });
    expect(Object.keys(output)).toEqual(['User']);
  });

  it('percent-encodes path members', async () => {
    const { handler, seen } = sequence(() => HttpResponse.json({ User: user }));
    server.use(handler);
    await early.updateUser({ AccountId: 'acc/1', UserId: 'a b?#' });
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/accounts/acc%2F1/users/a%20b%3F%23');
  });

  it.each([
    [{ AccountId: 'a1' }, /UserId is required/],
    [{ AccountId: 'a1', UserId: '' }, /UserId must not be ""/],
    [{ AccountId: '..', UserId: 'u1' }, /AccountId must not be "\.\."/],
    [{ AccountId: 'a1', UserId: '.' }, /UserId must not be "\."/],
    [{ AccountId: 5, UserId: 'u1' }, /AccountId must be of type string/],
    [{ AccountId: { toString: () => 'a' }, UserId: 'u1' }, /AccountId must be of type string/],
  ])('fails before any request on %j', async (input, message) => {
    const { handler, seen } = sequence(() => HttpResponse.json({ User: user }));
    server.use(handler);
    const error = await early.updateUser(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChimeClientError);
    expect(error).toMatchObject({ Code: 'InvalidInput' });
    expect((error as Error).message).toMatch(message);
    expect(seen).toHaveLength(0);
  });

  it('leaves the schema pattern to validate mode: a blank id is sent percent-encoded, or refused with validate', async () => {
    const { handler, seen } = sequence(() => HttpResponse.json({ User: user }));
    server.use(handler);
    await early.updateUser({ AccountId: ' \t', UserId: 'u1' });
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/accounts/%20%09/users/u1');
    const checked = createCore({ validate: 'request' });
    await expect(checked.updateUser({ AccountId: ' \t', UserId: 'u1' })).rejects.toMatchObject({
      Code: 'ValidationFailed',
      issues: [{ path: '/AccountId' }],
    });
    expect(seen).toHaveLength(1);
  });

  it('raw is a plain object, not a thenable: awaiting it (or returning it from an async function) gives it back', async () => {
    const chime = createChimeClient({ retry: false });
    expect('then' in chime.raw).toBe(false);
    const awaited = await chime.raw;
    expect(awaited).toBe(chime.raw);
    const returned = await (async () => chime.raw)();
    expect(typeof returned.POST).toBe('function');
  });

  it('uses the endpoint it is given', async () => {
    server.use(http.post('http://127.0.0.1:9/proxy/accounts/:a/users/:u', () => HttpResponse.json({ User: user })));
    const chime = createChimeClient({ endpoint: 'http://127.0.0.1:9/proxy', retry: false });
    await expect(chime.updateUser({ AccountId: 'a', UserId: 'u' })).resolves.toHaveProperty('User.UserId', 'u1');
  });

  it('exposes the openapi-fetch client as raw', async () => {
    server.use(http.post(route, () => HttpResponse.json({ User: user })));
    const { data, response } = await early.raw.POST('/accounts/{accountId}/users/{userId}', {
      params: { path: { accountId: 'a1', userId: 'u1' } },
      body: { LicenseType: 'Basic' },
    });
    expect(response.status).toBe(200);
    expect(data?.User?.RegisteredOn).toBe('2019-05-01T16:02:35Z');
  });
});

describe('errors', () => {
  it('resolves the code from x-amzn-ErrorType, dropping namespace and suffix', async () => {
    server.use(
      http.post(route, () =>
        errorResponse(404, 'aws.chime#NotFoundException:http://internal.amazon.com/coral/', 'NotFound'),
      ),
    );
    const error = await early.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({
      name: 'NotFoundException',
      Code: 'NotFound',
      Message: 'NotFound happened',
      $fault: 'client',
      $metadata: { httpStatusCode: 404, requestId: 'req-404', attempts: 1, totalRetryDelay: 0 },
    });
    expect((error as NotFoundException).$response.status).toBe(404);
  });

  it('falls back to the body code, then __type, then the status', async () => {
    server.use(
      http.post(route, () =>
        HttpResponse.json({ __type: 'ThrottledClientException', message: 'slow down' }, { status: 429 }),
      ),
    );
    const error = await early.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledClientException);
    expect((error as ThrottledClientException).Message).toBe('slow down');
  });

  it.each([
    ['an empty body', () => new HttpResponse(null, { status: 500 }), ServiceFailureException],
    [
      'an HTML page',
      () =>
        new HttpResponse('<html><body>Bad gateway</body></html>', {
          status: 500,
          headers: { 'content-type': 'text/html' },
        }),
      ServiceFailureException,
    ],
    [
      'truncated JSON',
      () => new HttpResponse('{"Code":"BadReq', { status: 400, headers: { 'content-type': 'application/json' } }),
      BadRequestException,
    ],
    ['an unknown status', () => HttpResponse.json({}, { status: 418 }), ChimeServiceException],
  ])('never crashes on %s', async (_name, respond, Class) => {
    server.use(http.post(route, respond));
    const error = await early.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect((error as ChimeServiceException).Message).toMatch(/UpdateUser failed with HTTP \d{3}/);
  });

  it('keeps an unknown code as the base class with that name', async () => {
    server.use(http.post(route, () => errorResponse(409, 'ConflictException', 'Conflict')));
    const error = await early.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChimeServiceException);
    expect((error as Error).name).toBe('ConflictException');
    expect((error as ChimeServiceException).$fault).toBe('client');
  });

  it.each([200, 201, 202, 204])('a %i without a body is a success: { $metadata } only', async (status) => {
    server.use(http.post(route, () => new HttpResponse(null, { status, headers: { 'x-amzn-RequestId': 'r-empty' } })));
    const output = await early.updateUser({ AccountId: 'a', UserId: 'u' });
    expect(output).toEqual({});
    expect(output.$metadata).toEqual({ httpStatusCode: status, requestId: 'r-empty', attempts: 1, totalRetryDelay: 0 });
  });

  it.each([
    ['whitespace only', '  \r\n\t '],
    ['empty, with a JSON content-type', ''],
  ])('a 200 whose body is %s is a success with no body members', async (_what, text) => {
    server.use(
      http.post(route, () => new HttpResponse(text, { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    const output = await early.updateUser({ AccountId: 'a', UserId: 'u' });
    expect({ ...output }).toEqual({});
    expect(output.$metadata.httpStatusCode).toBe(200);
  });

  it('fails clearly when a 200 body is not a JSON object', async () => {
    server.use(http.post(route, () => new HttpResponse('"just text"', { status: 200 })));
    await expect(early.updateUser({ AccountId: 'a', UserId: 'u' })).rejects.toMatchObject({
      Code: 'InvalidResponse',
      message: expect.stringMatching(/not a JSON object/),
    });
  });
});

describe('retries', () => {
  it('retries throttling, re-signing every attempt, and records attempts and delay', async () => {
    const { handler, seen } = sequence(
      () => errorResponse(429, 'ThrottledClientException', 'Throttled'),
      () => HttpResponse.json({ User: user }),
    );
    server.use(handler);
    let signings = 0;
    const chime = createChimeClient({
      credentials: async () => {
        signings++;
        return { accessKeyId: 'AK', secretAccessKey: 'SK' };
      },
      retry: { ...fast, baseDelayMs: 10 },
    });
    const output = await chime.updateUser({ AccountId: 'a', UserId: 'u' });
    expect(signings).toBe(2);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256/);
    expect(seen[1]?.headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256/);
    expect(output.$metadata.attempts).toBe(2);
    expect(output.$metadata.totalRetryDelay).toBe(2); // full jitter: floor(0.5 × min(cap 5, 10 × 2⁰))
  });

  it('honours Retry-After', async () => {
    const { handler } = sequence(
      () => errorResponse(503, 'ServiceUnavailableException', 'ServiceUnavailable', { 'Retry-After': '1' }),
      () => HttpResponse.json({ User: user }),
    );
    server.use(handler);
    const chime = createChimeClient({ retry: { ...fast, maxDelayMs: 20_000 } });
    // the wait itself, not only what $metadata reports: a timer of the asked length ran before the retry
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const output = await chime.updateUser({ AccountId: 'a', UserId: 'u' });
      expect(output.$metadata.totalRetryDelay).toBe(1000);
      expect(timers.mock.calls.map(([, ms]) => ms)).toContain(1000);
    } finally {
      timers.mockRestore();
    }
  });

  it('an AbortSignal stops a wait between attempts', async () => {
    const { handler, seen } = sequence(() =>
      errorResponse(503, 'ServiceUnavailableException', 'ServiceUnavailable', { 'Retry-After': '30' }),
    );
    server.use(handler);
    const chime = createChimeClient({ retry: { ...fast, maxDelayMs: 60_000 } });
    const controller = new AbortController();
    const pending = chime.updateUser({ AccountId: 'a', UserId: 'u' }, { signal: controller.signal });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ Code: 'AbortError', cause: { name: 'AbortError' }, $metadata: { attempts: 1 } });
    expect(seen).toHaveLength(1);
  });

  it('a network failure is retried, then surfaces as one ChimeNetworkError with its cause and $metadata', async () => {
    const { handler, seen } = sequence(() => HttpResponse.error());
    server.use(handler);
    const chime = createChimeClient({ retry: fast });
    const error = await chime.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChimeNetworkError);
    expect(error).toMatchObject({
      name: 'ChimeNetworkError',
      Code: 'NetworkError',
      cause: { name: 'TypeError' },
      $metadata: { httpStatusCode: 0, attempts: 3 },
    });
    expect(seen).toHaveLength(3);
  });

  it.each([
    ['a Symbol', Symbol('offline'), /No response \(Symbol\(offline\)\)/],
    ['a prototype-less object', Object.create(null), /No response \(object\)/],
    ['a string', 'socket hang up', /No response \(socket hang up\)/],
  ])(
    'a fetch that rejects with %s still gives a ChimeNetworkError, retried, with it as cause',
    async (_what, thrown, message) => {
      let calls = 0;
      const chime = createChimeClient({
        retry: fast,
        fetch: async () => {
          calls++;
          throw thrown;
        },
      });
      const error = await chime.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChimeNetworkError);
      expect(error).toMatchObject({
        Code: 'NetworkError',
        message: expect.stringMatching(message),
        $metadata: { attempts: 3 },
      });
      expect((error as Error).cause).toBe(thrown);
      expect(calls).toBe(3);
    },
  );

  it.each([
    ['throws', () => Promise.reject(new TypeError('token file missing')), /`credentials` threw \(token file missing\)/],
    ['returns nothing', () => undefined as never, /gave no accessKeyId and secretAccessKey/],
    ['returns a partial object', () => ({ accessKeyId: 'AKID' }) as never, /gave no accessKeyId and secretAccessKey/],
    // thrown values that are not Errors: a template literal cannot print them, a message must still come out
    [
      'rejects with a Symbol',
      () => Promise.reject(Symbol('vault sealed')),
      /`credentials` threw \(Symbol\(vault sealed\)\)/,
    ],
    [
      'rejects with a prototype-less object',
      () => Promise.reject(Object.create(null)),
      /`credentials` threw \(object\)/,
    ],
  ])('a credentials provider that %s fails at once, called once, with what to fix', async (_how, provider, message) => {
    const { handler, seen } = sequence(() => HttpResponse.json({ User: user }));
    server.use(handler);
    let calls = 0;
    const chime = createChimeClient({
      credentials: () => {
        calls++;
        return provider();
      },
      retry: { ...fast, maxAttempts: 5 },
    });
    const error = await chime.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChimeClientError);
    expect(error).toMatchObject({ Code: 'CredentialsError', message: expect.stringMatching(message) });
    expect(calls).toBe(1);
    expect(seen).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('redacts sensitive members in toJSON, logs and validation messages', async () => {
    server.use(
      http.post(route, () =>
        HttpResponse.json(
          { Code: 'BadRequest', Message: 'no', User: { DisplayName: 'Jane Secret' } },
          { status: 400, headers: { 'x-amzn-ErrorType': 'BadRequestException' } },
        ),
      ),
    );
    const lines: string[] = [];
    const chime = createChimeClient({ retry: false, logger: { debug: (m, d) => lines.push(m + JSON.stringify(d)) } });
    const error = await chime
      .updateUser({
        AccountId: 'a',
        UserId: 'u',
        AlexaForBusinessMetadata: { AlexaForBusinessRoomArn: 'arn:secret-room' },
      })
      .catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain('Jane Secret');
    expect(JSON.stringify(error)).toContain(REDACTED);
    expect(lines.join('\n')).not.toContain('arn:secret-room');
    expect(lines.join('\n')).toContain('UpdateUser → HTTP 400');
  });
});

describe('every way an error or a log line is printed redacts, at any depth', () => {
  const secret = 'Jane Secret';
  const deepBody =
    `{"Code":"BadRequest","Message":"no","Nested":${'{"a":'.repeat(100)}{"DisplayName":"${secret}"}${'}'.repeat(100)},` +
    `"__proto__":{"PrimaryEmail":"jane@example.com","polluted":true}}`;

  it('toJSON, util.inspect, String, stack, spread and the logger', async () => {
    server.use(
      http.post(
        route,
        () =>
          new HttpResponse(deepBody, {
            status: 400,
            headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' },
          }),
      ),
    );
    const lines: string[] = [];
    const chime = createChimeClient({
      retry: false,
      logger: { debug: (m, d) => lines.push(m + inspect(d, { depth: null })) },
    });
    const error = (await chime
      .updateUser({
        AccountId: 'a',
        UserId: 'u',
        AlexaForBusinessMetadata: { AlexaForBusinessRoomArn: 'arn:secret-room' },
      })
      .catch((e: unknown) => e)) as BadRequestException;
    expect(error).toBeInstanceOf(BadRequestException);
    // the raw body is still there for code that reads it
    expect(JSON.stringify(error.body)).toContain(secret);
    const printed = {
      toJSON: JSON.stringify(error),
      inspect: inspect(error, { depth: null }),
      string: String(error),
      stack: String(error.stack),
      spread: JSON.stringify({ ...error }),
      logger: lines.join('\n'),
    };
    for (const [how, text] of Object.entries(printed)) {
      expect(text, how).not.toContain(secret);
      expect(text, how).not.toContain('jane@example.com');
      expect(text, how).not.toContain('arn:secret-room');
    }
    expect(printed.toJSON).toContain(`{"DisplayName":"${REDACTED}"}`);
    expect(printed.inspect).toContain(`DisplayName: '${REDACTED}'`);
    expect(printed.inspect).toContain('BadRequestException: no');
    expect(printed.logger).toContain('UpdateUser → HTTP 400');
  });

  it('redact keeps __proto__ an ordinary key, survives deep nesting and cycles', () => {
    const parsed = JSON.parse('{"__proto__":{"DisplayName":"x","polluted":true}}') as object;
    const copy = redact(parsed, ['DisplayName']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({
      DisplayName: REDACTED,
      polluted: true,
    });
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();

    let deep: Record<string, unknown> = { PrimaryEmail: 'deep@example.com' };
    for (let i = 0; i < 10_000; i++) deep = { a: [deep] };
    let node = redact(deep, ['PrimaryEmail']) as Record<string, unknown>;
    for (let i = 0; i < 10_000; i++) node = (node.a as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(node).toEqual({ PrimaryEmail: REDACTED });

    const cyclic: Record<string, unknown> = { DisplayName: 'x' };
    cyclic.self = cyclic;
    const redactedCycle = redact(cyclic, ['DisplayName']) as Record<string, unknown>;
    expect(redactedCycle.self).toBe(redactedCycle);
    expect(redactedCycle.DisplayName).toBe(REDACTED);
  });
});

describe('validate option (with @chime-api/validation)', () => {
  it('request: refuses a bad LicenseType before sending', async () => {
    const { handler, seen } = sequence(() => HttpResponse.json({ User: user }));
    server.use(handler);
    const chime = createCore({ validate: 'request' });
    const error = await chime
      .updateUser({ AccountId: 'a', UserId: 'u', LicenseType: 'Gold' as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChimeClientError);
    expect((error as ChimeClientError).Code).toBe('ValidationFailed');
    expect((error as Error).message).toContain(
      '/LicenseType: must be one of "Basic", "Plus", "Pro", "ProTrial"; found "Gold"',
    );
    expect(seen).toHaveLength(0);
  });

  it('response: catches a response that drifted from the spec, naming the member', async () => {
    server.use(http.post(route, () => HttpResponse.json({ User: { ...user, LicenseType: 'Platinum', Extra: 1 } })));
    const chime = createCore({ validate: 'response' });
    const error = await chime.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect((error as ChimeClientError).issues.map((i) => i.path).sort()).toEqual(['/User/Extra', '/User/LicenseType']);
  });

  it('both: passes a good round trip', async () => {
    server.use(http.post(route, () => HttpResponse.json({ User: user })));
    const chime = createCore({ validate: 'both', endpoint });
    await expect(chime.updateUser({ AccountId: 'a', UserId: 'u', LicenseType: 'Basic' })).resolves.toHaveProperty(
      'User',
    );
  });
});
