#!/usr/bin/env node
// Runs the codegen CLI (src/cli.ts) with plain Node: esbuild bundles our own
// TypeScript sources (dependencies stay external, targets split out so they
// load on demand) into .cache/ in a few milliseconds, which starts measurably
// faster than a TypeScript loader hook in front of every import.
// Run: pnpm generate (or pnpm dev, which uses tsx watch instead).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cache = join(root, '.cache');
mkdirSync(cache, { recursive: true });

/** True while process `pid` runs (EPERM: it runs, as another user). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// a run killed with SIGKILL (or by a crash of Node itself) cannot clean up: the next run removes
// the folders of runs whose process is gone
for (const name of readdirSync(cache, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)) {
  const pid = /^run-(\d+)$/.exec(name)?.[1];
  if (pid && Number(pid) !== process.pid && !alive(Number(pid)))
    rmSync(join(cache, name), { recursive: true, force: true });
}

// one folder per run: runs side by side (tests, the benchmark) never share chunks
const outdir = join(cache, `run-${process.pid}`);
mkdirSync(outdir, { recursive: true });
const clean = () => rmSync(outdir, { recursive: true, force: true });
process.on('exit', clean);
// 'exit' does not run when a signal ends the process: clean up, then end by the same signal
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    clean();
    process.kill(process.pid, signal);
  });
}
await build({
  // the worker runs the TypeScript targets beside the main thread's lint (src/cli.ts)
  entryPoints: [join(root, 'src', 'cli.ts'), join(root, 'src', 'worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  outExtension: { '.js': '.mjs' },
  // targets load on demand (src/targets.ts): their libraries with them
  splitting: true,
  logLevel: 'error',
});
await import(pathToFileURL(join(outdir, 'cli.mjs')).href);
