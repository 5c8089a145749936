/**
 * The @chime-api/mocks target, into packages/mocks/src/handlers.gen.ts: one
 * MSW mock per operation of the spec (happy path, every documented error,
 * reply/delay/networkError scenarios), typed by @chime-api/client and
 * validating with @chime-api/validation.
 */
import { doc, generatedHeader, json, q } from '../kit/emit.js';
import type { NamedOperation, NameResolver } from '../kit/names.js';
import { componentOf, inlineRefs, sharedComponents } from '../kit/schema.js';
import type { LoadedSpec } from '../load.js';
import type { GeneratedFiles } from '../target.js';
import type { JsonSchema } from '../types.js';

const DROP = (key: string) => key === 'description' || (key.startsWith('x-') && key !== 'x-amzn-timestamp-format');

/**
 * The schemas the data synthesiser and messages read: every `$ref` inlined
 * and documentation dropped, except refs to the shared components
 * ({@link sharedComponents}: a `$ref` DAG or a cycle), which the module
 * declares once as constants and `code` refers to by name, so the output
 * stays linear in the spec. The runtime then walks one object graph.
 */
function dataSchemas(spec: LoadedSpec) {
  const components = spec.bundled.components?.schemas ?? {};
  const keep = sharedComponents(components);
  const inline = (schema: unknown) => inlineRefs(schema, components, { cycle: 'empty', keep, drop: DROP });
  const declared = new Map<string, string>();
  const declaring = new Set<string>();
  const declarations: string[] = [];
  /** JSON, but a kept ref becomes its constant (declared first), or `{}` on a cycle (as inlining cuts one). */
  const code = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(code).join(',')}]`;
    if (!value || typeof value !== 'object') return json(value);
    const target = componentOf((value as { $ref?: unknown }).$ref);
    const kept = target !== undefined && keep.has(target);
    const rest = Object.entries(value).filter(([k]) => !(kept && k === '$ref'));
    const body = `{${rest.map(([k, v]) => `${json(k)}:${code(v)}`).join(',')}}`;
    if (!kept) return body;
    const shared = declare(target);
    if (shared === undefined) return body;
    return rest.length ? `{...${shared},${body.slice(1, -1)}}` : shared;
  };
  const declare = (name: string): string | undefined => {
    const known = declared.get(name);
    if (known !== undefined || declaring.has(name)) return known;
    declaring.add(name);
    const text = code(inline(components[name]));
    const id = `schema${declared.size}`;
    declared.set(name, id);
    declarations.push(
      `${doc(`The schema ${name}, shared by the schemas that refer to it.`)}const ${id}: OperationDefinition['outputSchema'] = ${text};`,
    );
    return id;
  };
  return {
    /** `schema` for the synthesiser, as code: JSON when nothing in it is shared. */
    code: (schema: JsonSchema | undefined) => (schema ? code(inline(schema)) : '{}'),
    object: (properties: [string, JsonSchema | undefined][], required: string[]) =>
      `{"type":"object","properties":{${properties.map(([k, v]) => `${json(k)}:${v ? code(inline(v)) : '{}'}`).join(',')}},"required":${json(required)}}`,
    declarations,
  };
}

/** The spec's server URLs with their variables at their defaults: the origins the mocks answer by default. */
function serverUrls(spec: LoadedSpec): string[] {
  const servers = (spec.bundled.servers ?? []) as { url: string; variables?: Record<string, { default?: string }> }[];
  return servers
    .map((s) => s.url.replace(/\{([^}]+)\}/g, (_, name: string) => s.variables?.[name]?.default ?? name))
    .filter((url) => /^https?:\/\//.test(url));
}

function mockModule(spec: LoadedSpec, names: NameResolver): string {
  const method = (op: NamedOperation) => names.client.operation(op).method;
  const servers = serverUrls(spec);
  const data = dataSchemas(spec);
  const blocks = spec.operations.map((op) => {
    const { input, output } = names.validation.operation(op);
    const inputSchema = data.object(
      op.members.map((m) => [m.name, m.schema]),
      op.members.filter((m) => m.required).map((m) => m.name),
    );
    const errors = Object.fromEntries(
      op.errors
        .filter((e) => e.errorCode)
        .map((e) => [
          e.errorCode as string,
          { status: e.status, ...(e.example !== undefined ? { example: e.example } : {}) },
        ]),
    );
    return `${doc(`Mocks of ${op.operationId}: \`${op.method.toUpperCase()} ${op.path}\`.`)}const ${names.mocks.definition(op)}: OperationDefinition = {
  name: ${q(method(op))},
  operation: operations.${method(op)},
  input: validators.${input.legacy},
  output: validators.${output.legacy},
  servers: ${json(servers)},
  inputSchema: ${inputSchema},
  example: ${json(op.success.example ?? null)},
  outputSchema: ${data.code(op.success.schema)},
  errors: ${json(errors)},
};
`;
  });
  // the success body (operations without one have no seed)
  const bodyType = (op: LoadedSpec['operations'][number]) =>
    `NonNullable<paths[${q(op.path)}][${q(op.method)}]['responses'][${op.success.status}]['content']>[${q(op.success.contentType ?? 'application/json')}]`;
  // what reply() takes: the body, plus the output members the spec maps to headers (sent as headers)
  const outputType = (op: LoadedSpec['operations'][number]) =>
    op.success.contentType === undefined
      ? `NoBody<OperationTypes[${q(method(op))}]['output']>`
      : `ReplyBody<${bodyType(op)}, OperationTypes[${q(method(op))}]['output']>`;
  const types = spec.operations
    .map(
      (op) =>
        `  ${method(op)}: OperationMock<OperationTypes[${q(method(op))}]['input'], ${outputType(op)}, ${
          op.errors.map((e) => q(e.errorCode ?? '')).join(' | ') || 'never'
        }>;`,
    )
    .join('\n');
  const noBody = spec.operations.some((op) => op.success.contentType === undefined);
  const withBody = spec.operations.some((op) => op.success.contentType !== undefined);
  // one seed shape per operation with path members: those members (exact names) and that operation's output
  const seeds = spec.operations
    .filter((op) => op.success.contentType !== undefined && op.members.some((m) => m.location === 'path'))
    .map((op) => {
      const names = op.members.filter((m) => m.location === 'path').map((m) => q(m.name));
      return `  | { path: Required<Pick<OperationTypes[${q(method(op))}]['input'], ${names.join(' | ')}>>; body: ${bodyType(op)} }`;
    });
  return `${generatedHeader()}import { type OperationTypes, operations, type paths } from '@chime-api/client/core';
import { validators } from '@chime-api/validation';
import { type ChimeMocksOptions, createMocks, type MocksBase, ${noBody ? 'type NoBody, ' : ''}type OperationDefinition, type OperationMock${withBody ? ', type ReplyBody' : ''} } from './runtime.js';

${data.declarations.map((d) => `${d}\n`).join('')}${blocks.join('\n')}
/**
 * One resource of the store's seed: the path members of an operation (their
 * exact names) and a body of that operation's response, checked against the
 * spec when the mocks are created.
 */
export type ChimeStoreSeed =
${seeds.length ? seeds.join('\n') : '  never'};

/** Every operation's definition, in the spec's order. */
export const definitions: readonly OperationDefinition[] = [${spec.operations.map(names.mocks.definition).join(', ')}];

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
export function createChimeMocks(options: ChimeMocksOptions<ChimeStoreSeed> = {}): ChimeMocks {
  return createMocks(definitions, options) as unknown as ChimeMocks;
}
`;
}

/** Generates the mocks' handler module from the loaded spec. */
export async function mocks(spec: LoadedSpec, names: NameResolver = spec.names): Promise<GeneratedFiles> {
  return { files: { 'handlers.gen.ts': mockModule(spec, names) } };
}
