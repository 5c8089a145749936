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
let operations: Record<string, OperationSpec>;
let server: ReturnType<typeof setupServer>;
const load = <T>(pkg: keyof Tree['packages'], file = 'dist/index.js') =>
  import(pathToFileURL(join(tree.packages[pkg], file)).href) as Promise<T>;

beforeAll(async () => {
  tree = await prepareTree({ label: 'test', build: false });
  await buildPackage(tree.packages.validation);
  await buildPackage(tree.packages.client);
  await buildPackage(tree.packages.mocks);
  const clientModule = await load<{
    createChimeClient: (options: Record<string, unknown>) => Record<string, AnyFn>;
    operations: Record<string, OperationSpec>;
  }>('client');
  const mocksModule = await load<{ createChimeMocks: () => { handlers: never[] } }>('mocks');
  operations = clientModule.operations;
  client = clientModule.createChimeClient({ retry: false });
  server = setupServer(...mocksModule.createChimeMocks().handlers);
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

  it('a consumer file type-checks against the 191-operation client, and its mistakes do not', async () => {
    // the consumer holds two @ts-expect-error lines: types that had decayed to `any` would fail it too
    const result = await checkConsumer(tree);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});
