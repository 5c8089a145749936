import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/load.js';
import {
  defaultModelDir,
  ecmaPattern,
  loadModel,
  ModelMissingError,
  pathKeyOf,
  requestUriOf,
} from '../../src/model/model.js';

const run = promisify(execFile);
const model = loadModel();
const operations = Object.values(model.service.operations);
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the cached model', () => {
  it('is the Chime model the issue describes (191 operations, their methods, literal queries, host prefixes)', () => {
    const count = (values: unknown[]) =>
      values.reduce<Record<string, number>>((acc, v) => {
        acc[String(v)] = (acc[String(v)] ?? 0) + 1;
        return acc;
      }, {});
    expect(operations).toHaveLength(191);
    expect(count(operations.map((o) => o.http.method))).toEqual({ GET: 72, POST: 68, DELETE: 27, PUT: 24 });
    expect(count(operations.map((o) => o.http.responseCode))).toEqual({
      200: 107,
      204: 41,
      201: 30,
      202: 4,
      undefined: 9,
    });
    expect(operations.filter((o) => o.http.requestUri.includes('?'))).toHaveLength(40);
    expect(count(operations.map((o) => o.endpoint?.hostPrefix).filter(Boolean))).toEqual({
      'messaging-': 30,
      'identity-': 16,
    });
    expect(Object.keys(model.paginators.pagination).sort()).toEqual(['ListAccounts', 'ListUsers']);
  });

  it('fails with the command that fetches it when it is missing', () => {
    expect(() => loadModel('/nonexistent/chime')).toThrow(ModelMissingError);
    expect(() => loadModel('/nonexistent/chime')).toThrow('bash scripts/fetch-model.sh');
  });
});

describe('path keys', () => {
  it('give every operation its own method and path key, and map back to the exact requestUri', () => {
    const keys = operations.map((o) => `${o.http.method} ${pathKeyOf(o.http.requestUri)}`);
    expect(new Set(keys).size).toBe(191);
    for (const o of operations) expect(requestUriOf(pathKeyOf(o.http.requestUri))).toBe(o.http.requestUri);
    expect(pathKeyOf('/accounts/{accountId}/users/{userId}?operation=logout')).toBe(
      '/accounts/{accountId}/users/{userId}#operation=logout',
    );
  });
});

describe('ecmaPattern', () => {
  const patterns = [...new Set(Object.values(model.service.shapes).flatMap((s) => (s.pattern ? [s.pattern] : [])))];
  // strings of the kinds the model's patterns are about, with the characters the escapes name
  const samples = [
    '',
    'a',
    'ab:c-d_e.f@g',
    'user@example.com',
    '+12065550100',
    'US',
    'arn:aws:chime:us-east-1:111122223333:app-instance/x',
    'arn:a_b:c',
    '1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
    '   ',
    'x y',
    '800',
    '/\\:',
  ];

  it('compiles every model pattern in Unicode mode (as Ajv and Redocly do)', () => {
    expect(patterns.length).toBeGreaterThan(20);
    for (const p of patterns) expect(() => new RegExp(ecmaPattern(p), 'u'), p).not.toThrow();
  });

  it('matches what the model pattern matches (differential against the pattern without the u flag)', () => {
    for (const p of patterns) {
      for (const s of samples)
        expect(new RegExp(ecmaPattern(p), 'u').test(s), `${p} on ${s}`).toBe(new RegExp(p).test(s));
    }
  });

  it('keeps escapes that mean something', () => {
    expect(ecmaPattern('\\S\\d\\.\\-\\/\\\\:')).toBe('\\S\\d\\.\\-\\/\\\\:');
    expect(ecmaPattern('[\\:\\_\\@]')).toBe('[:_@]');
  });
});

describe('scripts/fetch-model.sh', () => {
  const script = resolve(repoRoot, 'scripts/fetch-model.sh');

  it('is a no-op on a cache that matches the pinned sha256', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'chime-model-'));
    temps.push(cache);
    for (const f of ['service-2.json', 'paginators-1.json']) await copyFile(join(defaultModelDir, f), join(cache, f));
    const { stdout, stderr } = await run('bash', [script], { env: { ...process.env, CHIME_MODEL_CACHE: cache } });
    expect(stdout + stderr).toBe('');
  });

  it('on a cache that does not match and no apt, fails and says how to fix it', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'chime-model-'));
    const bin = await mkdtemp(join(tmpdir(), 'chime-bin-'));
    temps.push(cache, bin);
    await copyFile(join(defaultModelDir, 'service-2.json'), join(cache, 'service-2.json'));
    await writeFile(join(cache, 'paginators-1.json'), '{}');
    // a PATH with what the script needs besides apt: no apt-get, no dpkg-deb
    await mkdir(bin, { recursive: true });
    for (const tool of ['sha256sum', 'cut', 'dirname', 'mktemp', 'rm', 'id']) {
      const { stdout } = await run('bash', ['-c', `command -v ${tool}`]);
      await symlink(stdout.trim(), join(bin, tool));
    }
    const failure = await run('/bin/bash', [script], { env: { PATH: bin, CHIME_MODEL_CACHE: cache } }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('apt-get and dpkg-deb are needed');
    expect(failure?.stderr).toContain('rerun: bash scripts/fetch-model.sh');
  });
});
