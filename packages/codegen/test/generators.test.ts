/**
 * Every target, run in one pass on fixture specs:
 * - a broken spec stops the pass with file, line and rule; a target that
 *   fails stops it too; either way no package's generated files change;
 * - a two-operation spec (one operationId written `get-thing`, fixtures/get-thing) flows to every
 *   package with no hand edits: golden files, and the client, validation and
 *   mocks output compile together with their hand-written runtime.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, repoRoot, SpecError, TargetError, targets } from '../src/index.js';
import { runtimeWithGenerated } from './runtime-copy.js';

const run = promisify(execFile);
const fixtures = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => join(fixtures, name, 'openapi.yaml');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const tsc = join(repoRoot, 'node_modules/.bin/tsc');
const scratch = join(repoRoot, 'packages/codegen/.tmp/generators');
const typeScriptTargets = targets.filter((t) => t.name !== 'sdk');
const PACKAGES = ['client', 'validation', 'mocks', 'query', 'sdk'] as const;

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  for (const pkg of PACKAGES) rmSync(join(repoRoot, 'packages', pkg, '.tmp'), { recursive: true, force: true });
});

/** Every file below `dir` with its mtime and content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = `${statSync(path).mtimeMs}:${readFileSync(path, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

/** An output root holding, per package, copies of what was generated from the real spec. */
function previousOutput(name: string): string {
  const root = join(scratch, 'previous', name);
  rmSync(root, { recursive: true, force: true });
  for (const pkg of PACKAGES) {
    const src = join(repoRoot, 'packages', pkg, 'src');
    mkdirSync(join(root, pkg), { recursive: true });
    for (const entry of readdirSync(src)) {
      if (entry.endsWith('.gen.ts') || entry === 'generated')
        cpSync(join(src, entry), join(root, pkg, entry), { recursive: true });
    }
  }
  return root;
}

