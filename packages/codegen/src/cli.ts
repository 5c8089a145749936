/**
 * The codegen command line (bin/codegen.mjs runs it).
 *   pnpm generate            load and lint the spec once, write every target (all or nothing)
 *     --targets client,mocks   only these targets (the benchmark times the TypeScript ones alone)
 *   pnpm dev                 watch the spec and the generators; regenerate and rebuild on save
 * `CHIME_SPEC` reads another spec; `CHIME_OUT_DIR` writes target `<name>` to `$CHIME_OUT_DIR/<name>/`.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, TargetError } from './generate.js';
import { SpecError } from './load.js';
import { targets } from './targets.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
  try {
    const { written, timings } = await generate(
      names ? { targets: targets.filter((t) => names.includes(t.name)) } : {},
    );
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
