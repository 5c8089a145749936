/**
 * What every generated option factory (queries.gen.ts) shares: the key
 * layout, the three kinds of options, and how a write invalidates reads.
 * Typed on `@tanstack/query-core` only, so React, Vue, Solid, Svelte and
 * Angular adapters take the objects as they are.
 */
import type { CallOptions } from '@chime-api/client/core';
import type {
  DataTag,
  InfiniteData,
  InfiniteQueryObserverOptions,
  MutationFunction,
  MutationFunctionContext,
  MutationOptions,
  QueryFunction,
  QueryObserverOptions,
} from '@tanstack/query-core';

/** The first element of every key this package makes: `invalidateQueries({ queryKey: chimeQueryKeys.all })`. */
export const ROOT = 'chime';

/** The key of one operation's queries (`['chime', 'getUser', input]`), tagged with its data and error types. */
export type ChimeQueryKey<Name extends string, Input, Output, Error> = DataTag<
  readonly [typeof ROOT, Name, Input],
  Output,
  Error
>;

/** The key of one operation's infinite queries: its query key and `'infinite'` (the data is pages, not one output). */
export type ChimeInfiniteQueryKey<Name extends string, Input, Output, Error, Token> = DataTag<
  readonly [typeof ROOT, Name, Input, 'infinite'],
  InfiniteData<Output, Token>,
  Error
>;

/**
 * One operation's entry in `chimeQueryKeys`: with no argument, the prefix of
 * every query (and the key of every mutation) of the operation; with an input,
 * that query's key; with some members only, the prefix of every query whose
 * input has them (TanStack matches keys by prefix, objects by their members).
 */
export interface OperationKey<Name extends string, Input, Output, Error> {
  (): readonly [typeof ROOT, Name];
  (input: Input): ChimeQueryKey<Name, Input, Output, Error>;
  (input: Partial<Input>): readonly [typeof ROOT, Name, Partial<Input>];
}

/** Builds an {@link OperationKey} (the generated `chimeQueryKeys` holds one per operation). */
export function operationKey<Name extends string, Input, Output, Error>(
  name: Name,
): OperationKey<Name, Input, Output, Error> {
  const key = (input?: unknown) => (input === undefined ? [ROOT, name] : [ROOT, name, input]);
  return key as unknown as OperationKey<Name, Input, Output, Error>;
}

/** What a caller may set on top of a read's options: everything but the key and the function. */
export type ChimeQueryOverrides<Output, Error, Data, Key extends readonly unknown[]> = Omit<
  QueryObserverOptions<Output, Error, Data, Output, Key>,
  'queryKey' | 'queryFn'
>;

/** A read's options, for `useQuery`, `queryClient.fetchQuery`, `new QueryObserver` and every adapter. */
export type ChimeQueryOptions<Name extends string, Input, Output, Error, Data = Output> = QueryObserverOptions<
  Output,
  Error,
  Data,
  Output,
  readonly [typeof ROOT, Name, Input]
> & {
  queryKey: ChimeQueryKey<Name, Input, Output, Error>;
  queryFn: QueryFunction<Output, readonly [typeof ROOT, Name, Input]>;
};

/**
 * A read's options: its key, a `queryFn` that hands TanStack's `signal` to
 * the client (cancelling a query aborts its request, and any retry wait),
 * and `retry: false`: the client already retries what is worth retrying
 * (throttling, 5xx, network errors) with backoff, so TanStack's own retries
 * would multiply the requests (3 × 3). `overrides` win, `retry` included.
 */
export function queryOptionsFor<Name extends string, Input, Output, Error, Data>(
  name: Name,
  input: Input,
  call: (options: CallOptions) => Promise<Output>,
  overrides?: ChimeQueryOverrides<Output, Error, Data, readonly [typeof ROOT, Name, Input]>,
): ChimeQueryOptions<Name, Input, Output, Error, Data> {
  return {
    queryKey: [ROOT, name, input],
    queryFn: ({ signal }: { signal: AbortSignal }) => call({ signal }),
    retry: false,
    ...overrides,
  } as unknown as ChimeQueryOptions<Name, Input, Output, Error, Data>;
}

/** What a caller may set on top of an infinite read's options. */
export type ChimeInfiniteQueryOverrides<Output, Error, Data, Key extends readonly unknown[], Token> = Omit<
  InfiniteQueryObserverOptions<Output, Error, Data, Key, Token>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>;

