import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSpecPath, repoRoot } from '../../src/load.js';
import { checkConformance } from '../../src/model/conformance.js';
import { loadModel } from '../../src/model/model.js';

const run = promisify(execFile);
const model = loadModel();
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of specs/chime (spec and examples) in a temporary folder, edited by `edit`. */
async function specCopy(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chime-conformance-'));
  temps.push(dir);
  await cp(resolve(repoRoot, 'specs/chime'), dir, { recursive: true });
  const file = join(dir, 'openapi.yaml');
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(file, after);
  return file;
}

describe('spec:conformance', () => {
  it('finds no drift in specs/chime/openapi.yaml', { timeout: 120_000 }, async () => {
    const report = await checkConformance(defaultSpecPath, model);
    expect(report.drift).toEqual([]);
    expect(report.operations).toBeGreaterThanOrEqual(1);
    expect(report.facts).toBeGreaterThan(100);
  });

  it('fails on planted drift, naming operation, member and both values (exit 1)', { timeout: 120_000 }, async () => {
    const spec = await specCopy((text) =>
      text
        .replace('enum: [Basic, Plus, Pro, ProTrial]', 'enum: [Basic, Plus, Pro]')
        .replace(/\n {6}required: \[UserId\]\n/, '\n')
        .replace('"503":', '"502":'),
    );
    const failure = await run(
      resolve(repoRoot, 'node_modules/.bin/tsx'),
      [resolve(repoRoot, 'packages/codegen/src/model/cli.ts'), 'conformance', '--spec', spec],
      { cwd: repoRoot },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    const lines = failure?.stderr.split('\n') ?? [];
    expect(lines).toContain(
      '  UpdateUser input LicenseType: enum: spec [Basic, Plus, Pro], model [Basic, Plus, Pro, ProTrial] (at #/components/schemas/License)',
    );
    expect(lines).toContain(
      '  UpdateUser output User.UserId: required: spec false, model true (at #/components/schemas/User)',
    );
    expect(lines).toContain('  UpdateUser error ServiceUnavailableException: status: spec 502, model 503');
    expect(failure?.stderr).toContain('drifts from the Chime model');
  });

  it('catches drift in every kind of fact it claims to check', { timeout: 120_000 }, async () => {
    const spec = await specCopy((text) =>
      text
        .replace('    post:\n      operationId: UpdateUser', '    put:\n      operationId: UpdateUser')
        .replace("pattern: '.+@.+\\..+'", "pattern: '.+@.+'")
        .replace(
          '    SensitiveString:\n      type: string\n      x-sensitive: true',
          '    SensitiveString:\n      type: string',
        )
        .replace(
          '    Iso8601Timestamp:\n      type: string\n      format: date-time',
          '    Iso8601Timestamp:\n      type: string',
        )
        .replace('service: chime', 'service: chime-sdk'),
    );
    const report = await checkConformance(spec, model);
    const facts = report.drift.map((d) => `${d.operation}|${d.member ?? ''}|${d.fact}|${d.spec}|${d.model}`);
    expect(facts).toEqual(
      expect.arrayContaining([
        'UpdateUser||method|PUT|POST',
        'UpdateUser|output User.PrimaryEmail|pattern|.+@.+|.+@.+\\..+',
        // a shared component is reported once, where it is first met (input before output, by name)
        'UpdateUser|input AlexaForBusinessMetadata.AlexaForBusinessRoomArn|sensitive|false|true',
        'UpdateUser|output User.InvitedOn|timestamp format|none|iso8601',
        '(service)|securitySchemes x-aws-sigv4|signing name|chime-sdk|chime',
      ]),
    );
  });
});
