import { type ChimeServiceException, NotFoundException } from '@chime-api/client';
import * as clientErrors from '@chime-api/client/errors';
import { UpdateUserOutput, validate } from '@chime-api/validation';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChimeStoreSeed,
  chimeMocks,
  createChimeMocks,
  definitions,
  handlers,
  InvalidMockRequestError,
  MockDefinitionError,
} from '../src/index.js';
import { createMocks } from '../src/runtime.js';
import { client, failure, unhandledIsError } from './setup.js';

const chime = client(); // before listen(): fetch is looked up per call
const server = setupServer(...handlers);
beforeAll(() => server.listen(unhandledIsError));
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

  it('is deterministic: the same request, the same response, whatever ran before', async () => {
    const a = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    await chime.updateUser({ AccountId: 'zz', UserId: 'other', LicenseType: 'Plus' });
    const b = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', UserType: 'SharedDevice' });
    expect(b.User).toEqual(a.User);
    expect(a.$metadata.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('request ids', () => {
  const sequence = async (mocks: ReturnType<typeof createChimeMocks>) => {
    server.use(...mocks.handlers);
    const one = client({ retry: false });
    const ids = [
      (await one.updateUser({ AccountId: 'a1', UserId: 'u1' })).$metadata.requestId,
      (await one.updateUser({ AccountId: 'a1', UserId: 'u1' })).$metadata.requestId,
    ];
    const bad = await failure(one.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Gold' as never }));
    ids.push((bad as ChimeServiceException).$metadata.requestId);
    server.resetHandlers();
    return ids;
  };

  it('every response has its own x-amzn-RequestId (a 200, the same 200 again, a 400 on one path)', async () => {
    const ids = await sequence(createChimeMocks({ seed: 's1' }));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('under a seed the sequence is the same in every run (and after reset()); another seed gives another', async () => {
    const mocks = createChimeMocks({ seed: 's1' });
    const first = await sequence(mocks);
    expect(await sequence(createChimeMocks({ seed: 's1' }))).toEqual(first);
    mocks.reset();
    expect(await sequence(mocks)).toEqual(first);
    const other = await sequence(createChimeMocks({ seed: 's2' }));
    expect(other.filter((id) => first.includes(id))).toEqual([]);
  });
});

describe("request validation, in the service's words", () => {
  const post = (path: string, body: string) =>
    fetch(`https://chime.us-east-1.amazonaws.com${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  const messageOf = async (response: Response) => ((await response.json()) as { Message: string }).Message;

  it('answers an invalid enum as AWS does, naming the member on the wire', async () => {
    const error = await failure(chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Gold' as never }));
    expect(error).toBeInstanceOf(clientErrors.BadRequestException);
    expect(error).toMatchObject({ Code: 'BadRequest', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect((error as Error).message).toBe(
      "1 validation error detected: Value 'Gold' at 'licenseType' failed to satisfy constraint: Member must satisfy enum value set: [Basic, Plus, Pro, ProTrial]",
    );
  });

  it('counts several errors and joins them with "; "', async () => {
    const response = await post('/accounts/a1/users/u1', '{"LicenseType":"Gold","UserType":"Robot"}');
    expect(await messageOf(response)).toBe(
      "2 validation errors detected: Value 'Gold' at 'licenseType' failed to satisfy constraint: Member must satisfy enum value set: [Basic, Plus, Pro, ProTrial]; Value 'Robot' at 'userType' failed to satisfy constraint: Member must satisfy enum value set: [PrivateUser, SharedDevice]",
    );
  });

  it('a path member that breaks its pattern is named by its location name', async () => {
    const response = await post('/accounts/%20/users/u1', '{}');
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toBe(
      "1 validation error detected: Value ' ' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\S.*",
    );
  });

  it.each([
    ['a number for a string', '{"LicenseType":5}', 'NUMBER_VALUE can not be converted to a String'],
    [
      'a string for a boolean',
      '{"AlexaForBusinessMetadata":{"IsAlexaForBusinessEnabled":"yes"}}',
      'STRING_VALUE can not be converted to a Boolean',
    ],
    ['an object for a string', '{"UserType":{}}', 'Start of structure or map found where not expected.'],
    ['a list for a string', '{"UserType":[]}', 'Start of list found where not expected'],
  ])("a wrong type gets the deserializer's message: %s", async (_name, body, message) => {
    const response = await post('/accounts/a1/users/u1', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-ErrorType')).toBe('BadRequestException');
    expect(await messageOf(response)).toBe(message);
  });

  it.each([
    ['malformed JSON', '{"LicenseType":', 'The request body is not valid JSON.'],
    ['a JSON array', '[1,2]', 'The request body must be a JSON object.'],
    [
      'an unknown member',
      '{"Nickname":"x"}',
      "The request body has a member 'Nickname' that UpdateUser does not define; it accepts LicenseType, UserType, AlexaForBusinessMetadata.",
    ],
    [
      'an unknown nested member',
      '{"AlexaForBusinessMetadata":{"RoomName":"x"}}',
      "The request body has a member 'AlexaForBusinessMetadata.RoomName' that the operation does not define; remove it.",
    ],
  ])('refuses %s with 400 BadRequestException', async (_name, body, message) => {
    const response = await post('/accounts/a/users/u', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-ErrorType')).toBe('BadRequestException');
    expect((await response.json()) as object).toEqual({ Code: 'BadRequest', Message: message });
  });

  it('a path member in the body is refused: path members come from the path only', async () => {
    const mocks = createChimeMocks({ store: {} });
    server.use(...mocks.handlers);
    const response = await post('/accounts/a1/users/u1', '{"UserId":"someone-else","LicenseType":"Pro"}');
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toBe(
      "The request body has a member 'UserId', which UpdateUser takes from the URL (/accounts/{accountId}/users/{userId}) only; remove it from the body.",
    );
    expect(mocks.store?.size).toBe(0);
    // the same body without it is answered for the path's user
    const ok = await post('/accounts/a1/users/u1', '{"LicenseType":"Pro"}');
    expect(((await ok.json()) as { User: { UserId: string } }).User.UserId).toBe('u1');
  });
});

describe("onInvalidRequest: 'throw'", () => {
  it('fails once: one attempt, a 400 naming the member, and reset() throws the InvalidMockRequestError', async () => {
    const strict = createChimeMocks({ onInvalidRequest: 'throw' });
    server.use(...strict.handlers);
    // the default client: retries on, as in an app
    const error = await failure(chime.updateUser({ AccountId: 'a', UserId: 'u', UserType: 'Robot' as never }));
    expect(error).toBeInstanceOf(clientErrors.BadRequestException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect((error as Error).message).toBe(
      "UpdateUser mock got an invalid request: 1 validation error detected: Value 'Robot' at 'userType' failed to satisfy constraint: Member must satisfy enum value set: [PrivateUser, SharedDevice]",
    );
    expect(strict.updateUser.calls).toHaveLength(1);
    // an app that caught the 400 still fails its test, in afterEach(() => mocks.reset())
    let thrown: unknown;
    try {
      strict.reset();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidMockRequestError);
    expect((thrown as InvalidMockRequestError).message).toContain("at 'userType'");
    expect((thrown as InvalidMockRequestError).issues).toMatchObject([{ path: '/UserType', keyword: 'enum' }]);
    // once: the next reset is clean
    expect(() => strict.reset()).not.toThrow();
  });

  it('valid requests leave reset() quiet', async () => {
    const strict = createChimeMocks({ onInvalidRequest: 'throw' });
    server.use(...strict.handlers);
    await chime.updateUser({ AccountId: 'a', UserId: 'u', UserType: 'SharedDevice' });
    expect(() => strict.reset()).not.toThrow();
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
    // the default client (retries on): a drifted reply is answered once, never as a retryable 500
    const error = await failure(chime.updateUser({ AccountId: 'a', UserId: 'u' }));
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 501, attempts: 1 } });
    expect((error as Error).message).toContain('/User/UserId: must be string');
    expect(chimeMocks.updateUser.calls.map((c) => [c.scenario, c.status, c.errorType])).toEqual([
      ['reply', 200, undefined],
      ['reply', 501, 'MockDefinitionError'],
    ]);
    // and the test fails even when the app swallowed the error: reset() (in afterEach) throws it, once
    expect(() => chimeMocks.reset()).toThrow(MockDefinitionError);
    expect(() => chimeMocks.reset()).not.toThrow();
  });

  it('a mock that cannot answer (data it cannot make up) is a 501 and a failing reset(), not a retried 500', async () => {
    const unmakeable = definitions.map((d) => ({
      ...d,
      example: null,
      outputSchema: { type: 'object', properties: { User: { type: 'string', pattern: '^[0-9]{3}$', minLength: 5 } } },
    }));
    const mocks = createMocks(unmakeable);
    server.use(...mocks.handlers);
    const error = await failure(chime.updateUser({ AccountId: 'a', UserId: 'u' }));
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 501, attempts: 1 } });
    expect((error as Error).message).toMatch(/^UpdateUser mock could not answer: .*cannot make up a value for User/);
    expect(() => mocks.reset()).toThrow(/cannot make up a value for User/);
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
    // no clock reading: a 20 ms timer set before the request always fires before the mock's 200 ms one
    let answered = false;
    const pending = chime.updateUser({ AccountId: 'a', UserId: 'u' }).then((output) => {
      answered = true;
      return output;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    await expect(pending).resolves.toHaveProperty('User.UserId', 'u');
    const error = (await failure(
      client({ retry: false, timeoutMs: 20 }).updateUser({ AccountId: 'a', UserId: 'u' }),
    )) as Error;
    expect(error).toMatchObject({ name: 'ChimeNetworkError', Code: 'TimeoutError' });
  });
});

describe('state (opt-in)', () => {
  const seeded: ChimeStoreSeed = {
    path: { AccountId: 'a1', UserId: 'u1' },
    body: { User: { UserId: 'u1', AccountId: 'a1', LicenseType: 'Basic' } },
  };

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

  it('a seed keyed by other names than the path members fails at once, naming them', () => {
    const lowerCase = { path: { accountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1' } } };
    expect(() => createChimeMocks({ store: { seed: [lowerCase as never] } })).toThrow(MockDefinitionError);
    expect(() => createChimeMocks({ store: { seed: [lowerCase as never] } })).toThrow(
      "store.seed[0].path has the members accountId, UserId, which no operation's path has (names are case-sensitive). Path members: UpdateUser: AccountId, UserId.",
    );
  });

  it('a seeded body is checked against the spec like reply(): a bad enum or an extra member fails, naming it', () => {
    const gold = { path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1', LicenseType: 'Gold' } } };
    expect(() => createChimeMocks({ store: { seed: [seeded, gold as never] } })).toThrow(
      /^store\.seed\[1\]\.body does not match the UpdateUser response in the spec:\n {2}\/User\/LicenseType: must be one of/,
    );
    const extra = { path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1', Nickname: 'x' } } };
    expect(() => createChimeMocks({ store: { seed: [extra as never] } })).toThrow(/\/User\/Nickname: is not a member/);
  });
});

describe("404s: one wording, naming the request's own members", () => {
  const expected = 'User ghost not found in account a1.';

  it('the strict store', async () => {
    const mocks = createChimeMocks({ store: { strict: true } });
    server.use(...mocks.handlers);
    const error = await failure(chime.updateUser({ AccountId: 'a1', UserId: 'ghost' }));
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as Error).message).toBe(expected);
  });

  it("error('NotFoundException')", async () => {
    server.use(chimeMocks.updateUser.error('NotFoundException'));
    const error = await failure(chime.updateUser({ AccountId: 'a1', UserId: 'ghost' }));
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as Error).message).toBe(expected);
  });
});

describe('schema-driven data (an operation without an example)', () => {
  const withoutExample = definitions.map((d) => ({ ...d, example: null }));

  it('is valid, reflects the request and is the same for the same seed and request', async () => {
    const one = createMocks(withoutExample, { seed: 'test-seed' });
    server.use(...one.handlers);
    const a = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'ProTrial' });
    const b = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'ProTrial' });
    expect(b.User).toEqual(a.User);
    expect(a.User).toMatchObject({ UserId: 'u1', AccountId: 'a1', LicenseType: 'ProTrial' });
    expect(a.User?.RegisteredOn).toBeInstanceOf(Date);
    const raw = await (
      await fetch('https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json();
    expect(validate(UpdateUserOutput, raw)).toMatchObject({ ok: true });

    server.resetHandlers();
    const other = createMocks(withoutExample, { seed: 'another-seed' });
    server.use(...other.handlers);
    const c = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'ProTrial' });
    expect(c.User?.PrimaryEmail).not.toBe(a.User?.PrimaryEmail);
  });
});
