import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec, repoRoot } from '../../src/load.js';
import { checkConformance } from '../../src/model/conformance.js';
import { ImportError, runImport } from '../../src/model/import.js';
import { loadModel } from '../../src/model/model.js';

const run = promisify(execFile);
const model = loadModel();
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chime-import-'));
  temps.push(dir);
  return dir;
}

/** A copy of specs/chime (spec and examples) in a temporary folder. */
async function specCopy(): Promise<string> {
  const dir = await tempDir();
  await cp(resolve(repoRoot, 'specs/chime'), dir, { recursive: true });
  return join(dir, 'openapi.yaml');
}

/** Whether every line of `before` is in `after`, unchanged and in order (text was only inserted). */
function onlyInserted(before: string, after: string): boolean {
  const kept = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < kept.length && kept[at] !== line) at += 1;
    if (at === kept.length) return false;
    at += 1;
  }
  return true;
}

describe('spec:import into the spec', () => {
  it('adds GetUser beside UpdateUser: existing text untouched, loads and lints, conforms', {
    timeout: 180_000,
  }, async () => {
    const spec = await specCopy();
    const before = await readFile(spec, 'utf8');
    const result = await runImport({ model, names: ['GetUser'], all: false, spec });
    expect(result.operations).toEqual(['GetUser']);
    // User, NonEmptyString and the seven error responses are the spec's own: reused, not redefined
    expect(result.added).toEqual({ schemas: ['GetUserResponse'], responses: [], headers: [], tags: [] });
    const after = await readFile(spec, 'utf8');
    expect(after.length).toBeGreaterThan(before.length);
    expect(onlyInserted(before, after)).toBe(true);

    const loaded = await loadSpec(spec);
    const getUser = loaded.operations.find((o) => o.operationId === 'GetUser');
    expect(getUser).toMatchObject({ method: 'get', path: '/accounts/{accountId}/users/{userId}' });
    expect(getUser?.members.map((m) => [m.name, m.location, m.wireName])).toEqual([
      ['AccountId', 'path', 'accountId'],
      ['UserId', 'path', 'userId'],
    ]);
    expect(getUser?.success.status).toBe(200);
    // the model gives GetUser UpdateUser's seven exceptions: the shared responses are reused, not redefined
    const statuses = (id: string) =>
      loaded.operations.find((o) => o.operationId === id)?.errors.map((e) => [e.status, e.errorCode, e.description]);
    expect(statuses('GetUser')).toHaveLength(7);
    expect(statuses('GetUser')).toEqual(statuses('UpdateUser'));
    expect(getUser?.sensitive).toEqual([
      'AlexaForBusinessRoomArn',
      'DisplayName',
      'PrimaryEmail',
      'PrimaryProvisionedNumber',
    ]);
    // the example is made from the shapes and says it is a draft
    const drafted = parse(after).paths['/accounts/{accountId}/users/{userId}'].get;
    expect(drafted.responses['200'].content['application/json'].examples.draft).toMatchObject({
      'x-draft': true,
      value: { User: { LicenseType: 'Basic', RegisteredOn: '2024-01-01T00:00:00Z' } },
    });

    const report = await checkConformance(spec, model);
    expect(report.drift).toEqual([]);
    expect(report.operations).toBe(2);
  });

  it('refuses to overwrite an operation, and writes nothing (exit 1)', { timeout: 120_000 }, async () => {
    const spec = await specCopy();
    const before = await readFile(spec, 'utf8');
    const failure = await run(
      resolve(repoRoot, 'node_modules/.bin/tsx'),
      [resolve(repoRoot, 'packages/codegen/src/model/cli.ts'), 'import', 'GetUser', 'UpdateUser', '--spec', spec],
      { cwd: repoRoot },
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('UpdateUser is already there (POST /accounts/{accountId}/users/{userId})');
    expect(failure?.stderr).toContain('nothing was written');
    expect(await readFile(spec, 'utf8')).toBe(before);
  });

  it('names the closest operations for an unknown name', async () => {
    const spec = await specCopy();
    await expect(runImport({ model, names: ['GetUsr'], all: false, spec })).rejects.toThrow(ImportError);
    await expect(runImport({ model, names: ['GetUsr'], all: false, spec })).rejects.toThrow(
      /GetUsr \(did you mean .*GetUser/,
    );
  });
});

describe('spec:import --all --out', () => {
  it('writes all 191 operations as a document that passes loadSpec, redocly lint and conformance', {
    timeout: 300_000,
  }, async () => {
    const out = join(await tempDir(), 'whole', 'openapi.yaml');
    const result = await runImport({ model, names: [], all: true, out, spec: '/unused' });
    expect(result.operations).toHaveLength(191);

    const loaded = await loadSpec(out);
    expect(loaded.operations).toHaveLength(191);
    const lint = await run(
      resolve(repoRoot, 'node_modules/.bin/redocly'),
      ['lint', out, '--config', resolve(repoRoot, 'redocly.yaml'), '--format', 'stylish'],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(lint.stderr + lint.stdout).toContain('Your API description is valid');
    expect((await checkConformance(out, model)).drift).toEqual([]);

    // the representation the README documents
    const doc = loaded.bundled as unknown as {
      paths: Record<
        string,
        Record<string, { operationId: string; servers?: { url: string }[] } & Record<string, unknown>>
      >;
    };
    const ops = Object.entries(doc.paths).flatMap(([key, item]) =>
      Object.entries(item).map(([method, op]) => ({ key, method, op })),
    );
    expect(ops.filter((o) => o.key.includes('#'))).toHaveLength(40);
    expect(ops.find((o) => o.op.operationId === 'LogoutUser')?.key).toBe(
      '/accounts/{accountId}/users/{userId}#operation=logout',
    );
    const prefixed = ops.filter((o) => o.op['x-amzn-host-prefix']);
    expect(prefixed).toHaveLength(46);
    for (const { op } of prefixed) {
      expect(op.servers?.[0]?.url).toBe(`https://${op['x-amzn-host-prefix']}chime.us-east-1.amazonaws.com`);
    }
    expect(ops.find((o) => o.op.operationId === 'ListUsers')?.op['x-amzn-paginator']).toEqual({
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxResults',
      resultKey: 'Users',
    });
  });
});
