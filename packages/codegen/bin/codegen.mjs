#!/usr/bin/env node
// Runs the codegen CLI (src/cli.ts) with plain Node, from one esbuild bundle of
// our sources and their libraries, kept in the git-ignored .cache/bin/ and
// rebuilt only when a file that went into it changed (its size or mtime).
// Measured on the 2-core machine: Redocly, openapi-typescript and Ajv load in
// 0.3 s from the bundle against 1.5 s from node_modules' thousand ESM files;
// TypeScript stays out of it (bin/typescript-by-require.mjs loads it).
// Run: pnpm generate (or pnpm dev, which uses tsx watch instead).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cache = join(root, '.cache', 'bin');
const manifest = join(cache, 'current.json');
const self = fileURLToPath(import.meta.url);

/** Size and mtime of a file, or null when it is gone. */
function stamp(file) {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return null;
  }
}

/** The bundle folder of the last build when every file that went into it is unchanged. */
function current() {
  try {
    const { dir, inputs } = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const [file, was] of Object.entries(inputs)) if (stamp(file) !== was) return undefined;
    if (!statSync(join(cache, dir, 'cli.mjs')).isFile()) return undefined;
    // a run marks the bundle it loads from (targets load their chunks later): a build by another run
    // removes a replaced bundle only when no run has started from it for ten minutes
    const now = new Date();
    utimesSync(join(cache, dir), now, now);
    return join(cache, dir);
  } catch {
    return undefined;
  }
}

async function bundle() {
  const { build } = await import('esbuild');
  // a folder per build, published by renaming the manifest: runs side by side never share a half-written bundle
  const dir = `build-${process.pid}-${Date.now()}`;
  const outdir = join(cache, dir);
  // written as partial-*, renamed once complete: a build killed half-way leaves a partial folder
  const partial = join(cache, `partial-${process.pid}-${Date.now()}`);
  mkdirSync(cache, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild is a native binary; the OpenAPI Generator wrapper is run as a command, never imported
    external: ['esbuild', '@openapitools/openapi-generator-cli'],
    outdir: partial,
    outExtension: { '.js': '.mjs' },
    // @chime-api/validation's engine and formats from its sources (the `chime-source` export condition):
    // generating needs nothing built first, and a change to them rebuilds the bundle
    conditions: ['chime-source'],
    // targets load on demand (src/targets.ts): their libraries with them
    splitting: true,
    metafile: true,
    // bundled CommonJS libraries call require(): give them Node's
    banner: {
      js: "import { createRequire as __codegenRequire } from 'node:module'; const require = __codegenRequire(import.meta.url);",
    },
    plugins: [
      {
        // TypeScript stays in node_modules, loaded by typescript-by-require.mjs
        name: 'typescript-by-require',
        setup(b) {
          b.onResolve({ filter: /^typescript$/ }, () => ({ path: join(root, 'bin', 'typescript-by-require.mjs') }));
        },
      },
    ],
    logLevel: 'error',
  });
  renameSync(partial, outdir);
  const inputs = { [self]: stamp(self) };
  for (const file of Object.keys(result.metafile.inputs)) {
    if (file.includes(':')) continue; // a plugin's virtual module
    const path = resolve(root, file);
    inputs[path] = stamp(path);
  }
  const temp = `${manifest}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ dir, inputs }));
  renameSync(temp, manifest);
  // a build killed half-way (SIGKILL, a crash) left a partial folder: it goes once its process is gone;
  // replaced bundles go once no run can still be loading from them
  for (const entry of readdirSync(cache)) {
    const old = join(cache, entry);
    const builder = /^partial-(\d+)-/.exec(entry)?.[1];
    if (
      builder
        ? !alive(Number(builder))
        : entry.startsWith('build-') && entry !== dir && Date.now() - statSync(old).mtimeMs > 10 * 60_000
    )
      rmSync(old, { recursive: true, force: true });
  }
  // the per-run folders of earlier versions of this file, once their run is gone
  for (const entry of readdirSync(dirname(cache))) {
    const run = /^run-(\d+)$/.exec(entry)?.[1];
    if (run && !alive(Number(run))) rmSync(join(dirname(cache), entry), { recursive: true, force: true });
  }
  return outdir;
}

/** True while process `pid` runs (EPERM: it runs, as another user). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const dir = current() ?? (await bundle());
await import(pathToFileURL(join(dir, 'cli.mjs')).href);
