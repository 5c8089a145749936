/**
 * bin/codegen.mjs bundles the CLI into `.cache/bin/build-<pid>-<time>/` and
 * reuses it while no file that went into it changes. A build is written as
 * `partial-<pid>-<time>/` and renamed when complete, so a build killed
 * half-way leaves only a partial folder, which the next build removes once
 * its process is gone; a replaced bundle goes ten minutes later (a run may
 * still be loading from it); the per-run `.cache/run-<pid>/` folders of
 * earlier versions go with their process. Run on a copy of the bin in a
 * scratch package whose CLI only prints, so nothing is generated.
 */
import { execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const codegen = resolve(import.meta.dirname, '..');
let pkg: string;
const bin = () => join(pkg, '.cache', 'bin');
const folders = () =>
  readdirSync(bin())
    .filter((name) => name !== 'current.json')
    .sort();
const published = () => (JSON.parse(readFileSync(join(bin(), 'current.json'), 'utf8')) as { dir: string }).dir;
const cli = (text: string) =>
  writeFileSync(join(pkg, 'src/cli.ts'), `process.stdout.write(${JSON.stringify(text)});\n`);
const start = async () => (await run(process.execPath, [join(pkg, 'bin/codegen.mjs')])).stdout;

/** A pid no process has: one of a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.once('exit', done));
  return child.pid as number;
}

beforeEach(() => {
  pkg = mkdtempSync(join(tmpdir(), 'chime-codegen-bin-'));
  mkdirSync(join(pkg, 'bin'));
  mkdirSync(join(pkg, 'src'));
  copyFileSync(join(codegen, 'bin/codegen.mjs'), join(pkg, 'bin/codegen.mjs'));
  symlinkSync(join(codegen, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  cli('one\n');
});
afterEach(() => rmSync(pkg, { recursive: true, force: true }));

describe('bin/codegen.mjs bundle folders', () => {
  it('reuses the bundle while the sources are unchanged, and rebuilds when one changes', async () => {
    expect(await start()).toBe('one\n');
    const first = published();
    expect(folders()).toEqual([first]);
    expect(await start()).toBe('one\n');
    expect(published()).toBe(first);
    cli('second\n');
    expect(await start()).toBe('second\n');
    expect(published()).not.toBe(first);
    // the replaced bundle stays for runs that may still be loading it
    expect(folders()).toEqual([first, published()].sort());
  });

  it('the next build removes a killed build, an old replaced bundle and the run folders of earlier versions', async () => {
    await start();
    const first = published();
    const dead = await deadPid();
    const cache = join(pkg, '.cache');
    mkdirSync(join(bin(), `partial-${dead}-1`));
    // a build still going (this process stands in for it) keeps its folder
    mkdirSync(join(bin(), `partial-${process.pid}-1`));
    const old = new Date(Date.now() - 11 * 60_000);
    utimesSync(join(bin(), first), old, old);
    mkdirSync(join(cache, `run-${dead}`));
    mkdirSync(join(cache, `run-${process.pid}`));
    cli('second\n');
    expect(await start()).toBe('second\n');
    expect(folders()).toEqual([published(), `partial-${process.pid}-1`].sort());
    expect(existsSync(join(cache, `run-${dead}`))).toBe(false);
    expect(existsSync(join(cache, `run-${process.pid}`))).toBe(true);
  });

  it('a replaced bundle a run has just started from stays, however old its build', async () => {
    await start();
    const first = published();
    const old = new Date(Date.now() - 11 * 60_000);
    utimesSync(join(bin(), first), old, old);
    // a run starts from it (and may load its chunks later) ...
    expect(await start()).toBe('one\n');
    // ... while another run rebuilds
    cli('second\n');
    expect(await start()).toBe('second\n');
    expect(folders()).toEqual([first, published()].sort());
  });

  it('a build that fails leaves no folder and keeps the last good bundle', async () => {
    await start();
    const first = published();
    writeFileSync(join(pkg, 'src/cli.ts'), 'this is not TypeScript (\n');
    const failed = await start().catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect(folders()).toEqual([first]);
    expect(published()).toBe(first);
  });
});
