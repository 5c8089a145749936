/**
 * The spec's own patterns, as the generated validators ship them (programs
 * compiled at generate time), against JavaScript's RegExp; and a spec whose
 * patterns JavaScript rejects stops generation, naming each one's line and
 * column, and writes nothing.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Validator, validate, validators } from '@chime-api/validation';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type JsonSchema, loadSpec, repoRoot } from '../../src/index.js';

const spec = await loadSpec();
const all = validators as unknown as Record<string, Validator<unknown>>;

const patterned = Object.entries(spec.bundled.components?.schemas ?? {}).filter(
  (entry): entry is [string, JsonSchema & { pattern: string }] => typeof entry[1].pattern === 'string',
);

describe('the spec patterns, as generated, agree with RegExp', () => {
  it('the spec has patterns to check', () => {
    expect(patterned.length).toBeGreaterThan(0);
  });

  // characters that matter to the spec's patterns (blanks, @, dots, line breaks) and others
  const char = fc.constantFrom('a', 'Z', '@', '.', ' ', '\t', '\n', '\u2028', '\u00a0', '😀', '-');
  const input = fc.oneof(
    fc.array(char, { maxLength: 20 }).map((cs) => cs.join('')),
    fc
      .tuple(fc.array(char, { minLength: 1, maxLength: 5 }), fc.integer({ min: 14, max: 40 }))
      .map(([cs, times]) => cs.join('').repeat(times))
      .filter((s) => s.length > 64),
  );

  it.each(patterned)('%s', (name, schema) => {
    const native = new RegExp(schema.pattern, 'u');
    const validator = all[name] as Validator<unknown>;
    let long = 0;
    fc.assert(
      fc.property(input, (value) => {
        if (value.length > 64) long++;
        return validate(validator, value).ok === native.test(value);
      }),
      { numRuns: 1_000 },
    );
    expect(long).toBeGreaterThan(100);
  });
});

describe('a pattern JavaScript rejects (or a message without a pattern) stops generation with file:line:column', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'chime-patterns-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('names each bad pattern where it is, and writes nothing', async () => {
    const specDir = join(scratch, 'chime');
    cpSync(join(repoRoot, 'specs/chime'), specDir, { recursive: true });
    const specFile = join(specDir, 'openapi.yaml');
    const lines = readFileSync(specFile, 'utf8').split('\n');
    // three bad patterns: one replacing the spec's own, two in schemas added for the test (a pattern that
    // an example crosses is reported by the spec's example check first, at the example)
    const bad = { NonEmptyString: 'a{3,1}', Reversed: '[z-a]', Unterminated: 'a{' };
    const at: Record<string, number> = {};
    const schemasLine = lines.indexOf('  schemas:');
    lines.splice(
      schemasLine + 1,
      0,
      '    Reversed:',
      '      type: string',
      '      pattern: x',
      '    Unterminated:',
      '      type: string',
      '      pattern: x',
    );
    for (const [name, pattern] of Object.entries(bad)) {
      const start = lines.indexOf(`    ${name}:`);
      const offset = lines.slice(start).findIndex((l) => l.trimStart().startsWith('pattern:'));
      const line = start + offset;
      lines[line] = `      pattern: '${pattern}'`;
      at[name] = line + 1;
    }
    // and a message with no pattern to go with
    lines.splice(schemasLine + 1, 0, '    Orphan:', '      type: string', '      x-pattern-message: must be orphaned');
    const orphanLine = schemasLine + 4;
    for (const name of Object.keys(at)) at[name] = (at[name] as number) + 3;
    writeFileSync(specFile, lines.join('\n'));
    const out = join(scratch, 'out');
    mkdirSync(out);

    const result = await promisify(execFile)(
      'node',
      [join(repoRoot, 'packages/codegen/bin/codegen.mjs'), 'generate', '--targets', 'validation'],
      { cwd: scratch, env: { ...process.env, CHIME_SPEC: specFile, CHIME_OUT_DIR: out }, timeout: 120_000 },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );

    expect(result.code).toBe(1);
    // the value starts after "      pattern: " (column 16)
    expect(result.stderr).toContain(`chime/openapi.yaml:${at.NonEmptyString}:16 [chime/pattern] The pattern /a{3,1}/`);
    expect(result.stderr).toContain('numbers out of order in {} quantifier');
    expect(result.stderr).toContain(`chime/openapi.yaml:${at.Reversed}:16 [chime/pattern] The pattern /[z-a]/`);
    expect(result.stderr).toContain('Range out of order in character class');
    expect(result.stderr).toContain(`chime/openapi.yaml:${at.Unterminated}:16 [chime/pattern] The pattern /a{/`);
    expect(result.stderr).toContain('Incomplete quantifier');
    expect(result.stderr).toContain(
      `chime/openapi.yaml:${orphanLine}:26 [chime/pattern-message] x-pattern-message has no pattern beside it`,
    );
    expect(readdirSync(out)).toEqual([]);
  }, 180_000);
});
