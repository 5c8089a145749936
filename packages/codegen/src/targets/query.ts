/**
 * The @chime-api/query target, into packages/query/src/:
 *   queries.gen.ts  per read `<op>QueryOptions` (and, when it pages,
 *                   `<op>InfiniteQueryOptions`), per write `<op>MutationOptions`,
 *                   and `chimeQueryKeys`, one key factory for them all
 * Reads are GETs and operations marked `x-chime-query: true`; a write's
 * `x-chime-invalidates` lists the reads its success makes stale. Every value
 * calls the client's standalone function of its operation, so a bundle keeps
 * the operations it uses only. Generic over the spec: nothing here names an operation.
 */
import { doc, generatedHeader, q } from '../kit/emit.js';
import type { NameResolver } from '../kit/names.js';
import { checkValueNames, QUERY_RESERVED_VALUES } from '../kit/naming.js';
import type { LoadedSpec } from '../load.js';
import type { Operation } from '../operations.js';
import type { GeneratedFiles } from '../target.js';

/** The client entry the generated module imports (a namespace import: no operation name can clash with ours). */
const CLIENT = '@chime-api/client/core';

/** True when every member of the input may be left out: the factories then default the input to `{}`. */
const inputOptional = (op: Operation) => op.members.every((m) => !m.required || m.idempotencyToken);

/** The client's types of `op`, through the module's `api` namespace import. */
function types(op: Operation, names: NameResolver) {
  const { input, output, error } = names.client.operation(op);
  return { I: `api.${input}`, O: `api.${output}`, E: `api.${error}` };
}

function readOptions(op: Operation, names: NameResolver): string {
  const { I, O, E } = types(op, names);
  const { operationId } = op;
  const name = names.client.operation(op).method;
  const { queryOptions, infiniteQueryOptions } = names.query.operation(op);
  const input = inputOptional(op) ? `input: ${I} = {}` : `input: ${I}`;
  const key = `readonly ['chime', ${q(name)}, ${I}]`;
  let out = `${doc(`Query options of ${operationId} (\`useQuery(${queryOptions}(chime, input))\`, \`queryClient.fetchQuery(...)\`): key \`chimeQueryKeys.${name}(input)\`, the query's \`signal\` passed to the client, \`retry: false\` (the client retries). \`overrides\` (\`staleTime\`, \`select\`, \`enabled\`, ...) win.`, '', op.deprecated)}export function ${queryOptions}<TData = ${O}>(client: api.ChimeBaseClient, ${input}, overrides?: ChimeQueryOverrides<${O}, ${E}, TData, ${key}>): ChimeQueryOptions<${q(name)}, ${I}, ${O}, ${E}, TData> {
  return queryOptionsFor(${q(name)}, input, (options) => api.${name}(client, input, options), overrides);
}

`;
  if (op.paginator) {
    const { inputToken, outputToken } = op.paginator;
    const Token = `${I}[${q(inputToken)}]`;
    const infiniteKey = `readonly ['chime', ${q(name)}, ${I}, 'infinite']`;
    out += `${doc(`Infinite query options of ${operationId} (\`useInfiniteQuery(${infiniteQueryOptions}(chime, input))\`): each page sends \`${inputToken}\` from the previous page's \`${outputToken}\`, until the service sends none; key \`[...chimeQueryKeys.${name}(input), 'infinite']\`.`, '', op.deprecated)}export function ${infiniteQueryOptions}<TData = InfiniteData<${O}, ${Token}>>(client: api.ChimeBaseClient, ${input}, overrides?: ChimeInfiniteQueryOverrides<${O}, ${E}, TData, ${infiniteKey}, ${Token}>): ChimeInfiniteQueryOptions<${q(name)}, ${I}, ${O}, ${E}, ${Token}, TData> {
  return infiniteQueryOptionsFor(${q(name)}, input, (page, options) => api.${name}(client, page, options), { inputToken: ${q(inputToken)}, outputToken: ${q(outputToken)} }, overrides);
}

