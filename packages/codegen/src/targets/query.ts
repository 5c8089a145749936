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
import type { LoadedSpec } from '../load.js';
import type { Operation } from '../operations.js';
import type { GeneratedFiles } from '../target.js';

/** The client entry the generated module imports (a namespace import: no operation name can clash with ours). */
const CLIENT = '@chime-api/client/core';

/** The values each operation adds, checked for clashes (`ListUsersInfinite`'s query options and `ListUsers`' infinite ones). */
function valueNames(op: Operation): string[] {
  if (!op.read) return [`${op.name}MutationOptions`];
  return [`${op.name}QueryOptions`, ...(op.paginator ? [`${op.name}InfiniteQueryOptions`] : [])];
}

function checkValueNames(operations: readonly Operation[]): void {
  const owner = new Map<string, string>([['chimeQueryKeys', 'the query module']]);
  for (const op of operations) {
    for (const value of valueNames(op)) {
      const other = owner.get(value);
      if (other) {
        throw new Error(
          `query target: operation ${op.operationId} would declare \`${value}\`, which ${other} already declares; rename one operationId.`,
        );
      }
      owner.set(value, `operation ${op.operationId}`);
    }
  }
}

/** True when every member of the input may be left out: the factories then default the input to `{}`. */
const inputOptional = (op: Operation) => op.members.every((m) => !m.required || m.idempotencyToken);

function types(op: Operation) {
  const T = op.typeName;
  return { I: `api.${T}Input`, O: `api.${T}Output`, E: `api.${T}Error` };
}

function readOptions(op: Operation): string {
  const { I, O, E } = types(op);
  const { name, operationId } = op;
  const input = inputOptional(op) ? `input: ${I} = {}` : `input: ${I}`;
  const key = `readonly ['chime', ${q(name)}, ${I}]`;
  let out = `${doc(`Query options of ${operationId} (\`useQuery(${name}QueryOptions(chime, input))\`, \`queryClient.fetchQuery(...)\`): key \`chimeQueryKeys.${name}(input)\`, the query's \`signal\` passed to the client, \`retry: false\` (the client retries). \`overrides\` (\`staleTime\`, \`select\`, \`enabled\`, ...) win.`, '', op.deprecated)}export function ${name}QueryOptions<TData = ${O}>(client: api.ChimeBaseClient, ${input}, overrides?: ChimeQueryOverrides<${O}, ${E}, TData, ${key}>): ChimeQueryOptions<${q(name)}, ${I}, ${O}, ${E}, TData> {
  return queryOptionsFor(${q(name)}, input, (options) => api.${name}(client, input, options), overrides);
}

`;
  if (op.paginator) {
    const { inputToken, outputToken } = op.paginator;
    const Token = `${I}[${q(inputToken)}]`;
    const infiniteKey = `readonly ['chime', ${q(name)}, ${I}, 'infinite']`;
    out += `${doc(`Infinite query options of ${operationId} (\`useInfiniteQuery(${name}InfiniteQueryOptions(chime, input))\`): each page sends \`${inputToken}\` from the previous page's \`${outputToken}\`, until the service sends none; key \`[...chimeQueryKeys.${name}(input), 'infinite']\`.`, '', op.deprecated)}export function ${name}InfiniteQueryOptions<TData = InfiniteData<${O}, ${Token}>>(client: api.ChimeBaseClient, ${input}, overrides?: ChimeInfiniteQueryOverrides<${O}, ${E}, TData, ${infiniteKey}, ${Token}>): ChimeInfiniteQueryOptions<${q(name)}, ${I}, ${O}, ${E}, ${Token}, TData> {
  return infiniteQueryOptionsFor(${q(name)}, input, (page, options) => api.${name}(client, page, options), { inputToken: ${q(inputToken)}, outputToken: ${q(outputToken)} }, overrides);
}

`;
  }
  return out;
}

function writeOptions(op: Operation, byId: ReadonlyMap<string, Operation>): string {
  const { I, O, E } = types(op);
  const { name, operationId } = op;
  const reads = op.invalidates.map((id) => byId.get(id)?.name ?? id);
  const invalidation = reads.length
    ? `On success it invalidates every query of ${reads.map((r) => `\`${r}\``).join(', ')} (the spec's \`x-chime-invalidates\`), after the caller's own \`onSuccess\`.`
    : 'It invalidates no query (the spec lists none in `x-chime-invalidates`): invalidate in your `onSuccess` what it changes.';
  return `${doc(`Mutation options of ${operationId} (\`useMutation(${name}MutationOptions(chime))\`): key \`chimeQueryKeys.${name}()\`, \`retry: false\` (the client retries). ${invalidation} \`error\` is \`${op.typeName}Error\`.`, '', op.deprecated)}export function ${name}MutationOptions<TOnMutateResult = unknown>(client: api.ChimeBaseClient, overrides?: ChimeMutationOverrides<${O}, ${E}, ${I}, TOnMutateResult>): ChimeMutationOptions<${q(name)}, ${O}, ${E}, ${I}, TOnMutateResult> {
  return mutationOptionsFor(${q(name)}, (input: ${I}) => api.${name}(client, input), [${reads.map(q).join(', ')}], overrides);
}

`;
}

function keysModule(operations: readonly Operation[]): string {
  const entries = operations
    .map((op) => {
      const { I, O, E } = types(op);
      return `  ${op.name}: /*#__PURE__*/ operationKey<${q(op.name)}, ${I}, ${O}, ${E}>(${q(op.name)}),\n`;
    })
    .join('');
  return `${doc("Every key this package makes, one hierarchy: `chimeQueryKeys.all` (`['chime']`) is the prefix of them all; `chimeQueryKeys.<operation>()` of that operation's queries (and its mutation's key); `chimeQueryKeys.<operation>(input)` is one query's key, typed with its data and error.")}export const chimeQueryKeys = {
  all: [ROOT] as const,
${entries}};
`;
}

function queriesModule(spec: LoadedSpec): string {
  const operations = spec.operations;
  checkValueNames(operations);
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

${reads.map(readOptions).join('')}${writes.map((op) => writeOptions(op, byId)).join('')}${keysModule(operations)}`;
}

/** Generates the query package's module from the loaded spec. */
export async function query(spec: LoadedSpec): Promise<GeneratedFiles> {
  return { files: { 'queries.gen.ts': queriesModule(spec) } };
}
