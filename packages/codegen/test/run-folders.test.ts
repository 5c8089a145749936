/**
 * bin/codegen.mjs bundles the CLI into `.cache/run-<pid>/` for each run. A
 * run that fails, or is stopped with Ctrl-C or SIGTERM, removes its folder; a
 * run killed with SIGKILL cannot, so the next run removes the folders of runs
 * whose process is gone. Run on a copy of the bin in a scratch package whose
 * CLI only waits, so nothing is generated.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const codegen = resolve(import.meta.dirname, '..');
let pkg: string;
const runFolders = () => readdirSync(join(pkg, '.cache')).filter((name) => name.startsWith('run-'));

/** The bin in the scratch package, its CLI waiting until killed; resolves once it runs. */
function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(pkg, 'bin/codegen.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStarted, reject) => {
    child.stdout?.once('data', () => resolveStarted(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the scratch CLI exited early (${code})`)));
  });
}
const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));

/** A pid no process has: one of a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exited(child);
  return child.pid as number;
}

beforeEach(() => {
  pkg = mkdtempSync(join(tmpdir(), 'chime-codegen-bin-'));
  mkdirSync(join(pkg, 'bin'));
  mkdirSync(join(pkg, 'src'));
  copyFileSync(join(codegen, 'bin/codegen.mjs'), join(pkg, 'bin/codegen.mjs'));
  symlinkSync(join(codegen, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  // a CLI that says it runs and then waits (a long generate)
  writeFileSync(join(pkg, 'src/cli.ts'), "process.stdout.write('running\\n');\nsetInterval(() => undefined, 1000);\n");
  writeFileSync(join(pkg, 'src/worker.ts'), 'export {};\n');
});
afterEach(() => rmSync(pkg, { recursive: true, force: true }));

describe('bin/codegen.mjs run folders', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'a run stopped with %s removes its folder and ends by that signal',
    async (signal) => {
      const child = await start();
      expect(runFolders()).toEqual([`run-${child.pid}`]);
      const ended = exited(child);
      child.kill(signal);
      expect(await ended).toBe(signal);
      expect(runFolders()).toEqual([]);
    },
  );

  it('a run that fails removes its folder', async () => {
    writeFileSync(join(pkg, 'src/cli.ts'), "throw new Error('generation failed');\n");
    const failed = await run(process.execPath, [join(pkg, 'bin/codegen.mjs')]).catch((e: { code: number }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect(runFolders()).toEqual([]);
  });

  it('a run killed with SIGKILL leaves its folder, and the next run removes it; a live run keeps its own', async () => {
    const killed = await start();
    const ended = exited(killed);
    killed.kill('SIGKILL');
    await ended;
    expect(runFolders()).toEqual([`run-${killed.pid}`]);
    // an older leftover too, and a folder of a run that is still going (this process stands in for it)
    const stale = `run-${await deadPid()}`;
    mkdirSync(join(pkg, '.cache', stale));
    mkdirSync(join(pkg, '.cache', `run-${process.pid}`));
    const next = await start();
    expect(runFolders().sort()).toEqual([`run-${next.pid}`, `run-${process.pid}`].sort());
    expect(existsSync(join(pkg, '.cache', stale))).toBe(false);
    const done = exited(next);
    next.kill('SIGTERM');
    await done;
  });
});
