import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs, loadSpec, parseChangeset, type SpecChange, uncoveredPackages } from '../src/index.js';

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
      message: 'enum value "c" removed',
    });
    expect(diffSpecs(narrowed, withEnum)).toContainEqual({
      level: 'minor',
      where: 'PutThing input Name',
      message: 'enum widened: "c" added',
    });
  });
});

/**
 * One fixture pair per kind of change: `fixtures/diff/base.yaml` (refs,
 * `allOf`, `oneOf`, `additionalProperties`, two operations, two errors)
 * against `fixtures/diff/<kind>.yaml`, the same document with that one change.
 */
describe('diffSpecs: every kind of break, on the dereferenced document', async () => {
  const dir = join(fixtures, 'diff');
  const base = await loadSpec(join(dir, 'base.yaml'));
  const against = async (kind: string) => diffSpecs(base, await loadSpec(join(dir, `${kind}.yaml`)));
  const major = (where: string, message: string): SpecChange => ({ level: 'major', where, message });

  it.each([
    ['operation-removed', [major('ListThings', 'operation removed')]],
    [
      'member-removed',
      [major('PutThing 200 CreatedAt', 'member removed'), major('ListThings 200 Things[].CreatedAt', 'member removed')],
    ],
    ['error-removed', [major('PutThing', 'error NotFoundException (404) removed')]],
    ['error-status-changed', [major('PutThing', 'error NotFoundException moved from 404 to 410')]],
    ['output-enum-value-removed', [major('PutThing 200 Status', 'enum value "Retired" removed')]],
    ['input-enum-narrowed', [major('PutThing input Kind', 'enum value "Large" removed')]],
    ['input-enum-introduced', [major('PutThing input Labels{*}', 'enum introduced: only "red", "green"')]],
    ['output-enum-widened', [major('PutThing 200 Status', 'enum widened: "Archived" added')]],
    ['new-required-input', [major('PutThing input Color', 'new required member')]],
    ['input-became-required', [major('PutThing input Name', 'member became required')]],
    ['type-changed', [major('PutThing input Size', 'type changed from integer to string')]],
    ['format-changed', [major('PutThing 200 CreatedAt', 'format changed from date-time to (none)')]],
    ['pattern-changed', [major('PutThing input ThingId', 'pattern changed from /^[a-z0-9]+$/ to /^[a-z]+$/')]],
    ['length-changed', [major('PutThing input Name', 'length maxLength changed from 64 to 32')]],
    ['range-changed', [major('PutThing input Size', 'range minimum changed from 0 to 1')]],
    ['status-changed', [major('PutThing', 'success status changed from 200 to 201')]],
    ['output-member-no-longer-required', [major('PutThing 200 Status', 'member no longer required')]],
    ['oneof-variant-type-changed', [major('PutThing 200 Owner|0.PersonId', 'type changed from string to integer')]],
  ] as const)('%s is major', async (kind, expected) => {
    const changes = await against(kind);
    expect(changes).toEqual(expect.arrayContaining([...expected]));
    expect(changes[0]?.level).toBe('major');
  });

  it('compatible changes are minor: a widened input enum or length, a new output member, an output member now required', async () => {
    const changes = await against('compatible');
    expect(changes).toEqual(
      expect.arrayContaining([
        { level: 'minor', where: 'PutThing input Kind', message: 'enum widened: "Medium" added' },
        { level: 'minor', where: 'PutThing input Name', message: 'length maxLength changed from 64 to 128' },
        { level: 'minor', where: 'PutThing 200 UpdatedAt', message: 'member added' },
        { level: 'minor', where: 'PutThing 200 Name', message: 'member became required' },
      ]),
    );
    expect(changes.filter((c) => c.level === 'major')).toEqual([]);
  });

  it('the base against itself: no change', async () => {
    expect(await against('base')).toEqual([]);
  });
});

describe('uncoveredPackages: which breaking changes still need a major changeset', () => {
  const packages = ['@chime-api/client', '@chime-api/validation'];
  const breaking: SpecChange[] = [{ level: 'major', where: 'PutThing', message: 'operation removed' }];
  const changeset = (bumps: Record<string, string>) =>
    `---\n${Object.entries(bumps)
      .map(([name, bump]) => `"${name}": ${bump}`)
      .join('\n')}\n---\n\n**spec**: summary\n`;

  it('parses the front matter of a changeset', () => {
    expect(parseChangeset(changeset({ '@chime-api/client': 'major', '@chime-api/validation': 'minor' }))).toEqual(
      new Map([
        ['@chime-api/client', 'major'],
        ['@chime-api/validation', 'minor'],
      ]),
    );
  });

  it('nothing breaking needs nothing', () => {
    const minor: SpecChange[] = [{ level: 'minor', where: 'PutThing', message: 'operation added' }];
    expect(uncoveredPackages(minor, { packages, newChangesets: {}, majorBumped: [] })).toEqual([]);
  });

  it('a breaking change needs every generated package named major', () => {
    const evidence = (newChangesets: Record<string, string>) => ({ packages, newChangesets, majorBumped: [] });
    expect(uncoveredPackages(breaking, evidence({}))).toEqual(packages);
    // A major changeset about something else (another package) does not cover it.
    expect(uncoveredPackages(breaking, evidence({ 'other.md': changeset({ '@chime-api/client': 'major' }) }))).toEqual([
      '@chime-api/validation',
    ]);
    const minor = changeset({ '@chime-api/client': 'minor', '@chime-api/validation': 'minor' });
    expect(uncoveredPackages(breaking, evidence({ 'minor.md': minor }))).toEqual(packages);
    const both = changeset({ '@chime-api/client': 'major', '@chime-api/validation': 'major' });
    expect(uncoveredPackages(breaking, evidence({ 'spec.md': both }))).toEqual([]);
  });

  it('a version already bumped a major since the base (changeset version ran) covers its package', () => {
    expect(uncoveredPackages(breaking, { packages, newChangesets: {}, majorBumped: packages })).toEqual([]);
  });
});
