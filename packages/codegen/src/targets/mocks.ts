/**
 * The @chime-api/mocks target, into packages/mocks/src/handlers.gen.ts: one
 * MSW mock per operation of the spec (happy path, every documented error,
 * reply/delay/networkError scenarios), typed by @chime-api/client and
 * validating with @chime-api/validation.
 */
import { generatedHeader, q } from '../kit/emit.js';
import { inlineRefs } from '../kit/schema.js';
import type { LoadedSpec } from '../load.js';
import type { GeneratedFiles } from '../target.js';
import type { JsonSchema } from '../types.js';

const json = (value: unknown) => JSON.stringify(value);

/** The success schema with every `$ref` inlined and documentation dropped: what the data synthesiser reads. */
function outputSchema(spec: LoadedSpec, schema: JsonSchema | undefined): unknown {
  if (!schema) return {};
  return inlineRefs(schema, spec.bundled.components?.schemas ?? {}, {
    cycle: 'empty',
    drop: (key) => key === 'description' || key.startsWith('x-'),
  });
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
  input: validators.${op.typeName}Input,
  output: validators.${op.typeName}Output,
  example: ${json(op.success.example ?? null)},
  outputSchema: ${json(outputSchema(spec, op.success.schema))},
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

/** Generates the mocks' handler module from the loaded spec. */
export async function mocks(spec: LoadedSpec): Promise<GeneratedFiles> {
  return { files: { 'handlers.gen.ts': mockModule(spec) } };
}
