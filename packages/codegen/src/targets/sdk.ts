/**
 * The @chime-api/sdk target: OpenAPI Generator's typescript-fetch (the pinned
 * jar from openapitools.json, a Java process that runs while the TypeScript
 * targets do) into packages/sdk/src/generated/, from the bundled spec, plus
 * `generated/apis.gen.ts`, which builds every API class it wrote on one
 * `Configuration`. The whole directory is owned by the target: files it no
 * longer writes go.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { generatedHeader, key } from '../kit/emit.js';
import { pascal } from '../kit/naming.js';
import { eachObject } from '../kit/schema.js';
import { type LoadedSpec, repoRoot } from '../load.js';
import type { GeneratedFiles } from '../target.js';
import type { JsonSchema, OpenApiDocument } from '../types.js';

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
export function modelNameMappings(spec: LoadedSpec): string[] {
  const taken = new Set(['ChimeServiceException', 'ChimeClientError', 'ChimeNetworkError', 'ServiceExceptionOptions']);
  for (const op of spec.operations) for (const e of op.errors) if (e.errorCode) taken.add(pascal(e.errorCode));
  const schemas = Object.keys(spec.bundled.components?.schemas ?? {});
  return schemas.filter((name) => taken.has(name)).map((name) => `${name}=${name}Body`);
}

/** `generated/apis.gen.ts`: every API class typescript-fetch wrote, built on one configuration. */
function apisModule(classes: string[]): string {
  const property = (name: string) => {
    const short = name.replace(/Api$/, '');
    const camel = short.charAt(0).toLowerCase() + short.slice(1);
    return camel === 'configuration' ? 'configurationApi' : camel;
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

/** Runs OpenAPI Generator on the bundled spec and returns what it wrote, as `generated/...` files. */
export async function sdk(spec: LoadedSpec): Promise<GeneratedFiles> {
  const work = await mkdtemp(join(tmpdir(), 'chime-sdk-'));
  try {
    const input = join(work, 'openapi.json');
    const out = join(work, 'out');
    await writeFile(input, JSON.stringify(sdkInput(spec.bundled), null, 2));
    const mappings = modelNameMappings(spec);
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
        ...(mappings.length > 0 ? ['--model-name-mappings', mappings.join(',')] : []),
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
    const classes: string[] = [];
    for await (const file of walk(out)) {
      const content = await readFile(file, 'utf8');
      files[`generated/${relative(out, file)}`] = file.endsWith('.ts') ? generatedHeader() + content : content;
      if (relative(out, file).startsWith('apis')) {
        for (const [, name] of content.matchAll(/^export class (\w+) extends runtime\.BaseAPI/gm))
          classes.push(name as string);
      }
    }
    files['generated/apis.gen.ts'] = apisModule(classes.sort());
    return { files, directories: ['generated'] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
