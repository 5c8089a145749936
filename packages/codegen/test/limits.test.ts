/**
 * The loader's limits (src/limits.ts), on every file of a spec before
 * Redocly parses it: a YAML alias bomb (20 lines that expand to 9^9 nodes),
 * deep nesting and an oversized file are refused at `file:line:col`, with a
 * message naming the limit and the variable that raises it, and nothing is
 * written. (Before the limits, the bomb in the product spec ran `pnpm
 * generate` past 60 s and 2 GB.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, loadSpec, repoRoot, SpecError } from '../src/index.js';
import { DEFAULT_LIMITS, loaderLimits } from '../src/limits.js';
import { lineOf } from './lines.js';

const scratch = mkdtempSync(join(tmpdir(), 'chime-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
/** A copy of the product spec folder (specs/chime), with `edit` applied to the file `file` in it. */
function productSpecWith(edit: (text: string) => string, file = 'openapi.yaml'): string {
  const dir = join(scratch, `chime-${++count}`);
  cpSync(join(repoRoot, 'specs/chime'), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return join(dir, 'openapi.yaml');
}

/** Nine levels of nine aliases each, indented by `indent`: 20 lines, 9^9 nodes once expanded. */
function aliasBomb(indent: string): string {
  const names = 'abcdefghi';
  const lines = [`${indent}a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${indent}${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

async function refusal(path: string) {
  const out = join(scratch, `out-${count}`);
  const error = await generate({ spec: path, outRoot: out, fresh: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SpecError);
  // nothing written: not even the output folder exists
  expect(() => readFileSync(join(out, 'client/schema.gen.ts'))).toThrow(/ENOENT/);
  return error as SpecError;
}

describe('a YAML alias bomb is refused before anything expands it', () => {
  it('in the product spec (an extension of info): refused at the alias that passes the node limit', async () => {
    const path = productSpecWith((text) => text.replace(/^info:\n/m, `info:\n  x-bomb:\n${aliasBomb('    ')}`));
    const error = await refusal(path);
    const [problem, ...others] = error.problems;
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ rule: 'chime/spec-limit', file: expect.stringContaining('openapi.yaml') });
    expect(problem?.message).toContain(`more than ${DEFAULT_LIMITS.maxNodes} nodes once its YAML aliases are expanded`);
    expect(problem?.message).toContain('CHIME_SPEC_MAX_NODES raises it');
    // at the first list whose expansion passes the limit, one of the bomb's lines
    expect(problem?.line).toBeGreaterThan(lineOf(path, 'a: &a'));
    expect(problem?.line).toBeLessThanOrEqual(lineOf(path, 'i: &i'));
    expect(error.message).toMatch(/openapi\.yaml:\d+:\d+ \[chime\/spec-limit\] The file holds more than/);
  });

  it('inside a schema', async () => {
    const path = productSpecWith((text) =>
      text.replace(/^ {4}User:\n/m, `    User:\n      x-bomb:\n${aliasBomb('        ')}`),
    );
    expect((await refusal(path)).problems[0]?.rule).toBe('chime/spec-limit');
  });

  it('in a referenced example file (JSON is YAML: its aliases count the same)', async () => {
    const examples = readFileSync(join(repoRoot, 'specs/chime/openapi.yaml'), 'utf8').match(
      /\$ref: ["']?\.\/(examples\/[^'"#\s]+)/,
    );
    expect(examples?.[1]).toBeDefined();
    const file = examples?.[1] as string;
    const path = productSpecWith(() => `summary: A bomb.\nx-bomb:\n${aliasBomb('  ')}value: {}\n`, file);
    const error = await refusal(path);
    expect(error.problems[0]).toMatchObject({ rule: 'chime/spec-limit', file: expect.stringContaining(file) });
  });

  it('more aliases than the alias limit, however small each one', async () => {
    const aliases = Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `    k${i}: *v`).join('\n');
    const path = productSpecWith((text) => text.replace(/^info:\n/m, `info:\n  x-v: &v 1\n  x-many:\n${aliases}\n`));
    const [problem] = (await refusal(path)).problems;
    expect(problem?.message).toContain(`More than ${DEFAULT_LIMITS.maxAliases} YAML aliases`);
    expect(problem?.message).toContain('CHIME_SPEC_MAX_ALIASES');
    expect(problem?.line).toBe(lineOf(path, `k${DEFAULT_LIMITS.maxAliases}: *v`));
  });
});

describe('nesting and size', () => {
  it('maps and lists nested past the depth limit are refused where they pass it', async () => {
    const depth = DEFAULT_LIMITS.maxDepth + 10;
    const path = productSpecWith((text) =>
      text.replace(/^info:\n/m, `info:\n  x-deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`),
    );
    const [problem] = (await refusal(path)).problems;
    expect(problem?.message).toContain(`nest deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
    expect(problem?.message).toContain('CHIME_SPEC_MAX_DEPTH');
    expect(problem?.line).toBe(lineOf(path, 'x-deep'));
  });

  it('a file over the size limit is refused from its size (a sparse 1 GB file, never read)', async () => {
    const path = productSpecWith((text) => text);
    truncateSync(path, 1024 ** 3);
    const [problem] = (await refusal(path)).problems;
    expect(problem).toMatchObject({ rule: 'chime/spec-limit', file: expect.stringContaining('openapi.yaml') });
    expect(problem?.message).toBe(
      `The file is ${1024 ** 3} bytes, over the loader's size limit: the limit is ${DEFAULT_LIMITS.maxFileBytes} (CHIME_SPEC_MAX_FILE_BYTES raises it, if the spec really needs more). Split it with $refs, or trim it.`,
    );
  });

  it('each limit is raised by its variable, and a legitimate spec near a lowered one still loads', async () => {
    expect(loaderLimits({}, { CHIME_SPEC_MAX_DEPTH: '200' }).maxDepth).toBe(200);
    expect(() => loaderLimits({}, { CHIME_SPEC_MAX_NODES: 'lots' })).toThrow(
      'CHIME_SPEC_MAX_NODES=lots: expected a whole number',
    );
    const path = productSpecWith((text) => text);
    const error = await loadSpec(path, { fresh: true, limits: { maxNodes: 100 } }).catch((e: unknown) => e);
    expect((error as SpecError).problems[0]?.message).toContain('more than 100 nodes');
    const spec = await loadSpec(path, { fresh: true, limits: { maxDepth: 24 } });
    expect(spec.operations.length).toBeGreaterThan(0);
  });
});
