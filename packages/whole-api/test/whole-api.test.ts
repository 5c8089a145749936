/**
 * The whole official Chime API through every generator (issue 11): a
 * document drafted from the model by spec:import (191 operations) generates
 * the client, validators, mocks and SDK into a temporary tree; each compiles
 * with tsc; every operation called through the client against the default
 * mocks gets its documented success status and a decoded output, and an
 * invalid input gets the service's 400; the SDK calls a sample of each kind.
 * Inputs come from the model, not from the code under test.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadModel } from '@chime-api/codegen';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsumer } from '../src/consumer.js';
import { operationCases } from '../src/inputs.js';
import { buildPackage, operationNames, prepareTree, type Tree } from '../src/tree.js';

const model = loadModel();
const names = operationNames(model, 'all');
const cases = operationCases(model, names);

type AnyFn = (
  input: Record<string, unknown>,
) => Promise<Record<string, unknown> & { $metadata: { httpStatusCode: number } }>;
interface OperationSpec {
  operationId: string;
  successStatus: number;
  datePaths: readonly (readonly string[])[];
  epochPaths?: readonly (readonly string[])[];
}

let tree: Tree;
let client: Record<string, AnyFn>;
let clientModule: Record<string, unknown>;
let mocksModule: { createChimeMocks: (options?: Record<string, unknown>) => typeof mocks };
let operations: Record<string, OperationSpec>;
let server: ReturnType<typeof setupServer>;
interface Call {
  input: Record<string, unknown> | undefined;
  method: string;
  url: string;
  status: number | 'network-error' | undefined;
}
let mocks: Record<string, { calls: readonly Call[] }> & { handlers: never[]; reset(): void };
const load = <T>(pkg: keyof Tree['packages'], file = 'dist/index.js') =>
  import(pathToFileURL(join(tree.packages[pkg], file)).href) as Promise<T>;

beforeAll(async () => {
  tree = await prepareTree({ label: 'test', build: false });
  await buildPackage(tree.packages.validation);
  await buildPackage(tree.packages.client);
  await buildPackage(tree.packages.mocks);
  clientModule = await load('client');
  mocksModule = await load('mocks');
  operations = clientModule.operations as Record<string, OperationSpec>;
  client = (clientModule.createChimeClient as (options: Record<string, unknown>) => Record<string, AnyFn>)({
    retry: false,
  });
  mocks = mocksModule.createChimeMocks();
  server = setupServer(...mocks.handlers);
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => server?.close());

/** The values at a table path (`*` for each array item). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (head === '*') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  return value && typeof value === 'object' && head in value
    ? valuesAt((value as Record<string, unknown>)[head], rest)
    : [];
}

describe('the whole API (191 operations drafted from the model)', () => {
  it('has every operation of the model, and the client has a method for each', () => {
    expect(names).toHaveLength(191);
    expect(Object.keys(operations)).toHaveLength(191);
    for (const c of cases) expect(typeof client[c.method], c.method).toBe('function');
  });

  it.each(cases.map((c) => [c.operation, c] as const))(
    '%s: the client gets its documented status and a decoded output from the default mocks',
    async (_name, c) => {
      const spec = operations[c.method] as OperationSpec;
      const output = await (client[c.method] as AnyFn)(c.input);
      expect(output.$metadata.httpStatusCode).toBe(spec.successStatus);
      expect(typeof output).toBe('object');
      // every timestamp the output carries arrives as a Date
      for (const path of [...spec.datePaths, ...(spec.epochPaths ?? [])]) {
        for (const value of valuesAt(output, path)) expect(value, path.join('.')).toBeInstanceOf(Date);
      }
    },
  );

  const invalid = cases.filter((c) => !('none' in c.invalid));
  it.each(invalid.map((c) => [c.operation, c] as const))(
    '%s: an invalid input gets the service 400 (BadRequestException)',
    async (_name, c) => {
      const bad = c.invalid as { input: Record<string, unknown>; member: string; wireName: string; how: string };
      const error = await (client[c.method] as AnyFn)(bad.input).then(
        () => undefined,
        (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } },
      );
      expect(error, `${bad.how} (${bad.wireName}) was accepted`).toBeDefined();
      expect(error?.$metadata.httpStatusCode).toBe(400);
      expect(error?.name).toBe('BadRequestException');
      // the service's wording names the member, as it travels (a JSON type mismatch it words as
      // `STRING_VALUE can not be converted to a Structure`, without the member)
      if (bad.how.startsWith('a value not of type')) return;
      const named = [bad.wireName, bad.member].some((n) => error?.message.toLowerCase().includes(n.toLowerCase()));
      expect(named, `the message names ${bad.wireName}: ${error?.message}`).toBe(true);
    },
  );

  it('paginateListUsers pages through the users a store holds, each once and in order', async () => {
    const seeded = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const stateful = mocksModule.createChimeMocks({
      store: { seed: seeded.map((UserId) => ({ path: { AccountId: 'a1', UserId }, body: { User: { UserId } } })) },
    });
    server.use(...stateful.handlers);
    try {
      type Page = { Users?: { UserId: string }[] };
      const paginate = clientModule.paginateListUsers as (
        client: unknown,
        input: Record<string, unknown>,
        options: { pageSize: number },
      ) => AsyncIterable<Page>;
      const pages: string[][] = [];
      for await (const page of paginate(client, { AccountId: 'a1' }, { pageSize: 2 })) {
        pages.push((page.Users ?? []).map((user) => user.UserId));
      }
      expect(pages).toEqual([['u1', 'u2'], ['u3', 'u4'], ['u5']]);
    } finally {
      server.resetHandlers();
    }
  });

  it('a consumer file type-checks against the 191-operation client, and its mistakes do not', async () => {
    // the consumer holds two @ts-expect-error lines: types that had decayed to `any` would fail it too
    const result = await checkConsumer(tree);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});

describe('the SDK of the whole API (typescript-fetch) against the same mocks', () => {
  type Api = Record<string, (request: Record<string, unknown>) => Promise<unknown>>;
  let sdk: Record<string, Api>;
  beforeAll(async () => {
    await buildPackage(tree.packages.sdk);
    const sdkModule = await load<{ createChimeSdk: (options: Record<string, unknown>) => Record<string, Api> }>('sdk');
    sdk = sdkModule.createChimeSdk({ retry: false });
  });

  /** Calls `api.method(request)` on the SDK (a method of a generated API class, so `this` is the instance). */
  function invoke(api: string, method: string, request: Record<string, unknown>): Promise<unknown> {
    const instance = sdk[api];
    const fn = instance?.[method];
    if (!instance || !fn) throw new Error(`the SDK has no ${api}.${method}: the generated API classes changed`);
    return fn.call(instance, request);
  }

  /** The one call the mocks recorded for `operation` during `work`. */
  async function callOf(operation: string, work: () => Promise<unknown>) {
    const before = mocks[operation]?.calls.length ?? 0;
    const result = await work();
    const calls = mocks[operation]?.calls ?? [];
    expect(calls.length, `${operation} was not the operation the mocks answered`).toBe(before + 1);
    return { result, call: calls[calls.length - 1] as Call };
  }

  it('query members: ListUsers sends max-results and user-type, and reads the page', async () => {
    const { result, call } = await callOf('listUsers', () =>
      invoke('users', 'listUsers', { accountId: 'a1', max_results: 5, user_type: 'PrivateUser' }),
    );
    expect(call.input).toMatchObject({ AccountId: 'a1', MaxResults: 5, UserType: 'PrivateUser' });
    expect(Array.isArray((result as { Users?: unknown[] }).Users)).toBe(true);
  });

  it('a header member, a host prefix, an idempotency token and a 201: CreateChannel', async () => {
    const bearer = 'arn:aws:chime:us-east-1:111122223333:app-instance/1a2b3c4d/user/u1';
    const { call } = await callOf('createChannel', () =>
      invoke('channels', 'createChannel', {
        CreateChannelRequestBody: {
          AppInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/1a2b3c4d',
          Name: 'general',
        },
        x_amz_chime_bearer: bearer,
      }),
    );
    expect(new URL(call.url).host).toBe('messaging-chime.us-east-1.amazonaws.com');
    expect(call.status).toBe(201);
    expect(call.input).toMatchObject({ ChimeBearer: bearer, Name: 'general' });
    expect(call.input?.ClientRequestToken).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('the identity- prefix: CreateAppInstance', async () => {
    const { call } = await callOf('createAppInstance', () =>
      invoke('appInstances', 'createAppInstance', { CreateAppInstanceRequest: { Name: 'support' } }),
    );
    expect(new URL(call.url).host).toBe('identity-chime.us-east-1.amazonaws.com');
    expect(call.status).toBe(201);
  });

  it('a 204: DeleteAccount resolves with nothing', async () => {
    const { result, call } = await callOf('deleteAccount', () =>
      invoke('accounts', 'deleteAccount', { accountId: 'a1' }),
    );
    expect(call.status).toBe(204);
    expect(result).toBeUndefined();
  });

  it('a literal query: LogoutUser reaches LogoutUser, not UpdateUser at the same method and path', async () => {
    const updates = mocks.updateUser?.calls.length;
    const { call } = await callOf('logoutUser', () => invoke('users', 'logoutUser', { accountId: 'a1', userId: 'u1' }));
    expect(new URL(call.url).search).toBe('?operation=logout');
    expect(call.method).toBe('POST');
    expect(mocks.updateUser?.calls.length).toBe(updates);
  });
});