/** An infinite read's options, for `useInfiniteQuery`, `queryClient.fetchInfiniteQuery` and every adapter. */
export type ChimeInfiniteQueryOptions<
  Name extends string,
  Input,
  Output,
  Error,
  Token,
  Data = InfiniteData<Output, Token>,
> = InfiniteQueryObserverOptions<Output, Error, Data, readonly [typeof ROOT, Name, Input, 'infinite'], Token> & {
  queryKey: ChimeInfiniteQueryKey<Name, Input, Output, Error, Token>;
  queryFn: QueryFunction<Output, readonly [typeof ROOT, Name, Input, 'infinite'], Token>;
  initialPageParam: Token;
};

/**
 * An infinite read's options from the operation's paginator: each page sends
 * `inputToken` set to the previous page's `outputToken`; the first page
 * sends the input's own token (usually none). There is no next page when the
 * service sends no token, an empty one, or one it already sent (the
 * paginators' rule: a server that hands a token round would page forever).
 */
export function infiniteQueryOptionsFor<Name extends string, Input, Output, Error, Token, Data>(
  name: Name,
  input: Input,
  call: (page: Input, options: CallOptions) => Promise<Output>,
  paginator: { inputToken: string; outputToken: string },
  overrides?: ChimeInfiniteQueryOverrides<Output, Error, Data, readonly [typeof ROOT, Name, Input, 'infinite'], Token>,
): ChimeInfiniteQueryOptions<Name, Input, Output, Error, Token, Data> {
  const { inputToken, outputToken } = paginator;
  return {
    queryKey: [ROOT, name, input, 'infinite'],
    queryFn: ({ pageParam, signal }: { pageParam: unknown; signal: AbortSignal }) =>
      call({ ...input, [inputToken]: pageParam }, { signal }),
    initialPageParam: (input as Record<string, unknown>)[inputToken],
    getNextPageParam: (last: unknown, _pages: unknown[], _param: unknown, params: unknown[]) => {
      const next = (last as Record<string, unknown>)[outputToken];
      return next === undefined || next === null || next === '' || params.includes(next) ? undefined : next;
    },
    retry: false,
    ...overrides,
  } as unknown as ChimeInfiniteQueryOptions<Name, Input, Output, Error, Token, Data>;
}

/** What a caller may set on top of a write's options: everything but the key and the function. */
export type ChimeMutationOverrides<Output, Error, Input, OnMutateResult> = Omit<
  MutationOptions<Output, Error, Input, OnMutateResult>,
  'mutationKey' | 'mutationFn'
>;

/** A write's options, for `useMutation`, `new MutationObserver` and every adapter. */
export type ChimeMutationOptions<Name extends string, Output, Error, Input, OnMutateResult = unknown> = MutationOptions<
  Output,
  Error,
  Input,
  OnMutateResult
> & {
  mutationKey: readonly [typeof ROOT, Name];
  mutationFn: MutationFunction<Output, Input>;
};

/**
 * A write's options: its key (`['chime', name]`, for `useMutationState` and
 * `isMutating`), its function, `retry: false` (the client retries), and,
 * when the spec lists reads it makes stale (`x-chime-invalidates`), an
 * `onSuccess` that runs the caller's own `onSuccess` and then invalidates
 * every query of those reads in the mutation's QueryClient, awaited: the
 * mutation settles once the active ones have refetched.
 */
export function mutationOptionsFor<Name extends string, Output, Error, Input, OnMutateResult>(
  name: Name,
  call: (input: Input) => Promise<Output>,
  invalidates: readonly string[],
  overrides: ChimeMutationOverrides<Output, Error, Input, OnMutateResult> = {},
): ChimeMutationOptions<Name, Output, Error, Input, OnMutateResult> {
  const options: ChimeMutationOptions<Name, Output, Error, Input, OnMutateResult> = {
    mutationKey: [ROOT, name],
    mutationFn: (input) => call(input),
    retry: false,
    ...overrides,
  };
  if (invalidates.length > 0) {
    const own = overrides.onSuccess;
    options.onSuccess = async (data, input, result, context: MutationFunctionContext) => {
      await own?.(data, input, result, context);
      await Promise.all(invalidates.map((read) => context.client.invalidateQueries({ queryKey: [ROOT, read] })));
    };
  }
  return options;
}