`;
  }
  return out;
}

function writeOptions(op: Operation, byId: ReadonlyMap<string, Operation>, names: NameResolver): string {
  const { I, O, E } = types(op, names);
  const { operationId } = op;
  const { method: name, error } = names.client.operation(op);
  const { mutationOptions } = names.query.operation(op);
  const reads = op.invalidates.map((id) => {
    const target = byId.get(id);
    return target ? names.query.operation(target).key : id;
  });
  const invalidation = reads.length
    ? `On success it invalidates every query of ${reads.map((r) => `\`${r}\``).join(', ')} (the spec's \`x-chime-invalidates\`), after the caller's own \`onSuccess\`.`
    : 'It invalidates no query (the spec lists none in `x-chime-invalidates`): invalidate in your `onSuccess` what it changes.';
  return `${doc(`Mutation options of ${operationId} (\`useMutation(${mutationOptions}(chime))\`): key \`chimeQueryKeys.${name}()\`, \`retry: false\` (the client retries). ${invalidation} \`error\` is \`${error}\`.`, '', op.deprecated)}export function ${mutationOptions}<TOnMutateResult = unknown>(client: api.ChimeBaseClient, overrides?: ChimeMutationOverrides<${O}, ${E}, ${I}, TOnMutateResult>): ChimeMutationOptions<${q(name)}, ${O}, ${E}, ${I}, TOnMutateResult> {
  return mutationOptionsFor(${q(name)}, (input: ${I}) => api.${name}(client, input), [${reads.map(q).join(', ')}], overrides);
}

`;
}

function keysModule(operations: readonly Operation[], names: NameResolver): string {
  const entries = operations
    .map((op) => {
      const { I, O, E } = types(op, names);
      const { key } = names.query.operation(op);
      return `  ${key}: /*#__PURE__*/ operationKey<${q(key)}, ${I}, ${O}, ${E}>(${q(key)}),\n`;
    })
    .join('');
  return `${doc("Every key this package makes, one hierarchy: `chimeQueryKeys.all` (`['chime']`) is the prefix of them all; `chimeQueryKeys.<operation>()` of that operation's queries (and its mutation's key); `chimeQueryKeys.<operation>(input)` is one query's key, typed with its data and error.")}export const chimeQueryKeys = {
  all: [ROOT] as const,
${entries}};
`;
}

function queriesModule(spec: LoadedSpec, names: NameResolver): string {
  const operations = spec.operations;
  checkValueNames(
    'query',
    QUERY_RESERVED_VALUES,
    operations,
    (op) => names.query.operation(op).values,
    'the query module',
  );
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const reads = operations.filter((op) => op.read);
  const writes = operations.filter((op) => !op.read);
  const pages = reads.some((op) => op.paginator);
  const runtime = [
    ...(reads.length ? ['type ChimeQueryOptions', 'type ChimeQueryOverrides'] : []),
    ...(pages ? ['type ChimeInfiniteQueryOptions', 'type ChimeInfiniteQueryOverrides', 'infiniteQueryOptionsFor'] : []),
    ...(writes.length ? ['type ChimeMutationOptions', 'type ChimeMutationOverrides', 'mutationOptionsFor'] : []),
    'operationKey',
    ...(reads.length ? ['queryOptionsFor'] : []),
    'ROOT',
  ];
  return `${generatedHeader()}import * as api from ${q(CLIENT)};
${pages ? "import type { InfiniteData } from '@tanstack/query-core';\n" : ''}import { ${runtime.join(', ')} } from './runtime.js';

${reads.map((op) => readOptions(op, names)).join('')}${writes.map((op) => writeOptions(op, byId, names)).join('')}${keysModule(operations, names)}`;
}

/** Generates the query package's module from the loaded spec. */
export async function query(spec: LoadedSpec, names: NameResolver = spec.names): Promise<GeneratedFiles> {
  return { files: { 'queries.gen.ts': queriesModule(spec, names) } };
}
