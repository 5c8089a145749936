/**
 * @chime-api/codegen benchmark (pnpm bench), ratios measured in one run:
 * - `pnpm generate` after a doc-only edit of the spec, as a user runs it (the
 *   root script, from the repository root), beside orval 7.13.2 generating a
 *   fetch client, MSW mocks and zod schemas from the same spec as an orval
 *   user runs it (`pnpm exec orval --config …`, from this package): the
 *   TypeScript targets alone (goal ≤ 1×) and every target, the OpenAPI
 *   Generator SDK included (≤ 1.5×). Bare `orval` (no pnpm) is timed too and
 *   printed. Every run is a fresh process on a fresh copy of the spec whose
 *   description carries a new word, so no cache holds its output (the SDK's
 *   JVM runs each time); one untimed round first warms what a user's machine
 *   has warm after one run (the bundle, the JVM's class archive, the disk
 *   cache), for both tools. Interleaved rounds; medians.
 * - `pnpm dev`: a save of the spec → the new dist of every package it
 *   rebuilds imports and shows the change (goal ≤ 2 s), beside one bare
 *   `node -e "import(dist)"` of them.
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
import { watchBench } from './watch.js';

const run = promisify(execFile);
const here = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'chime-codegen-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
// a word no earlier run of this benchmark wrote: every edit is new to every cache
const token = `${process.pid}-${Date.now().toString(36)}`;

/** A copy of specs/chime with one description changed: what a doc-only edit leaves on disk. */
function editedSpec(round: number, tool: string): string {
  const dir = join(work, `spec-${tool}-${round}`);
  cpSync(join(repoRoot, 'specs/chime'), dir, { recursive: true });
  const file = join(dir, 'openapi.yaml');
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/(description: The Amazon Chime account ID)\./, `$1 (edit ${token} ${round}).`);
  if (edited === text) throw new Error('benchmark setup: the doc-only edit found nothing to change in the spec');
  writeFileSync(file, edited);
  return file;
}

async function timed(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<number> {
  const start = performance.now();
  await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - start;
}

/** An orval config generating what our TypeScript targets do: a fetch client with MSW mocks, and zod schemas. */
function orvalConfig(round: number, tool: string): string {
  const spec = editedSpec(round, tool);
  const out = join(work, `${tool}-${round}`);
  const config = join(work, `${tool}-${round}.config.cjs`);
  const input = { target: spec };
  writeFileSync(
    config,
    `module.exports = ${JSON.stringify({
      api: { input, output: { target: join(out, 'client.ts'), client: 'fetch', mode: 'split', mock: true } },
      zod: { input, output: { target: join(out, 'zod.ts'), client: 'zod' } },
    })};\n`,
  );
  return config;
}

// pnpm as the user's shell finds it (pnpm bench runs under it)
const pnpm = 'pnpm';
const tools: Record<string, (round: number) => Promise<number>> = {
  'pnpm exec orval': (round) => timed(pnpm, ['exec', 'orval', '--config', orvalConfig(round, 'orval')], here),
  'orval (bare bin)': (round) =>
    timed(join(here, 'node_modules/.bin/orval'), ['--config', orvalConfig(round, 'orval-bare')], here),
  'pnpm generate --targets client,validation,mocks': (round) =>
    timed(pnpm, ['generate', '--targets', 'client,validation,mocks'], repoRoot, {
      CHIME_SPEC: editedSpec(round, 'ts'),
      CHIME_OUT_DIR: join(work, `ts-${round}`),
    }),
  'pnpm generate (every target, SDK included)': (round) =>
    timed(pnpm, ['generate'], repoRoot, {
      CHIME_SPEC: editedSpec(round, 'all'),
      CHIME_OUT_DIR: join(work, `all-${round}`),
    }),
};

const rounds = 7;
const names = Object.keys(tools);
const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let round = -1; round < rounds; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round + 1) % names.length] as string;
    const ms = await (tools[name] as (round: number) => Promise<number>)(round + 1);
    if (round >= 0) samples[name]?.push(ms); // round -1 warms up
  }
}
const [orval, bareOrval, ts, all] = names.map((name) => median(samples[name] ?? [])) as [
  number,
  number,
  number,
  number,
];
console.table(
  Object.fromEntries(names.map((name) => [name, { 'median s': +(median(samples[name] ?? []) / 1000).toFixed(2) }])),
);

const watched = await watchBench();

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
    value: ts / orval,
    op: '<=',
    target: 1,
    detail: `${seconds(ts)} vs ${seconds(orval)} (bare orval ${seconds(bareOrval)}: ${(ts / bareOrval).toFixed(2)}×)`,
  },
  {
    name: 'pnpm generate, every target (SDK included), vs orval',
    value: all / orval,
    op: '<=',
    target: 1.5,
    detail: `${seconds(all)} vs ${seconds(orval)} (bare orval ${seconds(bareOrval)}: ${(all / bareOrval).toFixed(2)}×)`,
  },
  {
    name: `pnpm dev: save → new dist of ${watched.packages.join(', ')} shows it (and imports), seconds`,
    value: watched.saveToDist / 1000,
    op: '<=',
    target: 2,
    detail: `median of ${watched.rounds} saves; imported by a fresh node ${seconds(watched.saveToImported)} after the save, where one bare \`node -e import(dist)\` takes ${seconds(watched.importOnce)} (${(watched.saveToImported / watched.importOnce).toFixed(1)}×); declarations ${seconds(watched.declarations)} after the save`,
  },
  {
    name: 'one pass, 100 operations vs 10 (linear: ≤ 10×)',
    value: at100 / at10,
    op: '<=',
    target: 15,
    detail: `${seconds(at100)} vs ${seconds(at10)}; 10 vs 1: ${(at10 / at1).toFixed(2)}× (${seconds(at10)} vs ${seconds(at1)})`,
  },
]);
