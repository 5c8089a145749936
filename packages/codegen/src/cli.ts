/**
 * The codegen command line.
 *   pnpm generate          load and lint the spec once, write every target (all or nothing)
 *   pnpm dev               watch the spec and the generators; regenerate and rebuild on save
 * `CHIME_SPEC` reads another spec; `CHIME_OUT_DIR` writes target `<name>` to `$CHIME_OUT_DIR/<name>/`.
 */
import { relative } from 'node:path';
import { generate, TargetError } from './generate.js';
import { SpecError } from './load.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function generateCommand(): Promise<void> {
  const began = performance.now();
  try {
    const { written, timings } = await generate();
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

const command = process.argv[2] ?? 'generate';
if (command === 'generate') await generateCommand();
else if (command === 'dev') await (await import('./dev.js')).watch();
else {
  console.error(`codegen: unknown command "${command}". Use \`generate\` or \`dev\`.`);
  process.exitCode = 1;
}
