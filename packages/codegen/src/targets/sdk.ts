/**
 * The @chime-api/sdk target: OpenAPI Generator's typescript-fetch (the pinned
 * jar from openapitools.json, a Java process that runs while the TypeScript
 * targets do) into packages/sdk/src/generated/, from the bundled spec, plus
 * `generated/apis.gen.ts`, which builds every API class it wrote on one
 * `Configuration`. The whole directory is owned by the target: files it no
 * longer writes go.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { cacheEnabled, cacheGet, cachePut, cacheRoot, contentHash } from '../cache.js';
import { generatedHeader, key } from '../kit/emit.js';
import type { NameResolver } from '../kit/names.js';
import { lowerFirst, SDK_RESERVED_CLASSES } from '../kit/naming.js';
import { eachObject } from '../kit/schema.js';
import { type LoadedSpec, repoRoot } from '../load.js';
import type { GeneratedFiles } from '../target.js';
import type { JsonSchema, OpenApiDocument } from '../types.js';

const run = promisify(execFile);

/** How to start OpenAPI Generator, and what identifies the generator that runs (part of the cache key). */
interface GeneratorCommand {
  command: string;
  prefix: string[];
  identity: string;
  /** The pinned jar, when Java runs it directly. */
  jar?: string;
}

/**
 * How to start OpenAPI Generator. With the pinned jar in place (scripts/setup.sh
 * puts it where openapitools.json says), Java runs it directly: the
 * openapi-generator-cli wrapper only boots NestJS to do the same, which
 * measured 3 to 4 s of a generation here. C1 only and the serial collector
 * suit a run this short (7 s instead of 16 s on the busy 2-core machine).
 * Without the jar, the wrapper fetches it.
 */
function generatorCommand(): GeneratorCommand {
  const config = JSON.parse(readFileSync(join(repoRoot, 'openapitools.json'), 'utf8')) as {
    'generator-cli': { version: string; storageDir?: string };
  };
  const { version, storageDir = './node_modules/@openapitools/openapi-generator-cli/versions' } =
    config['generator-cli'];
  const jar = resolve(repoRoot, storageDir, `${version}.jar`);
  const found = statSync(jar, { throwIfNoEntry: false });
  if (found) {
    const options = (process.env.JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
    return {
      command: 'java',
      prefix: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', ...options],
      identity: `jar ${version} ${found.size} ${found.mtimeMs}`,
      jar,
    };
  }
  return {
    command: resolve(repoRoot, 'packages/codegen/node_modules/.bin/openapi-generator-cli'),
    prefix: [],
    identity: `openapi-generator-cli ${version}`,
  };
}

/** The `java` that PATH finds, resolved, with its size and mtime: a new JVM gets a new class archive. */
function javaIdentity(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      const found = realpathSync(join(dir, 'java'));
      const info = statSync(found);
      if (info.isFile()) return `${found} ${info.size} ${info.mtimeMs}`;
    } catch {
      // not in this folder
    }
  }
  return 'java';
}

/**
 * The JVM options for the class-data archive (AppCDS) of this jar on this
 * JVM, in the git-ignored cache: the first run records which classes the
 * generator loads (that run takes a few seconds longer, once), every later
 * run maps them from the archive instead of loading and verifying them from
 * the 30 MB jar (1.6 s to 1.0 s measured). `finish` publishes a recorded archive.
 * Synchronous, like everything before the JVM starts: the TypeScript targets
 * then run while it does, instead of before it.
 */
function classArchive(generator: GeneratorCommand): { options: string[]; finish(): Promise<void> } {
  const none = { options: [], finish: async () => undefined };
  if (!generator.jar || !cacheEnabled()) return none;
  const dir = join(cacheRoot, 'jvm');
  const archive = join(dir, `${contentHash(generator.identity, javaIdentity()).slice(0, 16)}.jsa`);
  if (statSync(archive, { throwIfNoEntry: false }))
    return { options: [`-XX:SharedArchiveFile=${archive}`], finish: none.finish };
  mkdirSync(dir, { recursive: true });
  const temp = `${archive}.${process.pid}.tmp`;
  return {
    options: [`-XX:ArchiveClassesAtExit=${temp}`],
    finish: () => rename(temp, archive).catch(() => rm(temp, { force: true })),
  };
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir)).sort()) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Keys whose text OpenAPI Generator writes into the SDK's doc comments. */
const DOC_TEXT = ['description', 'summary', 'title'] as const;

/**
 * The document OpenAPI Generator reads: the bundled spec with every
 * idempotency token (`x-amzn-idempotency-token`) left out of its object's
 * `required`, so SDK users may omit it (the middleware fills it with a UUID,
 * as AWS SDKs do), and every epoch-seconds timestamp (`type: number`,
 * `x-amzn-timestamp-format: unixTimestamp`) as `format: date-time`, so the
 * models type it `Date` (the middleware turns seconds into RFC 3339 text for
 * typescript-fetch's `new Date(...)`, and a request body member back into seconds).
 * Every description, summary and title has its `*\/` broken up (`* /`): the
 * generator copies them into doc comments unescaped, where one would end the
 * comment and run the text after it as code (enum schemas' descriptions, for one).
 */
