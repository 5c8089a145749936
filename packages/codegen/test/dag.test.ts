/**
 * Schemas that share schemas: a `$ref` DAG (each schema refers to the next
 * twice) is 2^depth copies once inlined: before, 14 levels (1 KB of spec)
 * wrote a 33 MB validator file and 18 levels hung at 3.3 GB. The targets now
 * share such schemas (kit/schema.ts `sharedComponents`): the output grows
 * with the spec, not with the number of paths through it, and what the
 * validators check is unchanged. A recursive schema (a cycle) generates and
 * validates at any depth.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs, generate, loadSpec, repoRoot, targets } from '../src/index.js';

const valid = readFileSync(join(import.meta.dirname, 'fixtures/valid/openapi.yaml'), 'utf8');
// inside packages/validation, so the generated validators' imports of the runtime resolve
const scratch = join(repoRoot, 'packages/validation/.tmp/dag');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const typeScriptTargets = targets.filter((t) => t.name !== 'sdk');

/** The valid fixture with `Thing.Extra` referring to `schemas` (YAML, under components/schemas). */
function specWith(name: string, schemas: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const text = valid.replace(
    '        Name:\n          type: string\n',
    "        Name:\n          type: string\n        Extra:\n          $ref: '#/components/schemas/D0'\n",
  );
  writeFileSync(join(dir, 'openapi.yaml'), `${text}${schemas}`);
  return join(dir, 'openapi.yaml');
}

/** Levels D0 … D(n-1), each with properties `a` and `b` both referring to the next; D(n) a string of length ≤ 3. */
function dag(levels: number): string {
  let out = '';
  for (let i = 0; i < levels; i++)
    out += `    D${i}:\n      type: object\n      properties:\n        a:\n          $ref: '#/components/schemas/D${i + 1}'\n        b:\n          $ref: '#/components/schemas/D${i + 1}'\n`;
  return `${out}    D${levels}:\n      type: string\n      maxLength: 3\n`;
}

/** Generates the TypeScript targets into `<spec folder>/out`, beside a copy of the validation runtime; the total size written. */
async function generateInto(spec: string): Promise<{ out: string; bytes: number }> {
  const out = join(spec, '..', 'out');
  await generate({ spec, outRoot: out, targets: typeScriptTargets, fresh: true });
  for (const file of readdirSync(join(repoRoot, 'packages/validation/src')))
    // the runtime only: not the real spec's generated files (nor its generated/ folder)
    if (!file.endsWith('.gen.ts') && file !== 'generated')
      cpSync(join(repoRoot, 'packages/validation/src', file), join(out, 'validation', file));
  let bytes = 0;
  for (const target of ['client', 'validation', 'mocks'])
    for (const file of readdirSync(join(out, target)))
      if (file.endsWith('.gen.ts')) bytes += statSync(join(out, target, file)).size;
  return { out, bytes };
}

type RawValidator = ((data: unknown) => boolean) & { errors?: { instancePath: string }[] | null };

async function validatorOf(out: string, name: string): Promise<RawValidator> {
  const module = (await import(join(out, 'validation/standalone.gen.ts'))) as Record<string, RawValidator>;
  return module[`v_${name}`] as RawValidator;
}

/** A D(depth) value `levels` deep with every leaf `leaf`. */
const value = (levels: number, leaf: unknown): unknown =>
  levels === 0 ? leaf : { a: value(levels - 1, leaf), b: value(levels - 1, leaf) };

describe('a $ref DAG', () => {
  it('generates output that grows with its levels, not with 2^levels, and validates every path', async () => {
    const small = await generateInto(specWith('dag-14', dag(14)));
    const large = await generateInto(specWith('dag-18', dag(18)));
    // 4 more levels: 16× the paths, a few more schemas
    expect(large.bytes / small.bytes).toBeLessThan(1.6);
    expect(large.bytes).toBeLessThan(2_000_000);

    const thing = await validatorOf(large.out, 'Thing');
    expect(thing({ Name: 'x', Extra: value(18, 'ok') })).toBe(true);
    const deep = value(18, 'ok') as Record<string, unknown>;
    let at = deep;
    for (let i = 0; i < 17; i++) at = at.b as Record<string, unknown>;
    at.a = 'too long';
    expect(thing({ Name: 'x', Extra: deep })).toBe(false);
    expect(thing.errors?.map((e) => e.instancePath)).toEqual([`/Extra${'/b'.repeat(17)}/a`]);
  }, 120_000);

  it('spec:diff compares it without copying every path: a removed member is a break', async () => {
    const before = await loadSpec(specWith('diff-before', dag(18)), { fresh: true });
    const b3 = "        b:\n          $ref: '#/components/schemas/D4'\n";
    const after = await loadSpec(specWith('diff-after', dag(18).replace(b3, '')), { fresh: true });
    const changes = diffSpecs(before, after);
    expect(changes[0]).toMatchObject({ level: 'major', message: 'member removed' });
    expect(changes[0]?.where).toMatch(/Extra\.[ab]\.[ab]\.[ab]\.b$/);
  }, 60_000);
});

describe('a recursive schema (a cycle)', () => {
  const tree = `    D0:
      type: object
      required: [Label]
      properties:
        Label:
          type: string
          maxLength: 3
        Children:
          type: array
          items:
            $ref: '#/components/schemas/D0'
        Forest:
          $ref: '#/components/schemas/Forest'
    Forest:
      type: object
      properties:
        Trees:
          type: array
          items:
            $ref: '#/components/schemas/D0'
`;

  it('generates, and its validator checks every level', async () => {
    const { out } = await generateInto(specWith('cycle', tree));
    const thing = await validatorOf(out, 'Thing');
    const node = (depth: number, label = 'ok'): unknown =>
      depth === 0 ? { Label: label } : { Label: 'ok', Children: [node(depth - 1, label)], Forest: { Trees: [] } };
    expect(thing({ Name: 'x', Extra: node(6) })).toBe(true);
    expect(thing({ Name: 'x', Extra: node(6, 'long') })).toBe(false);
    expect(thing.errors?.map((e) => e.instancePath)).toEqual([`/Extra${'/Children/0'.repeat(6)}/Label`]);
    // the mocks declare each shared schema once and refer to it
    const handlers = readFileSync(join(out, 'mocks/handlers.gen.ts'), 'utf8');
    expect(handlers).toMatch(/const schema\d+: OperationDefinition\['outputSchema'\] = \{"type":"object"/);
  }, 120_000);
});
