import { ChimeServiceException, createChimeClient, NotFoundException } from '@chime-api/client';
import * as clientErrors from '@chime-api/client/errors';
import { UpdateUserOutput, validate } from '@chime-api/validation';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chimeMocks, createChimeMocks, definitions, handlers, MockDefinitionError } from '../src/index.js';
import { createMocks } from '../src/runtime.js';
import { client, failure } from './setup.js';

const chime = client(); // before listen(): fetch is looked up per call
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  chimeMocks.reset();
});
afterAll(() => server.close());

describe('happy path', () => {
  it('answers with the spec example, reflecting the request', async () => {
    const { User } = await chime.updateUser({ AccountId: 'acc-9', UserId: 'user-7', LicenseType: 'Basic' });
    expect(User).toMatchObject({ UserId: 'user-7', AccountId: 'acc-9', LicenseType: 'Basic', DisplayName: 'Jane Doe' });
    expect(User?.RegisteredOn).toEqual(new Date('2019-05-01T16:02:35Z'));
  });

  it('is deterministic: the same request, the same response and request id, whatever ran before', async () => {
    const a = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    await chime.updateUser({ AccountId: 'zz', UserId: 'other', LicenseType: 'Plus' });
    const b = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    expect(b).toEqual(a);
    expect(b.$metadata.requestId).toBe(a.$metadata.requestId);
    expect(a.$metadata.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('matches any base URL a test chooses', async () => {
    const proxied = createChimeClient({ endpoint: 'http://localhost:3000/api/chime', retry: false });
    await expect(proxied.updateUser({ AccountId: 'a', UserId: 'u' })).resolves.toHaveProperty('User.UserId', 'u');
  });

  it('records the validated inputs', async () => {
    await chime.updateUser({ AccountId: 'a1', UserId: 'u/1', LicenseType: 'Pro' });
    expect(chimeMocks.updateUser.calls).toEqual([{ AccountId: 'a1', UserId: 'u/1', LicenseType: 'Pro' }]);
  });
});

describe('request validation', () => {
  it('answers an invalid request as the service would, naming the field', async () => {
    const error = await failure(chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Gold' as never }));
    expect(error).toBeInstanceOf(clientErrors.BadRequestException);
    expect(error).toMatchObject({ Code: 'BadRequest', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect((error as Error).message).toMatch(/^1 validation error detected: 'LicenseType' must be one of/);
    expect(chimeMocks.updateUser.calls).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', '{"LicenseType":', /not valid JSON/],
    ['a JSON array', '[1,2]', /must be a JSON object/],
    ['an unknown member', '{"Nickname":"x"}', /'Nickname' is not a member/],
  ])('refuses %s with 400 BadRequestException', async (_name, body, message) => {
    const response = await fetch('https://chime.us-east-1.amazonaws.com/accounts/a/users/u', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-ErrorType')).toBe('BadRequestException');
    expect((await response.json()) as object).toMatchObject({
      Code: 'BadRequest',
      Message: expect.stringMatching(message),
    });
  });

  it("onInvalidRequest: 'throw' fails the test instead", async () => {
    const strict = createChimeMocks({ onInvalidRequest: 'throw' });
    server.use(...strict.handlers);
    const error = await failure(
      client({ retry: false }).updateUser({ AccountId: 'a', UserId: 'u', UserType: 'Robot' as never }),
    );
    expect(error).toBeInstanceOf(ChimeServiceException);
    expect((error as Error).message).toContain(
      "UpdateUser mock got an invalid request: 1 validation error detected: 'UserType'",
    );
  });
});

describe('scenarios', () => {
  const documented = definitions.flatMap((d) =>
    Object.entries(d.errors).map(([name, e]) => [d.name, name, e.status] as const),
  );

  it.each(documented)('%s.error(%s) → HTTP %i, header and body', async (_op, name, status) => {
    server.use(chimeMocks.updateUser.error(name as never));
    const error = await failure(client({ retry: false }).updateUser({ AccountId: 'a', UserId: 'u' }));
    const Class = (clientErrors as unknown as Record<string, new (...args: never[]) => Error>)[name];
    expect(error).toBeInstanceOf(Class);
    expect((error as ChimeServiceException).$metadata.httpStatusCode).toBe(status);
    expect((error as ChimeServiceException).$response.headers.get('x-amzn-errortype')).toBe(name);
    expect((error as ChimeServiceException).Code).toMatch(/^[A-Z][A-Za-z]+$/);
  });

  it('error once: the retry succeeds', async () => {
    server.use(chimeMocks.updateUser.error('ThrottledClientException', { once: true }));
    const output = await chime.updateUser({ AccountId: 'a', UserId: 'u' });
    expect(output.$metadata.attempts).toBe(2);
  });

  it('error with a custom message and Retry-After', async () => {
    server.use(
      chimeMocks.updateUser.error('ServiceUnavailableException', {
        message: 'maintenance',
        headers: { 'Retry-After': '0' },
      }),
    );
    const error = await failure(chime.updateUser({ AccountId: 'a', UserId: 'u' }));
    expect(error).toMatchObject({ Message: 'maintenance', $metadata: { attempts: 3 } });
  });

  it('refuses an error the operation does not document', () => {
    expect(() => chimeMocks.updateUser.error('TeapotException' as never)).toThrow(
      /documents no TeapotException; it documents BadRequestException/,
    );
  });

  it('reply(body) answers with a typed body', async () => {
    server.use(chimeMocks.updateUser.reply({ User: { UserId: 'u1', LicenseType: 'Basic' } }));
    const output = await chime.updateUser({ AccountId: 'a', UserId: 'u1' });
    expect(output).toEqual({ User: { UserId: 'u1', LicenseType: 'Basic' } });
  });

  it('reply(body) that drifted from the spec fails at once, naming the member', () => {
    expect(() =>
      chimeMocks.updateUser.reply({ User: { UserId: 'u1', LicenseType: 'Gold', Nick: 1 } } as never),
    ).toThrow(MockDefinitionError);
    expect(() => chimeMocks.updateUser.reply({ User: { LicenseType: 'Gold' } } as never)).toThrow(
      /\/User\/UserId: is required[\s\S]*\/User\/LicenseType: must be one of/,
    );
  });

  it('reply(fn) gets the validated input; a drifted result fails loudly', async () => {
    server.use(chimeMocks.updateUser.reply(({ input }) => ({ User: { UserId: `${input.UserId}!` } }), { once: true }));
    await expect(chime.updateUser({ AccountId: 'a', UserId: 'u' })).resolves.toEqual({ User: { UserId: 'u!' } });
    server.use(chimeMocks.updateUser.reply(() => ({ User: { UserId: 1 } }) as never));
    const error = await failure(client({ retry: false }).updateUser({ AccountId: 'a', UserId: 'u' }));
    expect((error as Error).message).toContain('/User/UserId: must be string');
  });

  it('networkError() rejects the fetch; once, the retry recovers', async () => {
    server.use(chimeMocks.updateUser.networkError());
    const error = await failure(chime.updateUser({ AccountId: 'a', UserId: 'u' }));
    // the client's one shape for "no response": ChimeNetworkError, the fetch's TypeError as its cause
    expect(error).toMatchObject({ name: 'ChimeNetworkError', Code: 'NetworkError', cause: expect.any(TypeError) });
    expect((error as { $metadata?: { attempts: number } }).$metadata?.attempts).toBe(3);
    server.resetHandlers();
    server.use(chimeMocks.updateUser.networkError({ once: true }));
    await expect(chime.updateUser({ AccountId: 'a', UserId: 'u' })).resolves.toHaveProperty('$metadata.attempts', 2);
  });

  it('delay(ms) holds the response; a client timeout cuts it', async () => {
    server.use(chimeMocks.updateUser.delay(200));
    const started = Date.now();
    await chime.updateUser({ AccountId: 'a', UserId: 'u' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const error = (await failure(
      client({ retry: false, timeoutMs: 20 }).updateUser({ AccountId: 'a', UserId: 'u' }),
    )) as Error;
    expect(error).toMatchObject({ name: 'ChimeNetworkError', Code: 'TimeoutError' });
  });
});

describe('state (opt-in)', () => {
  const seeded = {
    path: { AccountId: 'a1', UserId: 'u1' },
    body: { User: { UserId: 'u1', AccountId: 'a1', LicenseType: 'Basic' } },
  };

  it('strict: unknown ids get 404 NotFoundException', async () => {
    const mocks = createChimeMocks({ store: { strict: true, seed: [seeded] } });
    server.use(...mocks.handlers);
    const error = await failure(chime.updateUser({ AccountId: 'a1', UserId: 'nobody' }));
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as Error).message).toBe('The resource a1/nobody does not exist.');
  });

  it('updates persist for later calls; reset() goes back to the seed', async () => {
    const mocks = createChimeMocks({ store: { strict: true, seed: [seeded] } });
    server.use(...mocks.handlers);
    await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
    const later = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    expect(later.User).toMatchObject({ LicenseType: 'Pro', UserType: 'SharedDevice' });
    expect(mocks.store?.get(seeded.path)).toMatchObject({ User: { LicenseType: 'Pro' } });
    mocks.reset();
    expect(mocks.store?.get(seeded.path)).toEqual(seeded.body);
    expect(mocks.updateUser.calls).toHaveLength(0);
  });

  it('without strict, a first call creates the resource from the example', async () => {
    const mocks = createChimeMocks({ store: {} });
    server.use(...mocks.handlers);
    await chime.updateUser({ AccountId: 'n1', UserId: 'new', LicenseType: 'Plus' });
    expect(mocks.store?.get({ AccountId: 'n1', UserId: 'new' })).toMatchObject({
      User: { UserId: 'new', LicenseType: 'Plus', DisplayName: 'Jane Doe' },
    });
  });
});

describe('schema-driven data (an operation without an example)', () => {
  const withoutExample = definitions.map((d) => ({ ...d, example: null }));

  it('is valid, reflects the request and is the same for the same seed and request', async () => {
    const one = createMocks(withoutExample, { seed: 'test-seed' });
    server.use(...one.handlers);
    const a = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'ProTrial' });
    const b = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'ProTrial' });
    expect(b).toEqual(a);
    expect(a.User).toMatchObject({ UserId: 'u1', AccountId: 'a1', LicenseType: 'ProTrial' });
    expect(a.User?.RegisteredOn).toBeInstanceOf(Date);
    const raw = await (
      await fetch('https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1', { method: 'POST', body: '{}' })
    ).json();
    expect(validate(UpdateUserOutput, raw)).toMatchObject({ ok: true });

    server.resetHandlers();
    const other = createMocks(withoutExample, { seed: 'another-seed' });
    server.use(...other.handlers);
    const c = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'ProTrial' });
    expect(c.User?.PrimaryEmail).not.toBe(a.User?.PrimaryEmail);
  });
});
