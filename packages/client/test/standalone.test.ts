/**
 * The standalone per-operation functions on a client generated from the wire
 * fixture: a browser bundle that imports the table-free constructor and one
 * function carries that operation only; and the types a consumer sees
 * (Dates in, Dates out, optional idempotency tokens, typed paginators),
 * checked by compiling a consumer file with tsc.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, type GeneratedClient, generateClient, pkg } from './generate-client.js';

const run = promisify(execFile);
let generated: GeneratedClient;

beforeAll(async () => {
  generated = await generateClient('standalone', fixtures.wire);
}, 180_000);
afterAll(() => generated?.remove());

/**
 * Every output file of an ESM browser bundle of `source` with code splitting,
 * minified, as one text; with `keepNames`, each function keeps its name as a
 * string (`"fillTokens"`), so a test can see which functions are in it.
 */
async function bundle(name: string, source: string, keepNames = false): Promise<string> {
  const entry = join(generated.root, `${name}.ts`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    keepNames,
    write: false,
    outdir: join(generated.root, `dist-${name}`),
    // its own package, with its own per-validator exports; the client loads it on demand only
    external: ['@chime-api/validation'],
    logLevel: 'silent',
  });
  return result.outputFiles.map((file) => file.text).join('\n');
}

/** What identifies each fixture operation in a bundle: its operationId, its path or literal query, its own members. */
const marks: Record<string, (string | RegExp)[]> = {
  ListItems: ['ListItems', 'next-token', 'x-total-count', /["'`]\/accounts\/\{accountId\}\/items["'`]/],
  CreateItem: ['CreateItem', 'ClientRequestToken', 'messaging-'],
  ArchiveItem: ['ArchiveItem', 'operation=archive'],
  RestoreItem: ['RestoreItem', 'operation=restore'],
  DeleteItem: ['DeleteItem', 'identity-'],
  UpdateItem: ['UpdateItem', /["'`]\/accounts\/\{accountId\}\/items\/\{itemId\}["'`]/],
};
const has = (text: string, mark: string | RegExp) => (typeof mark === 'string' ? text.includes(mark) : mark.test(text));

describe('tree shaking', () => {
  it('createChimeBaseClient + updateItem bundles UpdateItem and no other operation', async () => {
    const text = await bundle(
      'one',
      `import { createChimeBaseClient, updateItem } from './client/index.ts';
export const rename = (name: string) => updateItem(createChimeBaseClient(), { AccountId: 'a', ItemId: 'i', Name: name });`,
    );
    expect(marks.UpdateItem?.filter((mark) => !has(text, mark))).toEqual([]);
    for (const [operation, list] of Object.entries(marks)) {
      if (operation !== 'UpdateItem')
        expect([operation, list.filter((mark) => has(text, mark))]).toEqual([operation, []]);
    }
  }, 60_000);

  it('paginateListItems bundles ListItems only', async () => {
    const text = await bundle(
      'pages',
      `import { createChimeBaseClient, paginateListItems } from './client/index.ts';
export const all = () => paginateListItems(createChimeBaseClient(), { AccountId: 'a' });`,
    );
    expect(marks.ListItems?.filter((mark) => !has(text, mark))).toEqual([]);
    for (const operation of ['CreateItem', 'ArchiveItem', 'RestoreItem', 'DeleteItem']) {
      expect([operation, marks[operation]?.filter((mark) => has(text, mark))]).toEqual([operation, []]);
    }
  }, 60_000);

  it('the same marks find every operation in a bundle of createChimeClient (the check can see them)', async () => {
    const text = await bundle(
      'all',
      `import { createChimeClient } from './client/index.ts';
export const client = () => createChimeClient();`,
    );
    for (const [operation, list] of Object.entries(marks)) {
      expect([operation, list.filter((mark) => !has(text, mark))]).toEqual([operation, []]);
    }
  }, 60_000);
});

describe('wire features are paid for by the operations that use them', () => {
  type Step = (...args: never[]) => unknown;
  type Spec = Record<string, unknown> & { operationId: string; requestSteps?: Step[]; responseSteps?: Step[] };
  /** The runtime functions a spec constant lists (its steps), by name. */
  const stepsOf = (spec: Spec) =>
    [...(spec.requestSteps ?? []), ...(spec.responseSteps ?? [])].map((step) => step.name);
  let operations: Record<string, Spec>;
  let wire: Record<string, unknown>;
  beforeAll(async () => {
    ({ operations } = await import(join(generated.dir, 'operations.gen.ts')));
    wire = await import(join(generated.dir, 'wire.ts'));
  });

  it('each operation alone bundles exactly the steps its spec constant lists (a token, a host prefix, a query... or none)', async () => {
    // the wire module's functions, but the helper for specs written by hand
    const all = Object.keys(wire).filter((name) => typeof wire[name] === 'function' && name !== 'withWireSteps');
    const seen: Record<string, string[]> = {};
    for (const [name, spec] of Object.entries(operations)) {
      const text = await bundle(
        `steps-${name}`,
        `import { createChimeBaseClient, ${name} } from './client/index.ts';
export const call = (input: never) => ${name}(createChimeBaseClient(), input);`,
        true,
      );
      seen[spec.operationId] = all.filter((fn) => text.includes(`"${fn}"`)).sort();
    }
    const expected = Object.fromEntries(
      Object.values(operations).map((spec) => {
        const steps = stepsOf(spec);
        // a token comes from uuid, a prefixed host from hostPrefixed
        if (steps.includes('fillTokens')) steps.push('uuid');
        if (steps.includes('prefixHost')) steps.push('hostPrefixed');
        return [spec.operationId, steps.sort()];
      }),
    );
    expect(seen).toEqual(expected);
    // the fixture reaches every step, so the check above saw each of them both ways
    expect([...new Set(Object.values(seen).flat())].sort()).toEqual(all.sort());
    expect(seen.UpdateItem).not.toContain('fillTokens');
  }, 120_000);

  it('the generator gives each operation the steps withWireSteps derives from its data fields (for specs written by hand)', () => {
    const withWireSteps = wire.withWireSteps as (spec: Spec) => Spec;
    for (const spec of Object.values(operations)) {
      const { requestSteps, responseSteps, ...data } = spec;
      expect([spec.operationId, stepsOf(withWireSteps(data))]).toEqual([spec.operationId, stepsOf(spec)]);
    }
  });
});

describe('types a consumer compiles against', () => {
  it('Dates in and out, optional idempotency tokens, typed standalone functions and paginators', async () => {
    writeFileSync(
      join(generated.root, 'consumer.ts'),
      `import { createChimeBaseClient, createChimeClient, createItem, listItems, paginateListItems, type ListItemsOutput } from './client/index.js';

const base = createChimeBaseClient();
const full = createChimeClient();
export async function use(): Promise<void> {
  // the idempotency token is optional although the schema requires it; an epoch-seconds member is a Date
  await createItem(base, { AccountId: 'a', ChimeBearer: 'b', Name: 'n', ExpiresAt: new Date() });
  await full.createItem({ AccountId: 'a', ChimeBearer: 'b', Name: 'n', ClientRequestToken: 't-1' });
  // @ts-expect-error epoch seconds are passed as a Date, not a number
  await createItem(base, { AccountId: 'a', ChimeBearer: 'b', Name: 'n', ExpiresAt: 1700000000 });
  // @ts-expect-error a required header member
  await createItem(base, { AccountId: 'a', Name: 'n' });
  await listItems(full, { AccountId: 'a', CreatedAfter: new Date(), Tags: ['t'], MaxResults: 5 });
  // @ts-expect-error a query timestamp is a Date
  await listItems(base, { AccountId: 'a', CreatedAfter: '2024-01-01T00:00:00Z' });
  const page: ListItemsOutput = await listItems(base, { AccountId: 'a' });
  const total: number | undefined = page.TotalCount;
  const expires: Date | undefined = page.Items?.[0]?.ExpiresAt;
  const created: Date | undefined = page.Items?.[0]?.CreatedTimestamp;
  const created2: Date | undefined = (await createItem(base, { AccountId: 'a', ChimeBearer: 'b', Name: 'n' })).Item?.ExpiresAt;
  for await (const each of paginateListItems(full, { AccountId: 'a' }, { pageSize: 10 })) {
    const token: string | undefined = each.NextToken;
    // @ts-expect-error a page is ListItemsOutput
    const wrong: number = each.Items;
    void [token, wrong];
  }
  // @ts-expect-error pageSize is a number
  paginateListItems(base, { AccountId: 'a' }, { pageSize: '10' });
  void [total, expires, created, created2];
}
`,
    );
    writeFileSync(
      join(generated.root, 'tsconfig.json'),
      JSON.stringify({
        extends: join(pkg, '../../tsconfig.base.json'),
        compilerOptions: { noEmit: true, types: [], allowImportingTsExtensions: true },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(pkg, 'node_modules/.bin/tsc');
    const output = await run(tsc, ['-p', join(generated.root, 'tsconfig.json')], { timeout: 180_000 }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(output).toBe('');
  }, 200_000);
});
