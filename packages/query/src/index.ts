/**
 * @chime-api/query: TanStack Query options generated from the Chime spec.
 * Framework-agnostic (typed on `@tanstack/query-core`): React, Vue, Solid,
 * Svelte and Angular adapters take the objects as they are.
 *
 * @example
 * import { createChimeClient } from '@chime-api/client';
 * import { updateUserMutationOptions } from '@chime-api/query';
 * const chime = createChimeClient({ endpoint: '/api/chime' });
 * const mutation = useMutation(updateUserMutationOptions(chime));
 */
export * from './queries.gen.js';
export {
  type ChimeInfiniteQueryKey,
  type ChimeInfiniteQueryOptions,
  type ChimeInfiniteQueryOverrides,
  type ChimeMutationOptions,
  type ChimeMutationOverrides,
  type ChimeQueryKey,
  type ChimeQueryOptions,
  type ChimeQueryOverrides,
  type OperationKey,
  operationKey,
} from './runtime.js';
