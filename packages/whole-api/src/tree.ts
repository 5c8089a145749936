/**
 * A temporary tree in which every generator runs on a document drafted from
 * the official Chime model (`spec:import`), and every runtime package is built
 * from it: the same runtime sources as packages/, with the generated files
 * replaced. Nothing in packages/ is touched; the tree lives in the git-ignored
 * `.cache/whole-api/<label>/` and is rebuilt from scratch each time.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildDocument, generate, type LoadedModel, loadModel, repoRoot } from '@chime-api/codegen';

const run = promisify(execFile);

/** The runtime packages a tree holds, in build order (each needs the ones before it). */
export const PACKAGES = ['validation', 'client', 'mocks', 'sdk'] as const;
export type PackageName = (typeof PACKAGES)[number];

export interface Tree {
  /** The tree's root: `packages/<name>/` below it, `node_modules` linked to the repository's. */
  root: string;
  /** The drafted OpenAPI document the tree was generated from. */
  spec: string;
  /** The operations it holds (model names). */
  operations: string[];
  /** Absolute path of each package in the tree. */
  packages: Record<PackageName, string>;
  /** Milliseconds: drafting the document, the generate pass, and each package's tsc build. */
  timings: { import: number; generate: number } & Partial<Record<`build:${PackageName}`, number>>;
}

export interface TreeOptions {
  /** The folder name under `.cache/whole-api/`. */
  label: string;
  /** How many operations (UpdateUser first, then the model's in name order), or all 191. */
  count?: number | 'all';
  /** Run tsc on each package (default true). */
  build?: boolean;
  model?: LoadedModel;
}

/** The model's operation names for a tree of `count`: UpdateUser first, so every size has the product's operation. */
export function operationNames(model: LoadedModel, count: number | 'all' = 'all'): string[] {
  const names = Object.keys(model.service.operations).sort();
  const ordered = ['UpdateUser', ...names.filter((n) => n !== 'UpdateUser')];
  return count === 'all' ? ordered : ordered.slice(0, count);
}

/** Runtime sources only: the generated files are the tree's own. */
function runtimeFile(source: string): boolean {
  const rel = source.split('/packages/')[1] ?? '';
  if (/\/(dist|test|bench|\.turbo)(\/|$)/.test(rel)) return false;
  if (/\/node_modules\/\.(vite|vite-temp|cache)(\/|$)/.test(rel)) return false;
  if (/\.gen\.ts$/.test(rel) || /\/src\/generated(\/|$)/.test(rel)) return false;
  return !/\.vitest-results[^/]*\.json$/.test(rel);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

/** Builds one package of the tree with the repository's TypeScript (its `tsconfig.build.json`). */
export async function buildPackage(dir: string): Promise<void> {
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed in ${dir}:\n${`${stdout}${stderr}`.trim().split('\n').slice(0, 40).join('\n')}`);
  }
}

/**
 * Drafts the document, generates every target from it into a fresh tree and
 * (unless `build: false`) builds the four packages.
 *
 * @example
 * const tree = await prepareTree({ label: 'all' });
 * const client = await import(`${tree.packages.client}/dist/index.js`);
 */
export async function prepareTree(options: TreeOptions): Promise<Tree> {
  const model = options.model ?? loadModel();
  const root = join(repoRoot, '.cache/whole-api', options.label);
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'packages'), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  await cp(join(repoRoot, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  const packages = Object.fromEntries(PACKAGES.map((name) => [name, join(root, 'packages', name)])) as Record<
    PackageName,
    string
  >;
  // @chime-api/wire has no generated files: the tree's packages link to the repository's (built by turbo first)
  await symlink(join(repoRoot, 'packages/wire'), join(root, 'packages/wire'), 'dir');
  for (const name of PACKAGES) {
    // pnpm's links are relative (../../node_modules/.pnpm/…, ../../../client): kept verbatim, they resolve inside the tree
    await cp(join(repoRoot, 'packages', name), packages[name], {
      recursive: true,
      verbatimSymlinks: true,
      filter: runtimeFile,
    });
  }

  const operations = operationNames(model, options.count);
  const spec = join(root, 'openapi.yaml');
  const [, importMs] = await timed(() => writeFile(spec, buildDocument(model, operations)));
  const staging = join(root, 'generated');
  const [, generateMs] = await timed(() => generate({ spec, outRoot: staging, fresh: true }));
  for (const name of PACKAGES) {
    for (const entry of await readdir(join(staging, name))) {
      await cp(join(staging, name, entry), join(packages[name], 'src', entry), { recursive: true });
    }
  }
  const tree: Tree = { root, spec, operations, packages, timings: { import: importMs, generate: generateMs } };
  if (options.build !== false) await buildTree(tree);
  return tree;
}

/** Builds the tree's packages in dependency order (mocks and sdk side by side). */
export async function buildTree(tree: Tree): Promise<void> {
  const one = async (name: PackageName) => {
    const [, ms] = await timed(() => buildPackage(tree.packages[name]));
    tree.timings[`build:${name}`] = ms;
  };
  await one('validation');
  await one('client');
  await Promise.all([one('mocks'), one('sdk')]);
}
