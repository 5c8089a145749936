/**
 * Specification extensions in schemas (`x-amzn-timestamp-format`,
 * `x-amzn-idempotency-token`, any other `x-*` key) are annotations to Ajv:
 * validators generate from a spec that uses them, while strict mode still
 * refuses a misspelt JSON Schema keyword. Validators generated from the wire
 * fixture (test/fixtures/wire) beside a copy of @chime-api/validation's
 * runtime, in packages/validation/test/.tmp.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/index.js';

const run = promisify(execFile);
/** The validation package: its runtime is copied beside what is generated, inside it (so its node_modules resolve). */
const pkg = join(repoRoot, 'packages/validation');
const wireSpec = readFileSync(join(import.meta.dirname, '../fixtures/wire/openapi.yaml'), 'utf8');
const scratch = join(pkg, 'test/.tmp/extensions');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Generates the validation target from `spec` (YAML text) beside the runtime; the CLI's failure, if any. */
async function generateValidation(name: string, spec: string) {
  const root = join(scratch, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'validation'), { recursive: true });
  for (const file of readdirSync(join(pkg, 'src'))) {
    // the hand-written runtime: generated modules (`*.gen.ts`, `generated/`) come from the fixture
    if (!file.endsWith('.gen.ts') && file !== 'generated')
      cpSync(join(pkg, 'src', file), join(root, 'validation', file));
  }
  writeFileSync(join(root, 'openapi.yaml'), spec);
  const failure = await run('node', [join(pkg, '../codegen/bin/codegen.mjs'), 'generate', '--targets', 'validation'], {
    cwd: pkg,
    env: { ...process.env, CHIME_SPEC: join(root, 'openapi.yaml'), CHIME_OUT_DIR: root },
    timeout: 180_000,
  }).then(
    () => undefined,
    (error: { stderr: string }) => error.stderr,
  );
  return { failure, index: join(root, 'validation/index.ts') };
}

let wire: ReturnType<typeof generateValidation> | undefined;
/** The wire fixture's validators, generated once for the tests that read them. */
const wireValidation = () => {
  wire ??= generateValidation('wire', wireSpec);
  return wire;
};

type Validation = {
  validators: Record<string, unknown>;
  validate(schema: unknown, value: unknown): { ok: boolean; issues?: { path: string; message: string }[] };
};

describe('x-* keys in schemas', () => {
  it('the wire fixture (x-amzn-timestamp-format, x-amzn-idempotency-token) generates; epoch seconds are numbers', async () => {
    const { failure, index } = await wireValidation();
    expect(failure).toBeUndefined();
    const { validators, validate } = (await import(index)) as Validation;
    const input = { AccountId: 'a1', ChimeBearer: 'b', Name: 'n', ClientRequestToken: 'tok-1' };
    expect(validate(validators.CreateItemInput, { ...input, ExpiresAt: 1767323045 })).toMatchObject({ ok: true });
    expect(validate(validators.CreateItemInput, { ...input, ExpiresAt: '2026-01-02T03:04:05Z' })).toMatchObject({
      ok: false,
      issues: [{ path: '/ExpiresAt' }],
    });
    const item = { ItemId: 'i1', CreatedTimestamp: '2026-01-02T03:04:05Z' };
    expect(validate(validators.ListItemsOutput, { Items: [{ ...item, ExpiresAt: 1.5 }] }).ok).toBe(true);
    expect(validate(validators.ListItemsOutput, { Items: [{ ...item, ExpiresAt: '1.5' }] }).ok).toBe(false);
  }, 240_000);

  it('lengths count code points with our own helper: the ESM output has no require() (Ajv leaves one for minLength)', async () => {
    const { failure, index } = await wireValidation();
    expect(failure).toBeUndefined();
    const standalone = readFileSync(join(index, '../standalone.gen.ts'), 'utf8');
    expect(standalone).not.toMatch(/\brequire\(/);
    expect(standalone).toContain("import { ucs2length } from './ucs2length.js';");
    const { validators, validate } = (await import(index)) as Validation;
    // Name: minLength 1, maxLength 64; an emoji is one code point, two UTF-16 units
    expect(validate(validators.UpdateItemRequestBody, { Name: '😀'.repeat(64) }).ok).toBe(true);
    expect(validate(validators.UpdateItemRequestBody, { Name: '😀'.repeat(65) }).ok).toBe(false);
    expect(validate(validators.UpdateItemRequestBody, { Name: '' }).ok).toBe(false);
  }, 240_000);

  it('an x-* key under a property whose own name starts with x- is an annotation too', async () => {
    const spec = wireSpec.replace(
      '        ItemId:\n          type: string\n        Name:',
      '        ItemId:\n          type: string\n        x-note:\n          type: string\n          x-amzn-comment: free text\n        Name:',
    );
    expect(spec).toContain('x-amzn-comment');
    const { failure, index } = await generateValidation('x-property', spec);
    expect(failure).toBeUndefined();
    const { validators, validate } = (await import(index)) as Validation;
    expect(validate(validators.Item, { ItemId: 'i1', 'x-note': 'n' }).ok).toBe(true);
    expect(validate(validators.Item, { ItemId: 'i1', 'x-note': 1 }).ok).toBe(false);
  }, 240_000);

  it('a misspelt JSON Schema keyword still stops generation, naming it and where it is', async () => {
    // Redocly's struct rule refuses it before Ajv (whose strict mode would: an x-* key is the only kind registered)
    const spec = wireSpec.replace('          maxLength: 256', '          maxLenght: 256');
    expect(spec).toContain('maxLenght');
    const { failure, index } = await generateValidation('misspelt', spec);
    expect(failure).toMatch(/openapi\.yaml:\d+:\d+ \[struct\] Property `maxLenght` is not expected here/);
    expect(readdirSync(join(index, '..')).filter((file) => file.endsWith('.gen.ts'))).toEqual([]);
  }, 240_000);
});
