/**
 * @chime-api/codegen benchmark (pnpm bench), ratios measured in one run:
 * - `pnpm generate` after a doc-only edit of the spec (the codegen CLI, as
 *   turbo runs it on a cache miss) beside orval 7.13.2 generating a fetch
 *   client, MSW mocks and zod schemas from the same spec: the TypeScript
 *   targets alone (goal ≤ 1.5×) and with the OpenAPI Generator SDK (≤ 3×).
 *   Both run as fresh processes on a fresh copy of the spec with a new
 *   description each round, in interleaved rounds; medians.
 * - one pass at 1, 10 and 100 operations (synthetic copies of the spec's
 *   operation under new paths), in process: near-linear growth.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { report } from '@chime-api/test-kit/bench';
import { generate, loadSpec, repoRoot, targets } from '../src/index.js';

const run = promisify(execFile);
const here = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'chime-codegen-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A copy of specs/chime with one description changed: what a doc-only edit leaves on disk. */
function editedSpec(round: number, tool: string): string {
  const dir = join(work, `spec-${tool}-${round}`);
  cpSync(join(repoRoot, 'specs/chime'), dir, { recursive: true });
  const file = join(dir, 'openapi.yaml');
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/(description: The Amazon Chime account ID)\./, `$1 (edit ${round}).`);
  if (edited === text) throw new Error('benchmark setup: the doc-only edit found nothing to change in the spec');
  writeFileSync(file, edited);
  return file;
}

async function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const start = performance.now();
  await run(command, args, { cwd: here, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - start;
}

const tools: Record<string, (round: number) => Promise<number>> = {
  orval: (round) => {
    const spec = editedSpec(round, 'orval');
    const out = join(work, `orval-${round}`);
    const config = join(work, `orval-${round}.config.cjs`);
    const input = { target: spec };
    writeFileSync(
      config,
      `module.exports = ${JSON.stringify({
        api: { input, output: { target: join(out, 'client.ts'), client: 'fetch', mode: 'split', mock: true } },
        zod: { input, output: { target: join(out, 'zod.ts'), client: 'zod' } },
      })};\n`,
    );
    return timed(join(here, 'node_modules/.bin/orval'), ['--config', config]);
  },
  'codegen (client, validation, mocks)': (round) =>
    timed('node', ['bin/codegen.mjs', 'generate', '--targets', 'client,validation,mocks'], {
      CHIME_SPEC: editedSpec(round, 'ts'),
      CHIME_OUT_DIR: join(work, `ts-${round}`),
    }),
  'codegen (every target, SDK included)': (round) =>
    timed('node', ['bin/codegen.mjs', 'generate'], {
      CHIME_SPEC: editedSpec(round, 'all'),
      CHIME_OUT_DIR: join(work, `all-${round}`),
    }),
};

const rounds = 3;
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
const names = Object.keys(tools);
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length] as string;
    samples[name]?.push(await (tools[name] as (round: number) => Promise<number>)(round));
  }
}
const [orval, ts, all] = names.map((name) => median(samples[name] ?? []));
console.table(
  Object.fromEntries(names.map((name) => [name, { 'median s': +(median(samples[name] ?? []) / 1000).toFixed(2) }])),
);

// 1, 10, 100 operations: the spec's operation copied under new paths and ids
const real = await loadSpec();
async function passAt(count: number): Promise<number> {
  const doc = structuredClone(real.bundled);
  const [path, item] = Object.entries(doc.paths ?? {})[0] as [string, Record<string, { operationId?: string }>];
  doc.paths = {};
  for (let i = 0; i < count; i++) {
    const copy = structuredClone(item);
    for (const op of Object.values(copy)) if (op && typeof op === 'object' && op.operationId) op.operationId += `${i}`;
    doc.paths[`/copy${i}${path}`] = copy as never;
  }
  const file = join(work, `ops-${count}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const options = {
    spec: file,
    outRoot: join(work, `ops-${count}`),
    targets: targets.filter((t) => t.name !== 'sdk'),
    fresh: true,
  };
  await generate(options); // warm: modules, JIT
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync(options.outRoot, { recursive: true, force: true });
    const start = performance.now();
    await generate(options);
    times.push(performance.now() - start);
  }
  return median(times);
}
const at1 = await passAt(1);
const at10 = await passAt(10);
const at100 = await passAt(100);
console.table({
  '1 operation': { 'median s': +(at1 / 1000).toFixed(2) },
  '10 operations': { 'median s': +(at10 / 1000).toFixed(2) },
  '100 operations': { 'median s': +(at100 / 1000).toFixed(2) },
});
rmSync(work, { recursive: true, force: true });

report('@chime-api/codegen', [
  {
    name: 'pnpm generate, TypeScript targets, vs orval (fetch + zod + MSW)',
    value: (ts as number) / (orval as number),
    op: '<=',
    target: 1.5,
    detail: `${seconds(ts as number)} vs ${seconds(orval as number)}`,
  },
  {
    name: 'pnpm generate, every target (SDK included), vs orval',
    value: (all as number) / (orval as number),
    op: '<=',
    target: 3,
    detail: `${seconds(all as number)} vs ${seconds(orval as number)}`,
  },
  {
    name: 'one pass, 100 operations vs 10 (linear: ≤ 10×)',
    value: at100 / at10,
    op: '<=',
    target: 15,
    detail: `${seconds(at100)} vs ${seconds(at10)}; 10 vs 1: ${(at10 / at1).toFixed(2)}× (${seconds(at10)} vs ${seconds(at1)})`,
  },
]);
