/**
 * Generates src/handlers.gen.ts: one MSW mock per operation of the spec
 * (happy path, every documented error, reply/delay/networkError scenarios),
 * typed by @chime-api/client and validating with @chime-api/validation.
 * Run: pnpm --filter @chime-api/mocks generate (or `pnpm generate`).
 */
import { resolve } from 'node:path';
import {
  generatedHeader,
  type JsonSchema,
  type LoadedSpec,
  loadSpec,
  outputDir,
  resolveRefDeep,
  runGenerator,
  writeFilesAtomically,
} from '@chime-api/spec';

const outFile = resolve(outputDir(resolve(import.meta.dirname, '../src')), 'handlers.gen.ts');
const json = (value: unknown) => JSON.stringify(value);
const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The schema with every `$ref` inlined and documentation dropped: what the data synthesiser reads. */
function withoutDocs(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-')) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, withoutDocs(v)]),
      );
    } else if (key === 'items') out.items = withoutDocs(value as JsonSchema);
    else out[key] = value;
  }
  return out;
}

function mockModule(spec: LoadedSpec): string {
  const blocks = spec.operations.map((op) => {
    const errors = Object.fromEntries(
      op.errors
        .filter((e) => e.errorCode)
        .map((e) => [
          e.errorCode as string,
          { status: e.status, ...(e.example !== undefined ? { example: e.example } : {}) },
        ]),
    );
    return `/** Mocks of ${op.operationId}: \`${op.method.toUpperCase()} ${op.path}\`. */
const ${op.name}Definition: OperationDefinition = {
  name: ${q(op.name)},
  operation: operations.${op.name},
  input: validators.${op.operationId}Input,
  output: validators.${op.operationId}Output,
  example: ${json(op.success.example ?? null)},
  outputSchema: ${json(op.success.schema ? withoutDocs(resolveRefDeep(spec.bundled, op.success.schema)) : {})},
  errors: ${json(errors)},
};
`;
  });
  const types = spec.operations
    .map(
      (op) =>
        `  ${op.name}: OperationMock<OperationTypes[${q(op.name)}]['input'], NonNullable<paths[${q(op.path)}][${q(op.method)}]['responses'][${op.success.status}]['content']>[${q(op.success.contentType ?? 'application/json')}], ${
          op.errors.map((e) => q(e.errorCode ?? '')).join(' | ') || 'never'
        }>;`,
    )
    .join('\n');
  return `${generatedHeader()}import { type OperationTypes, operations, type paths } from '@chime-api/client/core';
import { validators } from '@chime-api/validation';
import { type ChimeMocksOptions, createMocks, type MocksBase, type OperationDefinition, type OperationMock } from './runtime.js';

${blocks.join('\n')}
/** Every operation's definition, in the spec's order. */
export const definitions: readonly OperationDefinition[] = [${spec.operations.map((op) => `${op.name}Definition`).join(', ')}];

/** One typed mock per operation, plus the shared store and \`reset()\`. */
export type ChimeMocks = MocksBase & {
${types}
};

/**
 * Creates an isolated set of mocks (its own store, recorded calls and seed).
 *
 * @example
 * const mocks = createChimeMocks({ seed: 'checkout-test', store: { strict: true } });
 * server.use(...mocks.handlers);
 */
export function createChimeMocks(options: ChimeMocksOptions = {}): ChimeMocks {
  return createMocks(definitions, options) as unknown as ChimeMocks;
}
`;
}

async function main(): Promise<string[]> {
  const spec = await loadSpec();
  await writeFilesAtomically({ [outFile]: mockModule(spec) });
  return [outFile];
}

await runGenerator('@chime-api/mocks', main);
