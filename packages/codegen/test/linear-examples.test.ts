/**
 * The loader checks the spec's examples with the validators' linear pattern
 * engine (src/examples.ts), not the native RegExp: an example `'a'×32 + '!'`
 * for `^(a+)+$` took Redocly's own example rule 125 s (2^32 backtracking
 * steps). Here it is refused at its line within the test's timeout, a
 * matching one is accepted, and in each of the three places an example sits
 * (a media type, a schema, a parameter) under the rule ids of redocly.yaml.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, SpecError } from '../src/index.js';
import { lineOf } from './lines.js';

const valid = readFileSync(join(import.meta.dirname, 'fixtures/valid/openapi.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'chime-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const EVIL = '^(a+)+$';
const attack = `${'a'.repeat(32)}!`;

/** `text` with `from` replaced by `to`, literally (a pattern's `$'` is not a replacement token). */
const swap = (text: string, from: string, to: string) => text.split(from).join(to);

let count = 0;
/** The valid fixture with `Thing.Name` patterned `^(a+)+$`, the request example's Name set, and `edit` applied. */
function spec(name: string, edit: (text: string) => string = (t) => t): string {
  const path = join(scratch, `spec-${++count}.yaml`);
  const patterned = swap(
    valid,
    '        Name:\n          type: string\n',
    `        Name:\n          type: string\n          pattern: '${EVIL}'\n`,
  );
  const text = swap(patterned, '                  Name: a\n', `                  Name: '${name}'\n`);
  writeFileSync(path, edit(text));
  return path;
}

async function problemsOf(path: string) {
  const error = await loadSpec(path, { fresh: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  return (error as SpecError).problems;
}

describe('examples are checked with linear-time patterns', () => {
  it('a request example built to backtrack is refused at its line, as Redocly words it', async () => {
    const path = spec(attack);
    const problems = await problemsOf(path);
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'no-invalid-media-type-examples',
        line: lineOf(path, `Name: '${attack}'`),
        message: `Example value must conform to the schema: \`Name\` property must match pattern "${EVIL}".`,
      }),
    ]);
  });

  it('a matching example is accepted', async () => {
    const loaded = await loadSpec(spec('a'.repeat(10_000)), { fresh: true });
    expect(loaded.operations.map((op) => op.operationId)).toEqual(['PutThing']);
  });

  it('a schema example (no-invalid-schema-examples)', async () => {
    const path = spec('aaa', (t) =>
      swap(t, `          pattern: '${EVIL}'\n`, `          pattern: '${EVIL}'\n          example: '${attack}'\n`),
    );
    const problems = await problemsOf(path);
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'no-invalid-schema-examples', line: lineOf(path, `example: '${attack}'`) }),
    ]);
  });

  it('a parameter example (no-invalid-parameter-examples)', async () => {
    const path = spec('aaa', (t) =>
      swap(
        t,
        '          schema:\n            type: string\n',
        `          schema:\n            type: string\n            pattern: '${EVIL}'\n          example: '${attack}'\n`,
      ),
    );
    const problems = await problemsOf(path);
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'no-invalid-parameter-examples', line: lineOf(path, `example: '${attack}'`) }),
    ]);
  });

  it('an example with a property its schema does not declare is still refused (allowAdditionalProperties: false)', async () => {
    const path = spec('aaa', (t) =>
      t
        .replace('      additionalProperties: false\n', '')
        .replace("                  Name: 'aaa'\n", "                  Name: 'aaa'\n                  Extra: 1\n"),
    );
    const problems = await problemsOf(path);
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'no-invalid-media-type-examples',
        message: 'Example value must conform to the schema: must NOT have unevaluated properties `Extra`.',
      }),
    ]);
  });
});
