/**
 * The codegen command line (bin/codegen.mjs runs it).
 *   pnpm generate            load and lint the spec once, write every target (all or nothing)
 *     --targets client,mocks   only these targets (the benchmark times the TypeScript ones alone)
 *   pnpm dev                 watch the spec and the generators; regenerate and rebuild on save
 * `CHIME_SPEC` reads another spec; `CHIME_OUT_DIR` writes target `<name>` to `$CHIME_OUT_DIR/<name>/`.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { type GenerateOptions, generate, TargetError } from './generate.js';
import { type LoadedSpec, SpecError } from './load.js';
import type { GeneratedFiles, Target } from './target.js';
import { targets } from './targets.js';
import type { TargetReply, TargetRequest } from './worker.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs the TypeScript targets in a worker thread, started before the spec is
 * loaded: it imports the generators (openapi-typescript, TypeScript, Ajv)
 * while this thread lints. Only when bin/codegen.mjs bundled the worker
 * beside this file; otherwise everything runs in this thread.
 */
function workerRunner(): { runTarget?: GenerateOptions['runTarget']; close(): void } {
  const url = new URL('./worker.mjs', import.meta.url);
  if (!existsSync(fileURLToPath(url))) return { close: () => undefined };
  const worker = new Worker(url);
  const pending = new Map<number, { resolve: (files: GeneratedFiles) => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.on('message', (reply: TargetReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.files);
  });
  // a worker that failed (a generator that does not load) fails every request, now and later
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    for (const waiting of pending.values()) waiting.reject(failed);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the generator worker stopped')));
  return {
    runTarget: (target: Target, spec: LoadedSpec) => {
      if (target.name === 'sdk') return target.generate(spec); // a Java process already
      const id = next++;
      return new Promise<GeneratedFiles>((resolve, reject) => {
        if (failed) return reject(failed);
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, target: target.name, spec } satisfies TargetRequest);
      });
    },
    close: () => {
      worker.removeAllListeners('exit');
      void worker.terminate();
    },
  };
}

async function generateCommand(only: string | undefined): Promise<void> {
  const began = performance.now();
  const names = only?.split(',').filter(Boolean);
  const unknown = names?.filter((name) => !targets.some((t) => t.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(
      `codegen: no target named ${unknown.join(', ')}; the targets are ${targets.map((t) => t.name).join(', ')}.`,
    );
    process.exitCode = 1;
    return;
  }
  const runner = workerRunner();
  try {
    const { written, timings } = await generate({
      ...(names ? { targets: targets.filter((t) => names.includes(t.name)) } : {}),
      ...(runner.runTarget ? { runTarget: runner.runTarget } : {}),
    });
    for (const file of written) console.log(`codegen: wrote ${relative(process.cwd(), file)}`);
    const parts = Object.entries(timings)
      .map(([step, ms]) => `${step} ${seconds(ms)}`)
      .join(', ');
    console.log(
      `codegen: ${written.length ? `${written.length} changed` : 'nothing changed'} in ${seconds(performance.now() - began)} (${parts})`,
    );
  } catch (error) {
    if (error instanceof SpecError || error instanceof TargetError) console.error(`codegen: ${error.message}`);
    else {
      console.error('codegen: generation failed; every package keeps its previous generated files.');
      console.error(error);
    }
    process.exitCode = 1;
  } finally {
    runner.close();
  }
}

const { positionals, values } = parseArgs({ options: { targets: { type: 'string' } }, allowPositionals: true });
const command = positionals[0] ?? 'generate';
if (command === 'generate') await generateCommand(values.targets);
else if (command === 'dev') await (await import('./dev.js')).watch();
else {
  console.error(`codegen: unknown command "${command}". Use \`generate\` or \`dev\`.`);
  process.exitCode = 1;
}
