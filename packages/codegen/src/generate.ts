/**
 * One pass: load and lint the spec once, run every target (the SDK's Java
 * process alongside the TypeScript targets), then write all of their files or
 * none. A failure anywhere (the spec, one target, a disk error while staging)
 * leaves every package as it was.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { namesFor } from './kit/names.js';
import { type LoadedSpec, loadSpec, repoRoot } from './load.js';
import type { GeneratedFiles, Target } from './target.js';
import { targets as allTargets } from './targets.js';

export interface GenerateOptions {
  /** The root spec file; default `CHIME_SPEC` or specs/chime/openapi.yaml. */
  spec?: string;
  /**
   * Where target `<name>` writes: `<outRoot>/<name>/` instead of
   * `packages/<name>/src/`. Default `CHIME_OUT_DIR` (golden tests, previews).
   */
  outRoot?: string;
  /** The targets to run; default all of them. */
  targets?: readonly Target[];
  /** Reload the spec even if this process loaded it before (watch mode). */
  fresh?: boolean;
}

export interface GenerateResult {
  /** Absolute paths of the files whose content changed. */
  written: string[];
  /** Milliseconds: loading and linting the spec, then each target. */
  timings: Record<string, number>;
}

/** One or more targets failed; nothing was written. */
export class TargetError extends Error {
  override name = 'TargetError';
  constructor(readonly failures: { target: string; error: unknown }[]) {
    super(
      `${failures
        .map(
          ({ target, error }) =>
            `the ${target} target failed: ${error instanceof Error ? error.message : String(error)}`,
        )
        .join(
          '\n',
        )}\nNothing was written: every package keeps its previous generated files. Fix the spec or the target in packages/codegen/src/targets/ and run \`pnpm generate\` again.`,
    );
  }
}

/** The folder a target writes into. */
export function outputDirOf(target: string, outRoot = process.env.CHIME_OUT_DIR): string {
  return outRoot ? resolve(outRoot, target) : join(repoRoot, 'packages', target, 'src');
}

/**
 * Runs every target on the spec and writes their files, all or nothing.
 *
 * @example
 * const { written } = await generate();
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const timings: Record<string, number> = {};
  let start = performance.now();
  const spec: LoadedSpec = await loadSpec(options.spec, { fresh: options.fresh ?? false });
  timings.load = performance.now() - start;
  const targets = options.targets ?? allTargets;
  start = performance.now();
  const settled = await Promise.allSettled(
    targets.map(async (target) => {
      const began = performance.now();
      const out = await target.generate(spec, namesFor(spec.names, target.name, target.uses ?? []));
      timings[target.name] = performance.now() - began;
      return out;
    }),
  );
  const failures = settled.flatMap((s, i) =>
    s.status === 'rejected' ? [{ target: (targets[i] as Target).name, error: s.reason as unknown }] : [],
  );
  if (failures.length > 0) throw new TargetError(failures);
  const outputs = settled.map((s, i) => ({
    dir: outputDirOf((targets[i] as Target).name, options.outRoot),
    generated: (s as PromiseFulfilledResult<GeneratedFiles>).value,
  }));
  start = performance.now();
  const written = await writeAll(outputs);
  timings.write = performance.now() - start;
  return { written, timings };
}

async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/**
 * Stages every changed file (or owned folder) next to its target under a
 * temporary name, and renames them all into place only when every one is
 * staged. Unchanged files are not touched (their mtimes stay, so incremental
 * builds and watchers see no change).
 */
async function writeAll(outputs: { dir: string; generated: GeneratedFiles }[]): Promise<string[]> {
  const tag = `${process.pid}.tmp`;
  const staged: { temp: string; target: string; folder: boolean }[] = [];
  const written: string[] = [];
  try {
    for (const { dir, generated } of outputs) {
      const owned = generated.directories ?? [];
      for (const folder of owned) {
        const target = join(dir, folder);
        const mine = Object.entries(generated.files).filter(([path]) => path.startsWith(`${folder}/`));
        const existing = await filesUnder(target);
        const same =
          existing.length === mine.length &&
          (
            await Promise.all(mine.map(async ([path, content]) => (await readIfExists(join(dir, path))) === content))
          ).every(Boolean);
        if (same) continue;
        const temp = `${target}.${tag}`;
        await rm(temp, { recursive: true, force: true });
        staged.push({ temp, target, folder: true });
        for (const [path, content] of mine) {
          const file = join(temp, relative(folder, path));
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, content);
        }
        written.push(target);
      }
      for (const [path, content] of Object.entries(generated.files).sort(([a], [b]) => a.localeCompare(b))) {
        if (owned.some((folder) => path.startsWith(`${folder}/`))) continue;
        const target = join(dir, path);
        if ((await readIfExists(target)) === content) continue;
        await mkdir(dirname(target), { recursive: true });
        const temp = `${target}.${tag}`;
        staged.push({ temp, target, folder: false });
        await writeFile(temp, content);
        written.push(target);
      }
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { recursive: true, force: true })));
    throw error;
  }
  for (const { temp, target, folder } of staged) {
    if (!folder) {
      await rename(temp, target);
      continue;
    }
    const old = `${target}.${process.pid}.old`;
    await rename(target, old).catch(() => undefined);
    await rename(temp, target);
    await rm(old, { recursive: true, force: true });
  }
  return written;
}
