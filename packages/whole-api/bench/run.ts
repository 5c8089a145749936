/**
 * @chime-api/whole-api benchmark (pnpm bench): costs that must not grow with
 * the spec (issue 11 item 5), ratios measured in one run. Trees of 1, 10, 100
 * and 191 operations are drafted from the official model (UpdateUser in
 * each), generated and built (src/tree.ts); the product packages (the
 * hand-authored UpdateUser spec) are a second baseline.
 * - `pnpm generate` (the codegen CLI in a fresh process, every target) and
 *   the build (tsc of the four packages) at each size: the marginal cost per
 *   operation from 100 to 191 against that from 10 to 100 (near-linear: ≤ 1.5).
 * - tsc of a consumer file that imports the client: 191 operations against 1 (≤ 2×).
 * - one updateUser call bundled for the browser with code splitting (esbuild,
 *   minified, gzip of what loads up front), through the standalone function:
 *   191 operations against 1 (≤ 1.1×), and against the product package.
 * - one mock request (MSW's getResponse over the default handlers, as
 *   setupServer resolves it): its rate at 191 operations against 1 (≥ 0.8×),
 *   and against the product package.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadModel, repoRoot } from '@chime-api/codegen';
import { bundleSize, kb, measure, type Ratio, report } from '@chime-api/test-kit/bench';
import { getResponse } from 'msw';
import { checkConsumer } from '../src/consumer.js';
import { buildTree, prepareTree, type Tree } from '../src/tree.js';

const run = promisify(execFile);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const model = loadModel();
const SIZES = [1, 10, 100, 191] as const;

/** `pnpm generate` as turbo runs it on a miss: the CLI in a fresh process, every target, into a scratch folder. */
async function cliGenerate(tree: Tree): Promise<number> {
  const start = performance.now();
  await run(process.execPath, [join(repoRoot, 'packages/codegen/bin/codegen.mjs'), 'generate'], {
    cwd: join(repoRoot, 'packages/codegen'),
    env: { ...process.env, CHIME_SPEC: tree.spec, CHIME_OUT_DIR: join(tree.root, 'cli-out') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - start;
}

const trees: Record<number, Tree> = {};
const generateMs: Record<number, number> = {};
const buildMs: Record<number, number> = {};
for (const size of SIZES) {
  const tree = await prepareTree({ label: `bench-${size}`, count: size === 191 ? 'all' : size, build: false, model });
  trees[size] = tree;
}
// interleaved rounds, so no size always runs on a warmer or busier machine
const generateRuns: Record<number, number[]> = Object.fromEntries(SIZES.map((s) => [s, []]));
for (let round = 0; round < 3; round++) {
  for (const size of round % 2 ? [...SIZES].reverse() : SIZES) {
    (generateRuns[size] as number[]).push(await cliGenerate(trees[size] as Tree));
  }
}
for (const size of SIZES) {
  generateMs[size] = median(generateRuns[size] as number[]);
  const tree = trees[size] as Tree;
  await buildTree(tree);
  buildMs[size] = Object.entries(tree.timings)
    .filter(([k]) => k.startsWith('build:'))
    .reduce((sum, [, ms]) => sum + (ms as number), 0);
}
console.table(
  Object.fromEntries(
    SIZES.map((s) => [
      `${s} operations`,
      { generate: seconds(generateMs[s] as number), build: seconds(buildMs[s] as number) },
    ]),
  ),
);
const marginal = (ms: Record<number, number>) => {
  const early = ((ms[100] as number) - (ms[10] as number)) / 90;
  const late = ((ms[191] as number) - (ms[100] as number)) / 91;
  return { early, late, ratio: late / Math.max(early, 1e-9) };
};
const gen = marginal(generateMs);
const build = marginal(buildMs);

// tsc of one consumer file: interleaved, medians
const tscRuns: Record<number, number[]> = { 1: [], 191: [] };
for (let round = 0; round < 3; round++) {
  for (const size of round % 2 ? [191, 1] : [1, 191]) {
    const result = await checkConsumer(trees[size] as Tree);
    if (!result.ok)
      throw new Error(`benchmark setup: the consumer does not compile at ${size} operations:\n${result.output}`);
    (tscRuns[size] as number[]).push(result.ms);
  }
}
const tsc1 = median(tscRuns[1] as number[]);
const tsc191 = median(tscRuns[191] as number[]);

// one updateUser call through the standalone function, bundled with code splitting
const updateUserEntry = (client: string) => `
import { createChimeBaseClient, updateUser } from ${JSON.stringify(join(client, 'dist/index.js'))};
const chime = createChimeBaseClient({ region: 'us-east-1' });
export const promote = (AccountId, UserId) => updateUser(chime, { AccountId, UserId, LicenseType: 'Pro' });
`;
const size1 = await bundleSize(updateUserEntry((trees[1] as Tree).packages.client), repoRoot);
const size191 = await bundleSize(updateUserEntry((trees[191] as Tree).packages.client), repoRoot);
const sizeProduct = await bundleSize(updateUserEntry(join(repoRoot, 'packages/client')), repoRoot);

// one mock request, resolved the way setupServer resolves it
type Mocks = { createChimeMocks: () => { handlers: Parameters<typeof getResponse>[0] } };
const handlersOf = async (mocksDir: string) =>
  ((await import(pathToFileURL(join(mocksDir, 'dist/index.js')).href)) as Mocks).createChimeMocks().handlers;
const body = JSON.stringify({ LicenseType: 'Pro' });
const url = 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1';
const via = (handlers: Parameters<typeof getResponse>[0]) => async () => {
  const response = await getResponse(
    handlers,
    new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  );
  if (response?.status !== 200) throw new Error(`benchmark setup: UpdateUser got ${response?.status}`);
  await response.json();
};
const rates = await measure({
  'product mocks (hand-authored spec)': via(await handlersOf(join(repoRoot, 'packages/mocks'))),
  'mocks, 1 operation': via(await handlersOf((trees[1] as Tree).packages.mocks)),
  'mocks, 191 operations': via(await handlersOf((trees[191] as Tree).packages.mocks)),
});
const hz = (name: string) => (rates[name] as { hz: number }).hz;

const ratios: Ratio[] = [
  {
    name: 'pnpm generate: marginal cost per operation, 100→191 vs 10→100',
    value: gen.ratio,
    op: '<=',
    target: 1.5,
    detail: `${SIZES.map((s) => `${s}: ${seconds(generateMs[s] as number)}`).join(', ')}; ${gen.early.toFixed(0)} vs ${gen.late.toFixed(0)} ms per operation`,
  },
  {
    name: 'build (tsc of the four packages): marginal cost per operation, 100→191 vs 10→100',
    value: build.ratio,
    op: '<=',
    target: 1.5,
    detail: `${SIZES.map((s) => `${s}: ${seconds(buildMs[s] as number)}`).join(', ')}; ${build.early.toFixed(0)} vs ${build.late.toFixed(0)} ms per operation`,
  },
  {
    name: 'tsc of a consumer file: 191 operations vs 1',
    value: tsc191 / tsc1,
    op: '<=',
    target: 2,
    detail: `${seconds(tsc191)} vs ${seconds(tsc1)}`,
  },
  {
    name: 'one updateUser call, bundled (gzip): 191 operations vs 1',
    value: size191.gzip / size1.gzip,
    op: '<=',
    target: 1.1,
    detail: `${kb(size191.gzip)} vs ${kb(size1.gzip)}`,
  },
  {
    name: 'one updateUser call, bundled (gzip): 191 operations vs the product package',
    value: size191.gzip / sizeProduct.gzip,
    op: '<=',
    target: 1.1,
    detail: `${kb(size191.gzip)} vs ${kb(sizeProduct.gzip)}`,
  },
  {
    name: 'a mock request (UpdateUser): rate at 191 operations vs 1',
    value: hz('mocks, 191 operations') / hz('mocks, 1 operation'),
    op: '>=',
    target: 0.8,
    detail: `${Math.round(hz('mocks, 191 operations'))} vs ${Math.round(hz('mocks, 1 operation'))} req/s`,
  },
  {
    name: 'a mock request (UpdateUser): rate at 191 operations vs the product package',
    value: hz('mocks, 191 operations') / hz('product mocks (hand-authored spec)'),
    op: '>=',
    target: 0.8,
    detail: `${Math.round(hz('mocks, 191 operations'))} vs ${Math.round(hz('product mocks (hand-authored spec)'))} req/s`,
  },
];
report('@chime-api/whole-api: costs that must not grow with the spec', ratios);
