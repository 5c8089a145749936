/**
 * A worker thread that runs TypeScript targets for the CLI. It starts
 * importing the targets (openapi-typescript, TypeScript, Ajv: most of a
 * cold start) while the main thread loads and lints the spec, so the two
 * halves of a cold `pnpm generate` overlap on two cores.
 */
import { parentPort } from 'node:worker_threads';
import type { LoadedSpec } from './load.js';
import type { GeneratedFiles } from './target.js';

export interface TargetRequest {
  id: number;
  target: string;
  spec: LoadedSpec;
}

export type TargetReply = { id: number; files: GeneratedFiles } | { id: number; error: string };

// start loading every TypeScript target's libraries now, before any request
const loading = Promise.all([
  import('./targets/client.js'),
  import('./targets/validation.js'),
  import('./targets/mocks.js'),
]).then(() => import('./targets.js'));
parentPort?.on('message', async ({ id, target, spec }: TargetRequest) => {
  try {
    const { targets } = await loading;
    const found = targets.find((t) => t.name === target);
    if (!found) throw new Error(`no target named ${target}`);
    parentPort?.postMessage({ id, files: await found.generate(spec) } satisfies TargetReply);
  } catch (error) {
    parentPort?.postMessage({
      id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies TargetReply);
  }
});
