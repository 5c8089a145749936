/**
 * The generated packages of a fixture spec beside copies of their packages'
 * hand-written runtime, as a user of that spec gets them:
 * `packages/codegen/.tmp/<label>/<pkg>/` (git-ignored; no other test's
 * clean-up reaches it), each with a `node_modules` link to its package's, and
 * every import of a workspace package pointed at the copy.
 * {@link compileTree} type-checks them as one program; {@link probeTree} runs
 * a script that imports them in a child Node process.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../src/index.js';

const run = promisify(execFile);
export const TREE_PACKAGES = ['client', 'validation', 'mocks', 'sdk'] as const;
type PackageName = (typeof TREE_PACKAGES)[number];

export interface Tree {
  /** `packages/codegen/.tmp/<label>`. */
  root: string;
  /** Each package's copy (those `out` had). */
  dirs: Partial<Record<PackageName, string>>;
  remove(): void;
}

/** Where each workspace import goes, from a file at the top of a package's copy. */
const SPECIFIERS: [string, string][] = [
  ["'@chime-api/client/core'", "'../client/core.js'"],
  ["'@chime-api/client/errors'", "'../client/errors.js'"],
  ["'@chime-api/client'", "'../client/index.js'"],
  ["'@chime-api/validation'", "'../validation/index.js'"],
];

/** Copies each package's runtime beside the files generated into `out/<pkg>/` (every package `out` has). */
export function prepareTree(label: string, out: string): Tree {
  const root = join(repoRoot, 'packages/codegen/.tmp', label);
  rmSync(root, { recursive: true, force: true });
  const present = TREE_PACKAGES.filter((pkg) => existsSync(join(out, pkg)));
  const dirs: Tree['dirs'] = Object.fromEntries(present.map((pkg) => [pkg, join(root, pkg)]));
  for (const pkg of present) {
    const dir = dirs[pkg] as string;
    mkdirSync(dir, { recursive: true });
    const src = join(repoRoot, 'packages', pkg, 'src');
    for (const file of readdirSync(src)) {
      if (file.endsWith('.ts') && !file.endsWith('.gen.ts')) cpSync(join(src, file), join(dir, file));
    }
    cpSync(join(out, pkg), dir, { recursive: true });
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(dir, file), 'utf8');
      const up = '../'.repeat(file.split('/').length - 1);
      const local = SPECIFIERS.reduce((text, [from, to]) => text.replaceAll(from, to.replace("'", `'${up}`)), source);
      if (local !== source) writeFileSync(join(dir, file), local);
    }
    // after the rewrite: the package's own dependencies (msw, aws4fetch, ...) resolve through it
    symlinkSync(join(repoRoot, 'packages', pkg, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }
  return { root, dirs, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** tsc over the copies as one program (the repository's strict base config): its output, `''` when clean. */
export async function compileTree(tree: Tree): Promise<string> {
  const tsconfig = join(tree.root, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true },
      include: Object.keys(tree.dirs),
    }),
  );
  return run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
}

/**
 * Runs `script` (TypeScript, an ES module, through tsx) in a child Node
 * process from the mocks copy, where `../client/index.js` is the client's
 * copy; returns the last line it printed, parsed as JSON.
 */
export async function probeTree(tree: Tree, script: string): Promise<unknown> {
  const dir = tree.dirs.mocks as string;
  writeFileSync(join(dir, 'probe.ts'), script);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, 'probe.ts')], {
    cwd: dir,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`the probe failed: ${error.message}\n${error.stderr ?? ''}`);
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}
