/**
 * `$ref` confinement (src/refs.ts): a ref reaches only files inside the
 * spec's folder. A ref that leaves it, by `..`, an absolute path, a symlink,
 * a `file://` URL or from inside a referenced file, is refused at its
 * `file:line:col` and the file is never opened (a FIFO outside the folder
 * would block whoever opened it: no one does); a URL is never fetched.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, loadSpec, SpecError } from '../src/index.js';
import { lineOf } from './lines.js';

const valid = readFileSync(join(import.meta.dirname, 'fixtures/valid/openapi.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'chime-refs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A secret outside every spec folder: its content must never reach a problem or an output. */
const SECRET = 'chime-secret-4f1c9a';
const outside = join(scratch, 'outside');
mkdirSync(outside);
writeFileSync(join(outside, 'secret.yaml'), `${SECRET}\n`);
writeFileSync(join(outside, 'secret.json'), JSON.stringify({ summary: SECRET, value: { Name: SECRET } }));

let count = 0;
/** A spec folder holding the valid fixture with `Thing`'s description replaced by `description` (YAML), plus `files`. */
function specWith(description: string, files: Record<string, string> = {}): string {
  const dir = join(scratch, `spec-${++count}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const path = join(dir, 'openapi.yaml');
  writeFileSync(
    path,
    valid.replace(
      '    Thing:\n      type: object\n',
      `    Thing:\n      type: object\n      description:\n        $ref: '${description}'\n`,
    ),
  );
  return path;
}

async function refused(path: string): Promise<SpecError> {
  const error = await loadSpec(path, { fresh: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as Error).message).not.toContain(SECRET);
  return error as SpecError;
}

describe('a $ref reaches only files inside the spec folder', () => {
  it.each([
    ['a relative path up and out', () => '../outside/secret.yaml'],
    ['many ../ to an absolute file', () => '../../../../../../../../../../etc/passwd'],
    ['an absolute path', () => join(outside, 'secret.yaml')],
    ['/proc/self/environ', () => '/proc/self/environ'],
    ['a file:// URL', () => `file://${join(outside, 'secret.yaml')}`],
  ])('%s is refused at the ref, naming the rule', async (_what, ref) => {
    const path = specWith(ref());
    const error = await refused(path);
    const target = ref();
    const [problem, ...others] = error.problems;
    expect(others).toEqual([]);
    expect(problem?.rule).toBe('chime/ref-outside-spec');
    expect(problem?.line).toBe(lineOf(path, `$ref: '${target}'`));
    expect(error.message).toMatch(/openapi\.yaml:\d+:\d+ \[chime\/ref-outside-spec\] \$ref "/);
    expect(error.message).toMatch(/outside the spec's folder|is a URL/);
  });

  it('/proc/self/environ never reaches the output: the environment stays out of generated files', async () => {
    process.env.CHIME_TEST_TOKEN = SECRET;
    try {
      const out = join(scratch, 'environ-out');
      const error = await generate({ spec: specWith('/proc/self/environ'), outRoot: out, fresh: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SpecError);
      expect((error as Error).message).not.toContain(SECRET);
      expect(() => readFileSync(join(out, 'client/schema.gen.ts'))).toThrow(/ENOENT/);
    } finally {
      delete process.env.CHIME_TEST_TOKEN;
    }
  });

  it('a URL-encoded way out is not decoded into one: nothing outside is read', async () => {
    const error = await refused(specWith('%2e%2e/outside/secret.yaml'));
    expect(error.problems.map((p) => p.rule)).toContain('no-unresolved-refs');
  });

  it('a symlink inside the folder to a file outside is refused, naming where it leads', async () => {
    const path = specWith('./link.yaml');
    symlinkSync(join(outside, 'secret.yaml'), join(dirname(path), 'link.yaml'));
    const error = await refused(path);
    expect(error.problems[0]?.rule).toBe('chime/ref-outside-spec');
    expect(error.problems[0]?.message).toContain(join(outside, 'secret.yaml'));
  });

  it('a ref inside a referenced file is confined too, and reported in that file', async () => {
    const path = specWith('./docs/thing.yaml', {
      'docs/thing.yaml': "$ref: '../../outside/secret.yaml'\n",
    });
    const error = await refused(path);
    expect(error.problems).toEqual([
      expect.objectContaining({
        rule: 'chime/ref-outside-spec',
        file: expect.stringContaining('docs/thing.yaml'),
        line: 1,
      }),
    ]);
  });

  it('an example externalValue is a ref too', async () => {
    const path = specWith('./ok.yaml', { 'ok.yaml': 'A thing.\n' });
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        '              ok:\n                value:\n                  Name: a\n',
        `              ok:\n                externalValue: '../outside/secret.json'\n`,
      ),
    );
    const error = await refused(path);
    expect(error.problems.map((p) => p.rule)).toEqual(['chime/ref-outside-spec']);
  });

  it('a FIFO outside the folder is never opened (opening it would block the loader)', async () => {
    const fifo = join(outside, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const error = await refused(specWith('../outside/pipe.yaml'));
    expect(error.problems[0]?.rule).toBe('chime/ref-outside-spec');
    // a writer can open a FIFO without blocking only while a reader has it open: no one does
    expect(() => closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))).toThrow(/ENXIO/);
  });

  it('an http ref to a server on 127.0.0.1 gets no request', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('Leaked: true\n');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const error = await refused(specWith(`http://127.0.0.1:${port}/thing.yaml`));
      expect(error.problems[0]?.rule).toBe('chime/ref-outside-spec');
      expect(error.problems[0]?.message).toContain('is a URL');
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('a ref to a file inside the folder works, and CHIME_SPEC_ROOT-style `root` lets a spec reach a sibling folder', async () => {
    const inFolder = await loadSpec(
      specWith('./docs/thing.yaml', { 'docs/thing.yaml': 'A thing, documented apart.\n' }),
      {
        fresh: true,
      },
    );
    expect(inFolder.dereferenced.components?.schemas?.Thing?.description).toBe('A thing, documented apart.');

    const path = specWith('../shared/thing.yaml');
    const shared = join(dirname(dirname(path)), 'shared');
    mkdirSync(shared, { recursive: true });
    writeFileSync(join(shared, 'thing.yaml'), 'Shared.\n');
    expect((await refused(path)).problems[0]?.rule).toBe('chime/ref-outside-spec');
    const widened = await loadSpec(path, { fresh: true, root: dirname(dirname(path)) });
    expect(widened.dereferenced.components?.schemas?.Thing?.description).toBe('Shared.');
    expect(widened.files).toContain(join(shared, 'thing.yaml'));
  });
});
