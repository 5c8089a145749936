/**
 * @chime-api/codegen scale benchmark (`pnpm --filter @chime-api/codegen bench:scale`):
 * `pnpm generate` on the whole official API (191 operations, drafted by
 * `spec:import --all`; needs the model in .cache/botocore) against five
 * copies of it in one document (955 operations, 3.2 MB, every path,
 * operation and component renamed per copy): the time ratio, which grows
 * linearly when it stays near 5. The codegen CLI runs in a fresh process per
 * round (client, validation and mocks: the SDK's time is OpenAPI
 * Generator's), in interleaved rounds; medians. Reported with its phases
 * (load and lint, then each target) from one in-process pass of each.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { report } from '@chime-api/test-kit/bench';
import { parseDocument, stringify } from 'yaml';
import { buildDocument, generate, loadModel, targets } from '../src/index.js';

const run = promisify(execFile);
const here = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'chime-codegen-scale-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const COPIES = 5;

type Doc = { paths: Record<string, unknown>; components: Record<string, Record<string, unknown>>; tags?: unknown[] };

/** `doc` with every path, operationId and component renamed by `suffix` (refs rewritten): a disjoint copy of the API. */
function renamed(doc: Doc, suffix: string): Doc {
  const text = JSON.stringify(doc).replace(
    /"#\/components\/(\w+)\/([^"]+)"/g,
    (_m, kind: string, name: string) => `"#/components/${kind}/${name}${suffix}"`,
  );
  const copy = JSON.parse(text) as Doc;
  const paths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(copy.paths)) {
    for (const op of Object.values(item as Record<string, { operationId?: string }>))
      if (op && typeof op === 'object' && typeof op.operationId === 'string') op.operationId += suffix;
    paths[`/${suffix.toLowerCase()}${path}`] = item;
  }
  const components: Doc['components'] = {};
  for (const [kind, entries] of Object.entries(copy.components))
    components[kind] =
      kind === 'securitySchemes'
        ? entries
        : Object.fromEntries(Object.entries(entries).map(([name, value]) => [`${name}${suffix}`, value]));
  return { ...copy, paths, components };
}

const model = loadModel();
const whole = buildDocument(model, Object.keys(model.service.operations).sort());
const single = join(work, 'x1', 'openapi.yaml');
const multiple = join(work, `x${COPIES}`, 'openapi.yaml');
for (const [path, text] of [
  [single, whole],
  [
    multiple,
    (() => {
      const doc = parseDocument(whole).toJS() as Doc;
      const merged: Doc = { ...doc, paths: { ...doc.paths }, components: structuredClone(doc.components) };
      for (let i = 2; i <= COPIES; i++) {
        const copy = renamed(doc, `V${i}`);
        Object.assign(merged.paths, copy.paths);
        for (const [kind, entries] of Object.entries(copy.components))
          merged.components[kind] = { ...merged.components[kind], ...entries };
      }
      return stringify(merged, { lineWidth: 0, aliasDuplicateObjects: false });
    })(),
  ],
] as const) {
  rmSync(join(path, '..'), { recursive: true, force: true });
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

async function cli(spec: string): Promise<number> {
  const start = performance.now();
  await run(process.execPath, ['bin/codegen.mjs', 'generate', '--targets', 'client,validation,mocks'], {
    cwd: here,
    env: { ...process.env, CHIME_SPEC: spec, CHIME_OUT_DIR: join(spec, '..', 'out') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - start;
}

// phases, in process, once each (fresh loads)
const phases: Record<string, Record<string, string>> = {};
for (const [label, spec] of [
  ['x1', single],
  [`x${COPIES}`, multiple],
] as const) {
  const { timings } = await generate({
    spec,
    outRoot: join(spec, '..', 'phases'),
    targets: targets.filter((t) => t.name !== 'sdk'),
    fresh: true,
  });
  phases[`${label} (${(statSync(spec).size / 1e6).toFixed(1)} MB)`] = Object.fromEntries(
    Object.entries(timings).map(([k, ms]) => [k, seconds(ms)]),
  );
}
console.table(phases);
// SCALE_PHASES_ONLY=1: the table above, no timed rounds (while looking for what grows)
if (process.env.SCALE_PHASES_ONLY) process.exit(0);

const runs: Record<string, number[]> = { single: [], multiple: [] };
for (let round = 0; round < 3; round++) {
  for (const which of round % 2 ? (['multiple', 'single'] as const) : (['single', 'multiple'] as const))
    (runs[which] as number[]).push(await cli(which === 'single' ? single : multiple));
}
const one = median(runs.single as number[]);
const five = median(runs.multiple as number[]);
rmSync(work, { recursive: true, force: true });

report('@chime-api/codegen: generation time against the size of the spec', [
  {
    name: `pnpm generate (client, validation, mocks): the whole API ×${COPIES} (${191 * COPIES} operations) vs ×1 (191)`,
    value: five / one,
    op: '<=',
    // linear is 5 with the fixed start-up cost shared: a superlinear step shows as well above it
    target: COPIES * 1.3,
    detail: `${seconds(five)} vs ${seconds(one)}`,
  },
]);
