/**
 * The @chime-api/sdk target: OpenAPI Generator's typescript-fetch (the pinned
 * jar from openapitools.json, a Java process that runs while the TypeScript
 * targets do) into packages/sdk/src/generated/, from the bundled spec. The
 * whole directory is owned by the target: files it no longer writes go.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { generatedHeader } from '../kit/emit.js';
import { type LoadedSpec, repoRoot } from '../load.js';
import type { GeneratedFiles } from '../target.js';

const run = promisify(execFile);

/**
 * How to start OpenAPI Generator. With the pinned jar in place (scripts/setup.sh
 * puts it where openapitools.json says), Java runs it directly: the
 * openapi-generator-cli wrapper only boots NestJS to do the same, which
 * measured 3 to 4 s of a generation here. C1 only and the serial collector
 * suit a run this short (7 s instead of 16 s on the busy 2-core machine).
 * Without the jar, the wrapper fetches it.
 */
async function generatorCommand(): Promise<[string, string[]]> {
  const config = JSON.parse(await readFile(join(repoRoot, 'openapitools.json'), 'utf8')) as {
    'generator-cli': { version: string; storageDir?: string };
  };
  const { version, storageDir = './node_modules/@openapitools/openapi-generator-cli/versions' } =
    config['generator-cli'];
  const jar = resolve(repoRoot, storageDir, `${version}.jar`);
  if (await stat(jar).catch(() => undefined)) {
    const options = (process.env.JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
    return ['java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', ...options, '-jar', jar]];
  }
  return [resolve(repoRoot, 'packages/codegen/node_modules/.bin/openapi-generator-cli'), []];
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir)).sort()) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Runs OpenAPI Generator on the bundled spec and returns what it wrote, as `generated/...` files. */
export async function sdk(spec: LoadedSpec): Promise<GeneratedFiles> {
  const work = await mkdtemp(join(tmpdir(), 'chime-sdk-'));
  try {
    const input = join(work, 'openapi.json');
    const out = join(work, 'out');
    await writeFile(input, JSON.stringify(spec.bundled, null, 2));
    const [command, prefix] = await generatorCommand();
    await run(
      command,
      [
        ...prefix,
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
    const files: Record<string, string> = {};
    for (const file of await readdir(out)) {
      if (file.startsWith('.openapi-generator') || file === 'docs' || file === 'README.md') {
        await rm(join(out, file), { recursive: true, force: true });
      }
    }
    for await (const file of walk(out)) {
      const content = await readFile(file, 'utf8');
      files[`generated/${relative(out, file)}`] = file.endsWith('.ts') ? generatedHeader() + content : content;
    }
    return { files, directories: ['generated'] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
