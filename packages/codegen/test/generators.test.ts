/**
 * The generators of every package, run on fixture specs:
 * - a broken spec stops each of them with file, line and rule, and leaves the
 *   previously generated files untouched;
 * - a two-operation spec flows to every package with no hand edits: golden
 *   files, and the client and validators compile with their runtime.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/index.js';

const run = promisify(execFile);
const fixtures = resolve(import.meta.dirname, 'fixtures');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const tsc = join(repoRoot, 'node_modules/.bin/tsc');
const scratch = join(repoRoot, 'packages/spec/.tmp');
const generatorOf = (pkg: string) => join(repoRoot, 'packages', pkg, 'scripts/generate.ts');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function generate(pkg: string, spec: string, outDir: string) {
  return run(tsx, [generatorOf(pkg)], {
    cwd: join(repoRoot, 'packages', pkg),
    env: { ...process.env, CHIME_SPEC: spec, CHIME_OUT_DIR: outDir },
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

/** Every file below `dir` with its content and mtime. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out[path.slice(dir.length)] = `${statSync(path).mtimeMs}:${readFileSync(path, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

/** A scratch output directory holding copies of what the package generated from the real spec. */
function previousOutput(pkg: string, name: string): string {
  const dir = join(scratch, 'broken', name, pkg);
  mkdirSync(dir, { recursive: true });
  const src = join(repoRoot, 'packages', pkg, 'src');
  for (const entry of readdirSync(src)) {
    if (entry.endsWith('.gen.ts') || entry === 'generated')
      cpSync(join(src, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

describe('a broken spec stops generation and loses nothing', () => {
  const cases = [
    ['dangling-ref', 'no-unresolved-refs', 28, ['client', 'validation', 'mocks', 'sdk']],
    ['bad-example', 'no-invalid-media-type-examples', 32, ['client']],
    ['duplicate-operation-id', 'operation-operationId-unique', 58, ['client']],
    ['missing-path-param', 'path-parameters-defined', 18, ['validation']],
    ['yaml-syntax', 'yaml-syntax', 4, ['mocks']],
  ] as const;

  for (const [name, rule, line, packages] of cases) {
    for (const pkg of packages) {
      it(`${name}: the ${pkg} generator names ${rule} at line ${line} and writes nothing`, async () => {
        const out = previousOutput(pkg, name);
        const before = snapshot(out);
        expect(Object.keys(before).length).toBeGreaterThan(0);
        const result = await generate(pkg, join(fixtures, name, 'openapi.yaml'), out);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`${name}/openapi.yaml:${line}:`);
        expect(result.stderr).toContain(`[${rule}]`);
        expect(result.stderr).toContain('nothing was generated');
        expect(snapshot(out)).toEqual(before);
      }, 120_000);
    }
  }
});

describe('adding an operation flows to every package with no hand edits', () => {
  const spec = join(fixtures, 'two-operations', 'openapi.yaml');

  /** Copies a package's hand-written runtime next to freshly generated files, inside the package (so its node_modules resolve). */
  async function generatedPackage(pkg: string) {
    const root = join(repoRoot, 'packages', pkg, '.tmp', 'two-operations');
    rmSync(root, { recursive: true, force: true });
    const src = join(root, 'src');
    mkdirSync(src, { recursive: true });
    for (const entry of readdirSync(join(repoRoot, 'packages', pkg, 'src'))) {
      if (!entry.endsWith('.gen.ts') && entry !== 'generated')
        cpSync(join(repoRoot, 'packages', pkg, 'src', entry), join(src, entry));
    }
    const result = await generate(pkg, spec, src);
    expect(result.code, result.stderr).toBe(0);
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: { noEmit: true },
        include: ['src'],
      }),
    );
    return { root, src, read: (file: string) => readFileSync(join(src, file), 'utf8') };
  }

  it('client: a method, flat input and Date output per operation; it compiles', async () => {
    const pkg = await generatedPackage('client');
    const operations = pkg.read('operations.gen.ts');
    await expect(operations).toMatchFileSnapshot('./__snapshots__/two-operations/client/operations.gen.ts');
    await expect(pkg.read('errors.gen.ts')).toMatchFileSnapshot('./__snapshots__/two-operations/client/errors.gen.ts');
    expect(operations).toContain('getThing: {');
    expect(operations).toContain('putThing: {');
    expect(operations).toMatch(/export type Thing = Omit<Schemas\['Thing'\], 'CreatedAt'> & \{ CreatedAt\?: Date \};/);
    expect(operations).toMatch(
      /export type ThingPage = Omit<Schemas\['ThingPage'\], 'Items'> & \{ Items: Thing\[\] \};/,
    );
    expect(operations).toContain("datePaths: [['Items', '*', 'CreatedAt']]");
    await run(tsc, ['-p', pkg.root], { timeout: 120_000 });
    rmSync(join(repoRoot, 'packages/client/.tmp'), { recursive: true, force: true });
  }, 180_000);

  it('validation: Input and Output validators per operation; they compile', async () => {
    const pkg = await generatedPackage('validation');
    const validators = pkg.read('validators.gen.ts');
    await expect(validators).toMatchFileSnapshot('./__snapshots__/two-operations/validation/validators.gen.ts');
    for (const name of ['GetThingInput', 'GetThingOutput', 'PutThingInput', 'PutThingOutput', 'Thing', 'ThingPage']) {
      expect(validators).toContain(`export const ${name}: Validator<`);
    }
    await run(tsc, ['-p', pkg.root], { timeout: 120_000 });
    rmSync(join(repoRoot, 'packages/validation/.tmp'), { recursive: true, force: true });
  }, 180_000);

  it('mocks: a mock per operation, typed by the client', async () => {
    const pkg = await generatedPackage('mocks');
    const handlers = pkg.read('handlers.gen.ts');
    await expect(handlers).toMatchFileSnapshot('./__snapshots__/two-operations/mocks/handlers.gen.ts');
    expect(handlers).toContain(
      'export const definitions: readonly OperationDefinition[] = [getThingDefinition, putThingDefinition];',
    );
    expect(handlers).toContain("getThing: OperationMock<OperationTypes['getThing']['input']");
    rmSync(join(repoRoot, 'packages/mocks/.tmp'), { recursive: true, force: true });
  }, 180_000);

  it('generation is deterministic: a second run writes the same bytes', async () => {
    const first = await generatedPackage('validation');
    const a = first.read('standalone.gen.ts');
    const second = await generatedPackage('validation');
    expect(second.read('standalone.gen.ts')).toBe(a);
    rmSync(join(repoRoot, 'packages/validation/.tmp'), { recursive: true, force: true });
  }, 180_000);
});
