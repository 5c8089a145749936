/**
 * What every package's benchmark shares (run by `pnpm bench`, never by tests):
 * tinybench timing, esbuild+gzip bundle sizes, and a report of ratios against
 * a baseline measured in the same run. A ratio that misses its target sets a
 * non-zero exit code, naming the target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Bench } from 'tinybench';

export interface Ratio {
  name: string;
  value: number;
  /** `<=` or `>=` the target. */
  op: '<=' | '>=';
  target?: number;
  detail: string;
}

/**
 * Runs the tasks in several interleaved rounds (order rotated each round, so
 * no task always runs after the same one's garbage) and keeps each task's
 * median: ops/sec and mean latency (ms) by task name.
 */
export async function measure(
  tasks: Record<string, () => unknown | Promise<unknown>>,
  time = 1_500,
  rounds = 5,
  /** Calls per timed iteration, for sub-microsecond synchronous tasks: amortises the harness's own cost. */
  batch = 1,
) {
  const names = Object.keys(tasks);
  const samples: Record<string, { hz: number; meanMs: number; rme: number }[]> = Object.fromEntries(
    names.map((n) => [n, []]),
  );
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length] as string);
    const bench = new Bench({ time: time / rounds, warmup: true, warmupTime: 100 });
    for (const name of order) {
      const fn = tasks[name] as () => unknown;
      bench.add(
        name,
        batch === 1
          ? fn
          : () => {
              for (let i = 0; i < batch; i++) fn();
            },
      );
    }
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result as unknown as { throughput?: { mean: number }; latency?: { mean: number; rme: number } };
      const meanMs = r.latency?.mean ?? Number.NaN;
      samples[task.name]?.push({
        hz: (r.throughput?.mean ?? 1000 / meanMs) * batch,
        meanMs: meanMs / batch,
        rme: r.latency?.rme ?? 0,
      });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const out: Record<string, { hz: number; meanMs: number; rme: number }> = {};
  for (const name of names) {
    const s = samples[name] ?? [];
    out[name] = {
      hz: median(s.map((x) => x.hz)),
      meanMs: median(s.map((x) => x.meanMs)),
      rme: median(s.map((x) => x.rme)),
    };
  }
  console.table(
    Object.fromEntries(
      Object.entries(out).map(([k, v]) => [
        k,
        { 'ops/s': Math.round(v.hz), 'mean µs': +(v.meanMs * 1000).toFixed(3), '±%': +v.rme.toFixed(1) },
      ]),
    ),
  );
  return out;
}

/**
 * Bundles `code` for the browser (ESM, minified) from `resolveDir` and returns
 * the gzip size of what loads up front: the entry chunk and every chunk it
 * imports statically (code behind a dynamic `import()` is left out).
 */
export async function bundleSize(code: string, resolveDir: string): Promise<{ min: number; gzip: number }> {
  const outdir = mkdtempSync(join(tmpdir(), 'chime-bench-'));
  try {
    const result = await build({
      stdin: { contents: code, resolveDir, loader: 'ts', sourcefile: 'entry.ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      splitting: true,
      outdir,
      write: false,
      metafile: true,
      logLevel: 'error',
      conditions: ['browser', 'import'],
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((k) => outputs[k]?.entryPoint) as string;
    const upFront = new Set<string>();
    const visit = (file: string) => {
      if (upFront.has(file)) return;
      upFront.add(file);
      for (const imp of outputs[file]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(entry);
    let min = 0;
    let gzip = 0;
    for (const file of result.outputFiles) {
      const rel = Object.keys(outputs).find((k) => resolve(k) === file.path);
      if (!rel || !upFront.has(rel) || rel.endsWith('.map')) continue;
      min += file.contents.length;
      gzip += gzipSync(file.contents, { level: 9 }).length;
    }
    return { min, gzip };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Prints the ratios and sets the exit code when one misses its target. */
export function report(title: string, ratios: Ratio[]): void {
  console.log(`\n${title}`);
  let missed = 0;
  for (const r of ratios) {
    const met = r.target === undefined || (r.op === '<=' ? r.value <= r.target : r.value >= r.target);
    if (!met) missed++;
    const target = r.target === undefined ? '(no target)' : `target ${r.op} ${r.target}: ${met ? 'met' : 'MISSED'}`;
    console.log(`  ${r.name}: ${r.value.toFixed(3)} ${target}  [${r.detail}]`);
  }
  if (missed > 0) {
    console.error(`${title}: ${missed} target(s) missed`);
    process.exitCode = 1;
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