describe('a failure anywhere leaves every package as it was', () => {
  it.each([
    ['dangling-ref', 'no-unresolved-refs', 28],
    ['bad-example', 'no-invalid-media-type-examples', 32],
    ['duplicate-operation-id', 'operation-operationId-unique', 58],
    ['missing-path-param', 'path-parameters-defined', 18],
    ['yaml-syntax', 'yaml-syntax', 4],
  ] as const)('%s: the pass names %s at line %i and writes nothing', async (name, rule, line) => {
    const out = previousOutput(name);
    const before = snapshot(out);
    const error = await generate({ spec: fixture(name), outRoot: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toContain(`${name}/openapi.yaml:${line}:`);
    expect((error as Error).message).toContain(`[${rule}]`);
    expect((error as Error).message).toContain('nothing was generated');
    expect(snapshot(out)).toEqual(before);
  });

  it('one target failing (validation: a format it has no check for) writes nothing for any target, the SDK included', async () => {
    const out = previousOutput('target-fails');
    const before = snapshot(out);
    expect(Object.keys(before).some((f) => f.startsWith('sdk/generated/'))).toBe(true);
    const error = await generate({ spec: fixture('target-fails'), outRoot: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as TargetError).failures.map((f) => f.target)).toEqual(['validation']);
    expect((error as Error).message).toContain('unknown format "iban"');
    expect((error as Error).message).toMatch(/target-fails\/openapi\.yaml:118:\d+ \[chime\/format\]/);
    expect((error as Error).message).toContain('every package keeps its previous generated files');
    expect(snapshot(out)).toEqual(before);
    // and nothing was left behind next to the outputs
    expect(readdirSync(join(out, 'client')).filter((f) => f.includes('.tmp'))).toEqual([]);
  }, 240_000);

  it('`pnpm generate` (the CLI) exits 1 and prints the problem', async () => {
    const out = previousOutput('cli');
    const before = snapshot(out);
    const result = await run(tsx, [join(repoRoot, 'packages/codegen/src/cli.ts'), 'generate'], {
      env: { ...process.env, CHIME_SPEC: fixture('dangling-ref'), CHIME_OUT_DIR: out },
      timeout: 120_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dangling-ref/openapi.yaml:28:');
    expect(result.stderr).toContain('[no-unresolved-refs]');
    expect(snapshot(out)).toEqual(before);
  }, 120_000);
});

describe('names from the spec go through one naming function', () => {
  it('two operationIds that sanitise to the same identifiers fail with file:line:col of both', async () => {
    const error = await generate({ spec: fixture('name-collision'), outRoot: join(scratch, 'collision') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    const [problem, ...others] = (error as SpecError).problems;
    expect(others).toEqual([]);
    expect(problem?.rule).toBe('chime/identifier-collision');
    expect(problem?.message).toMatch(/operationId "get-thing" \(\S*name-collision\/openapi\.yaml:15:20\)/);
    expect(problem?.message).toMatch(/operationId "GetThing" \(\S*name-collision\/openapi\.yaml:54:20\)/);
    expect(problem?.message).toContain('GetThingInput');
    expect(problem?.message).toContain('getThing');
  });
});

describe('adding an operation flows to every package with no hand edits', () => {
  const out = join(scratch, 'get-thing');

  /**
   * The generated files of each TypeScript target beside a copy of its
   * package's hand-written runtime, inside the package (so its node_modules
   * resolve), compiled as one program: the mocks import the client and
   * validation generated from the same spec, not the published ones.
   */
  async function compileTogether() {
    const roots: Record<string, string> = {};
    for (const pkg of ['client', 'validation', 'mocks', 'query'])
      roots[pkg] = runtimeWithGenerated(pkg, 'get-thing', join(out, pkg));
    const tsconfig = join(roots.mocks as string, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: {
          noEmit: true,
          paths: {
            '@chime-api/client/core': ['../../../client/.tmp/get-thing/core.ts'],
            '@chime-api/client': ['../../../client/.tmp/get-thing/index.ts'],
            '@chime-api/validation': ['../../../validation/.tmp/get-thing/index.ts'],
            '@chime-api/validation/loaders': ['../../../validation/.tmp/get-thing/loaders.gen.ts'],
          },
        },
        include: [
          '.',
          '../../../client/.tmp/get-thing',
          '../../../validation/.tmp/get-thing',
          '../../../query/.tmp/get-thing',
        ],
      }),
    );
    return run(tsc, ['-p', tsconfig], { timeout: 180_000 }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
  }

  it('one pass writes every TypeScript target; they compile together; golden files', async () => {
    rmSync(out, { recursive: true, force: true });
    const { written } = await generate({ spec: fixture('get-thing'), outRoot: out, targets: typeScriptTargets });
    expect(written.map((f) => relative(out, f)).sort()).toEqual([
      'client/errors.gen.ts',
      'client/operations.gen.ts',
      'client/schema.gen.ts',
      'mocks/handlers.gen.ts',
      'query/queries.gen.ts',
      'validation/generated',
      'validation/loaders.gen.ts',
      'validation/standalone.gen.ts',
      'validation/types.gen.ts',
      'validation/validators.gen.ts',
    ]);
    const read = (file: string) => readFileSync(join(out, file), 'utf8');
    const operations = read('client/operations.gen.ts');
    await expect(operations).toMatchFileSnapshot('./__snapshots__/get-thing/client/operations.gen.ts');
    await expect(read('client/errors.gen.ts')).toMatchFileSnapshot('./__snapshots__/get-thing/client/errors.gen.ts');
    await expect(read('validation/validators.gen.ts')).toMatchFileSnapshot(
      './__snapshots__/get-thing/validation/validators.gen.ts',
    );
    await expect(read('mocks/handlers.gen.ts')).toMatchFileSnapshot('./__snapshots__/get-thing/mocks/handlers.gen.ts');
    await expect(read('query/queries.gen.ts')).toMatchFileSnapshot('./__snapshots__/get-thing/query/queries.gen.ts');
    // each operation's validators in modules of their own, and the loaders the client's validate option uses
    expect(readdirSync(join(out, 'validation/generated')).sort()).toEqual([
      'GetThingInput.gen.ts',
      'GetThingInput.standalone.gen.ts',
      'GetThingOutput.gen.ts',
      'GetThingOutput.standalone.gen.ts',
      'PutThingInput.gen.ts',
      'PutThingInput.standalone.gen.ts',
      'PutThingOutput.gen.ts',
      'PutThingOutput.standalone.gen.ts',
    ]);
    expect(read('validation/loaders.gen.ts')).toContain(
      "Input: () => import('./generated/GetThingInput.gen.js').then((m) => m.GetThingInputSchema)",
    );

    // `get-thing` became getThing / GetThing everywhere an identifier is needed
    expect(operations).toContain('getThing: getThingSpec,');
    expect(operations).toContain('export interface GetThingInput {');
    expect(operations).not.toContain('get-thingInput');
    expect(read('validation/validators.gen.ts')).toContain('export const GetThingInput: Validator<');
    expect(read('mocks/handlers.gen.ts')).toContain('input: validators.GetThingInput,');
    // the GET is a read, the POST a write
    expect(read('query/queries.gen.ts')).toContain('export function getThingQueryOptions<');
    expect(read('query/queries.gen.ts')).toContain('export function putThingMutationOptions<');
    expect(operations).toMatch(/export type Thing = Omit<Schemas\['Thing'\], 'CreatedAt'> & \{ CreatedAt\?: Date \};/);
    expect(operations).toContain("datePaths: [['Items', '*', 'CreatedAt']]");

    expect(await compileTogether()).toBe('');
  }, 300_000);

  it('generation is deterministic: a second pass changes no file', async () => {
    const { written } = await generate({ spec: fixture('get-thing'), outRoot: out, targets: typeScriptTargets });
    expect(written).toEqual([]);
  }, 120_000);
});
