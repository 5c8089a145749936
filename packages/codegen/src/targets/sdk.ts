/**
 * Generates @chime-api/sdk with OpenAPI Generator's typescript-fetch (the
 * pinned jar from openapitools.json) into src/generated/, from the bundled
 * spec that @chime-api/spec produced. The directory is swapped in only when
 * generation succeeds. Run: pnpm --filter @chime-api/sdk generate.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  generatedHeader,
  loadSpec,
  outputDir,
  replaceDirectoryAtomically,
  repoRoot,
  runGenerator,
} from '@chime-api/spec';

const run = promisify(execFile);
const target = resolve(outputDir(resolve(import.meta.dirname, '../src')), 'generated');

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir)).sort()) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) yield* files(path);
    else yield path;
  }
}

async function main(): Promise<string[]> {
  const spec = await loadSpec();
  const work = await mkdtemp(join(tmpdir(), 'chime-sdk-'));
  try {
    const input = join(work, 'openapi.json');
    await writeFile(input, JSON.stringify(spec.bundled, null, 2));
    await replaceDirectoryAtomically(target, async (out) => {
      const cli = resolve(repoRoot, 'node_modules/.bin/openapi-generator-cli');
      await run(
        cli,
        [
          'generate',
          '-g',
          'typescript-fetch',
          '-i',
          input,
          '-o',
          out,
          '--skip-validate-spec',
          '--global-property',
          'skipFormModel=true',
          '--additional-properties',
          'supportsES6=true,typescriptThreePlus=true,withInterfaces=true,importFileExtension=.js,hideGenerationTimestamp=true,modelPropertyNaming=original,paramNaming=original',
        ],
        { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      ).catch((error: { stderr?: string; stdout?: string }) => {
        throw new Error(`OpenAPI Generator failed:\n${error.stderr || error.stdout || String(error)}`);
      });
      // our do-not-edit header on every source file; the generator's metadata files go
      for (const file of await readdir(out)) {
        if (file.startsWith('.openapi-generator') || file === 'docs' || file === 'README.md') {
          await rm(join(out, file), { recursive: true, force: true });
        }
      }
      for await (const file of files(out)) {
        if (file.endsWith('.ts')) await writeFile(file, generatedHeader() + (await readFile(file, 'utf8')));
      }
    });
    return [target];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await runGenerator('@chime-api/sdk', main);
