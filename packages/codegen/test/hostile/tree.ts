/**
 * The generated client, validation and mocks of a fixture spec beside copies
 * of their packages' hand-written runtime, as a user of that spec gets them:
 * `packages/<pkg>/.tmp/<label>/` (git-ignored, inside each package so its
 * node_modules resolve), every import of a workspace package pointed at the
 * copy. {@link compileTree} type-checks the three as one program;
 * {@link probeTree} runs a script in a child Node process that imports them.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../src/index.js';

const run = promisify(execFile);
export const TREE_PACKAGES = ['client', 'validation', 'mocks', 'sdk'] as const;
type PackageName = (typeof TREE_PACKAGES)[number];

export interface Tree {
  label: string;
  /** Each package's copy. */
  dirs: Partial<Record<PackageName, string>>;
  remove(): void;
}

/**
 * Copies each package's runtime and the files generated into `out/<pkg>/`
 * (every package `out` has), with workspace imports made relative.
 */
export function prepareTree(label: string, out: string): Tree {
  const present = TREE_PACKAGES.filter((pkg) => existsSync(join(out, pkg)));
  const dirs: Tree['dirs'] = Object.fromEntries(
    present.map((pkg) => [pkg, join(repoRoot, 'packages', pkg, '.tmp', label)]),
  );
  const up = `../../../`;
  const specifiers: [string, string][] = [
    ["'@chime-api/client/core'", `'${up}client/.tmp/${label}/core.js'`],
    ["'@chime-api/client/errors'", `'${up}client/.tmp/${label}/errors.js'`],
    ["'@chime-api/client'", `'${up}client/.tmp/${label}/index.js'`],
    ["'@chime-api/validation'", `'${up}validation/.tmp/${label}/index.js'`],
  ];
  for (const pkg of present) {
    const dir = dirs[pkg] as string;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const src = join(repoRoot, 'packages', pkg, 'src');
    for (const file of readdirSync(src))
      if (file.endsWith('.ts') && !file.endsWith('.gen.ts')) cpSync(join(src, file), join(dir, file));
    cpSync(join(out, pkg), dir, { recursive: true });
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(dir, file), 'utf8');
      const depth = '../'.repeat(file.split('/').length - 1);
      const local = specifiers.reduce(
        (text, [from, to]) => text.replaceAll(from, to.replace("'", `'${depth}`)),
        source,
      );
      if (local !== source) writeFileSync(join(dir, file), local);
    }
  }
  return {
    label,
    dirs,
    remove: () => {
      for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** tsc over the copies as one program (the repository's strict base config): its output, `''` when clean. */
export async function compileTree(tree: Tree): Promise<string> {
  const tsconfig = join(repoRoot, 'packages/codegen/.tmp', tree.label, 'tsconfig.json');
  mkdirSync(dirname(tsconfig), { recursive: true });
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true },
      include: Object.keys(tree.dirs).map((pkg) => `../../../${pkg}/.tmp/${tree.label}`),
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
 * Runs `script` (TypeScript, an ES module) in a child Node process from the
 * mocks copy, where `./client.js`... resolve as `../../../client/.tmp/<label>/`;
 * returns what it printed to stdout, parsed as JSON.
 */
export async function probeTree(tree: Tree, script: string): Promise<unknown> {
  const file = join(tree.dirs.mocks as string, 'probe.ts');
  writeFileSync(file, script.replaceAll('@tree/', `../../../`).replaceAll('<label>', tree.label));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
    cwd: tree.dirs.mocks as string,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`the probe failed: ${error.message}\n${error.stderr ?? ''}`);
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}
