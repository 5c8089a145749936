/**
 * Helpers for tests that work on a temporary copy of the repo: copy the
 * working tree (tracked and untracked files, not ignored ones) into a fresh
 * git repository on `main`, install it offline from the pnpm store, run
 * commands in it, and start the local servers (scripts/*.mjs) as child
 * processes that are stopped afterwards. Nothing here touches the real tree.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const root = resolve(import.meta.dirname, '../../..');
const pnpmBin = join(root, '.tools/node_modules/.bin');

/**
 * The environment for commands in a copy: this machine's, minus what the
 * outer `pnpm test`/turbo/vitest set for their own task, with the pinned pnpm
 * first on PATH and a git identity for commits.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|TURBO_|VITEST|PNPM_|INIT_CWD$|NODE_ENV$)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${pnpmBin}:${(process.env.PATH ?? '')
      .split(':')
      .filter((p) => !p.includes('node_modules'))
      .join(':')}`,
    GIT_AUTHOR_NAME: 'Release Test',
    GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
    GIT_COMMITTER_NAME: 'Release Test',
    GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface Result {
  code: number;
  /** stdout and stderr together, in order. */
  output: string;
}

/** Runs a bash command line in `cwd`; never throws (check `code`). */
export function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

/** Runs a command line and fails with its output when it exits non-zero. */
export async function ok(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await sh(command, cwd, env);
  if (result.code !== 0)
    throw new Error(`\`${command}\` exited ${result.code} in ${cwd}:\n${result.output.slice(-6000)}`);
  return result.output;
}

/**
 * Copies the working tree of this repo into `dest` as a new git repository
 * whose `main` holds one commit, then installs it offline from the pnpm store
 * (the lockfile is the real one, so every package is already there).
 */
export async function copyRepo(dest: string, env: NodeJS.ProcessEnv): Promise<void> {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    cpSync(join(root, file), join(dest, file));
  }
  // The OpenAPI Generator jar that setup.sh fetched (git-ignored), for @chime-api/sdk's generate.
  await ok('git init -q -b main && git add -A && git commit -q -m "the repo as tested"', dest, env);
  await linkGeneratorJar(dest);
  await install(dest, env);
}

/**
 * Links the OpenAPI Generator jar that setup.sh fetched (git-ignored) into a
 * copy, for @chime-api/sdk's generate, and keeps the link out of git there
 * (`.gitignore` names a folder, and a link is not one).
 */
export async function linkGeneratorJar(dest: string): Promise<void> {
  const storage = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'].storageDir;
  if (!existsSync(join(root, storage))) return;
  symlinkSync(join(root, storage), join(dest, storage));
  appendFileSync(join(dest, '.git/info/exclude'), `/${storage.replace(/^\.\//, '').replace(/\/$/, '')}\n`);
}

/** `pnpm install` from the store only: fast, and proves the lockfile needs nothing new. */
export function install(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  return ok('pnpm install --offline --frozen-lockfile --reporter=append-only', dir, env);
}

/** A local server started from this package's scripts/, with the JSON line it printed. */
export interface Server<T> {
  info: T;
  stop(): Promise<void>;
}

/** Starts `node scripts/<script> ...args` and waits for the JSON line it prints when it listens. */
export function startServer<T>(script: string, args: string[]): Promise<Server<T>> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, '../scripts', script), ...args], {
    // The server exits when this stdin pipe closes, so it cannot outlive a killed test.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, STOP_WHEN_STDIN_ENDS: '1' },
  });
  let log = '';
  child.stderr?.on('data', (d) => (log += d));
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      done({ info: JSON.parse(line) as T, stop });
    });
    child.once('exit', (code) => fail(new Error(`${script} exited ${code} before listening:\n${log}`)));
  });
}