export function sdkInput(bundled: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(bundled);
  eachObject(copy, (node) => {
    const schema = node as JsonSchema;
    if (Array.isArray(schema.required) && schema.properties) {
      const properties = schema.properties;
      schema.required = schema.required.filter((name) => !properties[name]?.['x-amzn-idempotency-token']);
      if (schema.required.length === 0) delete schema.required;
    }
    // OpenAPI Generator copies these into doc comments as they are: a `*/` would end the comment
    for (const text of DOC_TEXT) {
      if (typeof node[text] === 'string') node[text] = (node[text] as string).replace(/\*\//g, '* /');
    }
    if (
      schema['x-amzn-timestamp-format'] === 'unixTimestamp' &&
      (schema.type === 'number' || schema.type === 'integer')
    ) {
      schema.type = 'string';
      schema.format = 'date-time';
    }
    return undefined;
  });
  return copy;
}

/**
 * `--model-name-mappings` for component schemas whose model would take the
 * name of an exception class the SDK re-exports from `@chime-api/client/errors`
 * (the official model names its error shapes `BadRequestException`, ...):
 * the model becomes `BadRequestExceptionBody`, the class keeps the name that
 * `instanceof` checks use.
 */
export function modelNameMappings(spec: LoadedSpec, names: NameResolver = spec.names): string[] {
  const taken = new Set(SDK_RESERVED_CLASSES);
  for (const op of spec.operations)
    for (const e of op.errors) if (e.errorCode) taken.add(names.client.exception(e.errorCode));
  const schemas = Object.keys(spec.bundled.components?.schemas ?? {});
  return schemas.filter((name) => taken.has(name)).map((name) => `${name}=${name}Body`);
}

/** `generated/apis.gen.ts`: every API class typescript-fetch wrote, built on one configuration. */
function apisModule(classes: string[]): string {
  const property = (name: string) => {
    const short = name.replace(/Api$/, '');
    const property = lowerFirst(short);
    return property === 'configuration' ? 'configurationApi' : property;
  };
  return `${generatedHeader()}import { ${classes.join(', ')} } from './apis/index.js';
import type { Configuration } from './runtime.js';

/** One instance of every generated API class (one per tag of the spec), sharing \`configuration\`. */
export function createApis(configuration: Configuration) {
  return {
${classes.map((name) => `    ${key(property(name))}: new ${name}(configuration),`).join('\n')}
  };
}

/** What {@link createApis} returns: \`{ ${classes.map(property).slice(0, 3).join(', ')}${classes.length > 3 ? ', ...' : ''} }\`. */
export type ChimeApis = ReturnType<typeof createApis>;
`;
}

/** What typescript-fetch is asked for, beside the input and output paths. */
function generatorArguments(spec: LoadedSpec, names: NameResolver): string[] {
  const mappings = modelNameMappings(spec, names);
  return [
    '-g',
    'typescript-fetch',
    '--skip-validate-spec',
    '--global-property',
    'skipFormModel=true',
    '--additional-properties',
    'supportsES6=true,typescriptThreePlus=true,withInterfaces=true,importFileExtension=.js,hideGenerationTimestamp=true,modelPropertyNaming=original,paramNaming=original',
    ...(mappings.length > 0 ? ['--model-name-mappings', mappings.join(',')] : []),
  ];
}

/** Runs OpenAPI Generator on `input` and returns the source files it wrote, by path. */
async function runGenerator(
  generator: GeneratorCommand,
  input: string,
  args: string[],
): Promise<Record<string, string>> {
  const work = mkdtempSync(join(tmpdir(), 'chime-sdk-'));
  try {
    const inputFile = join(work, 'openapi.json');
    const out = join(work, 'out');
    writeFileSync(inputFile, input);
    const archive = classArchive(generator);
    await run(
      generator.command,
      [
        ...generator.prefix,
        ...archive.options,
        ...(generator.jar ? ['-jar', generator.jar] : []),
        'generate',
        '-i',
        inputFile,
        '-o',
        out,
        ...args,
      ],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stderr?: string; stdout?: string }) => {
      throw new Error(`OpenAPI Generator failed:\n${error.stderr || error.stdout || String(error)}`);
    });
    await archive.finish();
    // the generator's metadata files go
    const files: Record<string, string> = {};
    for (const file of await readdir(out)) {
      if (file.startsWith('.openapi-generator') || file === 'docs' || file === 'README.md') {
        await rm(join(out, file), { recursive: true, force: true });
      }
    }
    for await (const file of walk(out)) files[relative(out, file)] = await readFile(file, 'utf8');
    return files;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Runs OpenAPI Generator on the bundled spec and returns what it wrote, as
 * `generated/...` files. What the generator wrote is cached under a hash of
 * exactly what it is handed (the input document, the arguments, the jar), so
 * a save that changes none of them (an edit to a validator, a mock, or the
 * client's own docs) skips the JVM; the files are the same bytes either way.
 */
export async function sdk(spec: LoadedSpec, names: NameResolver = spec.names): Promise<GeneratedFiles> {
  const input = JSON.stringify(sdkInput(spec.bundled), null, 2);
  const args = generatorArguments(spec, names);
  const generator = generatorCommand();
  const key = contentHash(generator.identity, JSON.stringify(args), input);
  let written = cacheGet<Record<string, string>>('sdk', key);
  if (!written) {
    written = await runGenerator(generator, input, args);
    await cachePut('sdk', key, written);
  }
  // our do-not-edit header on every source file
  const files: Record<string, string> = {};
  const classes: string[] = [];
  for (const [path, content] of Object.entries(written)) {
    files[`generated/${path}`] = path.endsWith('.ts') ? generatedHeader() + content : content;
    if (path.startsWith('apis')) {
      for (const [, name] of content.matchAll(/^export class (\w+) extends runtime\.BaseAPI/gm))
        classes.push(name as string);
    }
  }
  files['generated/apis.gen.ts'] = apisModule(classes.sort());
  return { files, directories: ['generated'] };
}
