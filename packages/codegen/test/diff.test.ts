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
    [
      'format-changed',
      [major('PutThing 200 CreatedAt', "format date-time removed (the client's type changes from Date to string)")],
    ],
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

/**
 * Every keyword the comparison reads, added and removed, in an input and an
 * output: `fixtures/diff/<keyword>.yaml` is `base.yaml` with the keyword
 * toggled on one request member and one response member. Compared one way
 * (base → fixture) and the other (fixture → base), so each fixture checks
 * both the addition and the removal. `Thing` is the response of `PutThing`
 * and the items of `ListThings`: each output change shows at both.
 */
describe('diffSpecs: every keyword, added and removed, in inputs and outputs', async () => {
  const dir = join(fixtures, 'diff');
  const base = await loadSpec(join(dir, 'base.yaml'));
  type Row = [SpecChange['level'], string, string];
  /** A change to the request member `name`. */
  const input = (level: SpecChange['level'], name: string, message: string): Row[] => [
    [level, `PutThing input ${name}`, message],
  ];
  /** A change to the response member `name` of `Thing`: in PutThing's response and in ListThings' items. */
  const output = (level: SpecChange['level'], name: string, message: string): Row[] => [
    [level, `PutThing 200 ${name}`, message],
    [level, `ListThings 200 Things[].${name}`, message],
  ];
  const asChanges = (rows: Row[]) => rows.map(([level, where, message]) => ({ level, where, message }));
  const timestamp = (change: string, from: string, to: string) =>
    `format date-time ${change} (the client's type changes from ${from} to ${to})`;
  const epoch = (change: string, from: string, to: string) =>
    `x-amzn-timestamp-format unixTimestamp ${change} (the client's type changes from ${from} to ${to})`;

  it.each([
    [
      'format-timestamp',
      [
        ...input('major', 'StartsAt', timestamp('added', 'string', 'Date')),
        ...output('major', 'CreatedAt', timestamp('removed', 'Date', 'string')),
      ],
      [
        ...input('major', 'StartsAt', timestamp('removed', 'Date', 'string')),
        ...output('major', 'CreatedAt', timestamp('added', 'string', 'Date')),
      ],
    ],
    [
      'timestamp-epoch',
      [
        ...input('major', 'Size', epoch('added', 'number', 'Date')),
        ...output('major', 'Score', epoch('added', 'number', 'Date')),
      ],
      [
        ...input('major', 'Size', epoch('removed', 'Date', 'number')),
        ...output('major', 'Score', epoch('removed', 'Date', 'number')),
      ],
    ],
    [
      'format-other',
      [...input('major', 'Note', 'format email added'), ...output('minor', 'Note', 'format email added')],
      [...input('minor', 'Note', 'format email removed'), ...output('major', 'Note', 'format email removed')],
    ],
    [
      'pattern',
      [
        ...input('minor', 'ThingId', 'pattern /^[a-z0-9]+$/ removed'),
        ...output('minor', 'ThingId', 'pattern /^[a-z0-9]+$/ added'),
      ],
      [
        ...input('major', 'ThingId', 'pattern /^[a-z0-9]+$/ added'),
        ...output('major', 'ThingId', 'pattern /^[a-z0-9]+$/ removed'),
      ],
    ],
    [
      'length',
      [
        ...input('minor', 'Name', 'length maxLength 64 removed'),
        ...output('minor', 'Name', 'length minLength 1 added'),
      ],
      [
        ...input('major', 'Name', 'length maxLength 64 added'),
        ...output('major', 'Name', 'length minLength 1 removed'),
      ],
    ],
    [
      'range',
      [...input('major', 'Size', 'range maximum 100 added'), ...output('minor', 'Score', 'range minimum 0 added')],
      [...input('minor', 'Size', 'range maximum 100 removed'), ...output('major', 'Score', 'range minimum 0 removed')],
    ],
    [
      'exclusive-range',
      [
        ...input('major', 'Size', 'range exclusiveMaximum 1000 added'),
        ...output('minor', 'Score', 'range exclusiveMinimum 0 added'),
      ],
      [
        ...input('minor', 'Size', 'range exclusiveMaximum 1000 removed'),
        ...output('major', 'Score', 'range exclusiveMinimum 0 removed'),
      ],
    ],
    [
      'items',
      [...input('major', 'Tags', 'items maxItems 10 added'), ...output('minor', 'Tags', 'items minItems 1 added')],
      [...input('minor', 'Tags', 'items maxItems 10 removed'), ...output('major', 'Tags', 'items minItems 1 removed')],
    ],
    [
      'unique-items',
      [...input('major', 'Tags', 'uniqueItems added'), ...output('minor', 'Tags', 'uniqueItems added')],
      [...input('minor', 'Tags', 'uniqueItems removed'), ...output('major', 'Tags', 'uniqueItems removed')],
    ],
    [
      'multiple-of',
      [...input('major', 'Size', 'multipleOf 2 added'), ...output('minor', 'Score', 'multipleOf 0.5 added')],
      [...input('minor', 'Size', 'multipleOf 2 removed'), ...output('major', 'Score', 'multipleOf 0.5 removed')],
    ],
    [
      'nullable',
      [
        ...input('minor', 'Note', 'type null added (string to null|string)'),
        ...output('major', 'Note', 'type null added (string to null|string)'),
      ],
      [
        ...input('major', 'Note', 'type null removed (null|string to string)'),
        ...output('minor', 'Note', 'type null removed (null|string to string)'),
      ],
    ],
    [
      'default',
      [
        ...input('major', 'Priority', 'default 1 removed (a caller that leaves the member out no longer gets 1)'),
        ...output('minor', 'Rank', 'default 0 added'),
      ],
      [
        ...input('minor', 'Priority', 'default 1 added'),
        ...output('major', 'Rank', "default 0 removed (the client's type of an optional member gains undefined)"),
      ],
    ],
    [
      'default-changed',
      input('major', 'Priority', 'default changed from 1 to 2 (a caller that leaves the member out gets 2)'),
      input('major', 'Priority', 'default changed from 2 to 1 (a caller that leaves the member out gets 1)'),
    ],
    [
      'const',
      [...input('major', 'Name', 'const "a" added'), ...output('minor', 'Name', 'const "a" added')],
      [...input('minor', 'Name', 'const "a" removed'), ...output('major', 'Name', 'const "a" removed')],
    ],
    [
      'read-only',
      [
        ...input('major', 'Size', 'readOnly added (callers may no longer send it)'),
        ...output('minor', 'Status', "readOnly added (the client's type marks it readonly)"),
      ],
      [
        ...input('minor', 'Size', 'readOnly removed (callers may now send it)'),
        ...output('patch', 'Status', 'readOnly removed'),
      ],
    ],
    [
      'write-only',
      [
        ...input('patch', 'Name', 'writeOnly added (nothing changes for a caller)'),
        ...output('major', 'CreatedAt', 'writeOnly added (responses no longer carry it)'),
      ],
      [
        ...input('patch', 'Name', 'writeOnly removed (nothing changes for a caller)'),
        ...output('minor', 'CreatedAt', 'writeOnly removed (responses may now carry it)'),
      ],
    ],
    [
      'additional-properties',
      [
        ['minor', 'PutThing input', 'additionalProperties false removed (other members now allowed)'],
        ['minor', 'ListThings 200', 'additionalProperties false added (other members no longer allowed)'],
      ],
      [
        ['major', 'PutThing input', 'additionalProperties false added (other members no longer allowed)'],
        ['major', 'ListThings 200', 'additionalProperties false removed (other members now allowed)'],
      ],
    ],
    [
      'oneof-variant',
      [
        ...input('major', 'Contact', 'oneOf variant 2 (integer) removed'),
        ...output('major', 'Owner', 'oneOf variant 2 (integer) added'),
      ],
      [
        ...input('minor', 'Contact', 'oneOf variant 2 (integer) added'),
        ...output('minor', 'Owner', 'oneOf variant 2 (integer) removed'),
      ],
    ],
  ] as [string, Row[], Row[]][])('%s', async (kind, forward, backward) => {
    const changed = await loadSpec(join(dir, `${kind}.yaml`));
    const there = diffSpecs(base, changed);
    expect(there).toEqual(expect.arrayContaining(asChanges(forward)));
    expect(there).toHaveLength(forward.length);
    const back = diffSpecs(changed, base);
    expect(back).toEqual(expect.arrayContaining(asChanges(backward)));
    expect(back).toHaveLength(backward.length);
  });

  it.each([
    ['input-enum-narrowed', input('minor', 'Kind', 'enum widened: "Large" added')],
    ['input-enum-introduced', input('minor', 'Labels{*}', 'enum dropped: any value allowed')],
    ['output-enum-widened', output('major', 'Status', 'enum value "Archived" removed')],
    ['input-became-required', input('minor', 'Name', 'member no longer required')],
    ['output-member-no-longer-required', output('minor', 'Status', 'member became required')],
  ] as [string, Row[]][])('%s, undone', async (kind, expected) => {
    const changes = diffSpecs(await loadSpec(join(dir, `${kind}.yaml`)), base);
    expect(changes).toEqual(expect.arrayContaining(asChanges(expected)));
    expect(changes).toHaveLength(expected.length);
  });

  it('a member removed inside a recursive schema is reported where each operation reaches it, not again round the cycle', async () => {
    const changes = diffSpecs(base, await loadSpec(join(dir, 'recursive-member-removed.yaml')));
    expect(changes).toEqual([
      { level: 'major', where: 'ListThings 200 Things[].Owner|0.PersonId', message: 'member removed' },
      { level: 'major', where: 'PutThing 200 Owner|0.PersonId', message: 'member removed' },
      { level: 'major', where: 'PutThing input Contact|0.PersonId', message: 'member removed' },
    ]);
  });

  it('a $ref DAG (each level refers to the next twice) is compared once per schema: one line per level, not one per path', async () => {
    const levels = 40; // 2^40 paths to the bottom
    const text = readFileSync(join(dir, 'base.yaml'), 'utf8');
    const dag = (maxLength: number) => {
      let schemas = '';
      for (let i = 0; i < levels; i++) {
        const next = `$ref: '#/components/schemas/Level${i + 1}'`;
        schemas += `    Level${i}:\n      type: object\n      properties:\n        Left:\n          ${next}\n        Right:\n          ${next}\n`;
      }
      schemas += `    Level${levels}:\n      type: string\n      maxLength: ${maxLength}\n`;
      const from = '        PersonId:\n          type: string\n';
      expect(text).toContain(from);
      const file = join(scratch, `dag-${maxLength}.yaml`);
      writeFileSync(
        file,
        `${text.replace(from, `${from}        Tree:\n          $ref: '#/components/schemas/Level0'\n`)}${schemas}`,
      );
      return loadSpec(file);
    };
    const changes = diffSpecs(await dag(8), await dag(4));
    const bottom = `.Tree${'.Left'.repeat(levels)}`;
    expect(changes).toEqual(
      expect.arrayContaining([
        { level: 'major', where: `PutThing input Contact|0${bottom}`, message: 'length maxLength changed from 8 to 4' },
        { level: 'minor', where: `PutThing 200 Owner|0${bottom}`, message: 'length maxLength changed from 8 to 4' },
        {
          level: 'major',
          where: 'PutThing input Contact|0.Tree.Right',
          message: 'the same changes as PutThing input Contact|0.Tree.Left (a shared schema)',
        },
      ]),
    );
    // Per operation direction (input, PutThing's and ListThings' output): the change once, one pointer per level.
    expect(changes).toHaveLength(3 * (levels + 1));
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
