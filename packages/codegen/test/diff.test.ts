import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs, loadSpec } from '../src/index.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const base = readFileSync(join(fixtures, 'valid/openapi.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'chime-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The valid fixture with one edit, loaded. */
async function edited(name: string, from: string, to: string) {
  expect(base).toContain(from);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, base.replace(from, to));
  return loadSpec(file);
}

describe('diffSpecs: what a spec change means for consumers', async () => {
  const before = await loadSpec(join(fixtures, 'valid/openapi.yaml'));

  it('nothing changed: no changes', async () => {
    expect(diffSpecs(before, before)).toEqual([]);
  });

  it.each([
    [
      'a new required member',
      '      additionalProperties: false\n      properties:',
      '      additionalProperties: false\n      required: [Name]\n      properties:',
      'major',
      'PutThing input Name',
      'member became required',
    ],
    [
      'a changed success status',
      "        '200':\n          description: OK.",
      "        '201':\n          description: OK.",
      'major',
      'PutThing',
      'success status changed from 200 to 201',
    ],
    [
      'a moved path',
      '  /things/{thingId}:',
      '  /items/{thingId}:',
      'major',
      'PutThing',
      'moved from POST /things/{thingId} to POST /items/{thingId}',
    ],
  ])('%s is major', async (name, from, to, level, where, message) => {
    const after = await edited(name.replace(/\W+/g, '-'), from, to);
    expect(diffSpecs(before, after)).toContainEqual({ level, where, message });
  });

  it('a removed member or a changed type is major, in inputs and outputs', async () => {
    const rich = await loadSpec(join(fixtures, 'two-operations/openapi.yaml'));
    const text = readFileSync(join(fixtures, 'two-operations/openapi.yaml'), 'utf8');
    const write = (name: string, content: string) => {
      writeFileSync(join(scratch, `${name}.yaml`), content);
      return loadSpec(join(scratch, `${name}.yaml`));
    };
    const removed = await write(
      'removed',
      text.replace('        CreatedAt:\n          type: string\n          format: date-time\n', ''),
    );
    expect(diffSpecs(rich, removed)).toEqual(
      expect.arrayContaining([
        { level: 'major', where: 'PutThing input CreatedAt', message: 'member removed' },
        { level: 'major', where: 'GetThing 200 Items[].CreatedAt', message: 'member removed' },
      ]),
    );
    const retyped = await write(
      'retyped',
      text.replace(
        '        CreatedAt:\n          type: string\n          format: date-time\n',
        '        CreatedAt:\n          type: integer\n',
      ),
    );
    expect(diffSpecs(rich, retyped)).toContainEqual({
      level: 'major',
      where: 'PutThing input CreatedAt',
      message: 'type changed from string to integer',
    });
  });

  it('an added operation and an added optional member are minor', async () => {
    const after = await loadSpec(join(fixtures, 'two-operations/openapi.yaml'));
    const changes = diffSpecs(before, after);
    expect(changes).toContainEqual({ level: 'minor', where: 'GetThing', message: 'operation added' });
    expect(changes).toContainEqual({ level: 'minor', where: 'PutThing input CreatedAt', message: 'member added' });
    expect(changes.some((c) => c.level === 'major')).toBe(false);
  });

  it('a narrowed input enum is major, a widened one minor', async () => {
    const withEnum = await edited(
      'enum-3',
      '        Name:\n          type: string\n',
      "        Name:\n          type: string\n          enum: ['a', 'b', 'c']\n",
    );
    const narrowed = await edited(
      'enum-2',
      '        Name:\n          type: string\n',
      "        Name:\n          type: string\n          enum: ['a', 'b']\n",
    );
    expect(diffSpecs(withEnum, narrowed)).toContainEqual({
      level: 'major',
      where: 'PutThing input Name',
      message: 'enum narrowed: "c" removed',
    });
    expect(diffSpecs(narrowed, withEnum)).toContainEqual({
      level: 'minor',
      where: 'PutThing input Name',
      message: 'enum widened: "c" added',
    });
  });
});
