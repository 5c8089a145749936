/**
 * Paginators, as AWS SDK v3's `paginateListUsers`: an async iterable of pages
 * that follows the operation's output token into its input token. The
 * generated `paginate<Operation>(client, input, options)` functions call this
 * with their operation's spec constant.
 */
import type { CallOptions, ChimeBaseClient } from './core.js';
import { ChimeClientError } from './exceptions.js';
import type { OperationSpec } from './operation-table.js';

export interface PaginateOptions extends CallOptions {
  /** Results per page: sent as the operation's limit member (`MaxResults`) on every request. */
  pageSize?: number;
}

/**
 * Yields each page (the operation's whole output, `$metadata` included) until
 * the service sends no token or an empty one. A token the service already sent
 * (or the one the caller started from) ends the iteration with a
 * `ChimeClientError` (`InvalidResponse`) instead of an endless loop.
 *
 * @example
 * for await (const page of paginateListUsers(chime, { AccountId: 'a1' }, { pageSize: 50 })) {
 *   for (const user of page.Users ?? []) console.log(user.UserId);
 * }
 */
export async function* paginate(
  client: ChimeBaseClient,
  operation: OperationSpec,
  input: object,
  options: PaginateOptions = {},
): AsyncGenerator<object, void, undefined> {
  const { paginator, operationId } = operation;
  if (!paginator) {
    throw new ChimeClientError(`${operationId} does not page: its spec has no x-amzn-paginator.`, 'InvalidInput');
  }
  const { pageSize, ...callOptions } = options;
  const { inputToken, outputToken, limitKey } = paginator;
  const limit = pageSize !== undefined && limitKey ? { [limitKey]: pageSize } : {};
  let token = (input as Record<string, unknown>)[inputToken];
  const seen = new Set<unknown>(token === undefined || token === '' ? [] : [token]);
  for (let pages = 1; ; pages++) {
    const page = await client.send(operation, { ...input, ...limit, [inputToken]: token }, callOptions);
    yield page;
    const next = (page as Record<string, unknown>)[outputToken];
    if (next === undefined || next === null || next === '') return;
    if (seen.has(next)) {
      // the token itself is not printed: it is opaque and may be sensitive
      throw new ChimeClientError(
        `${operationId}: page ${pages} came back with a ${outputToken} the service had already sent; stopping rather than fetching the same pages forever. Check the server's pagination (a mock or proxy that ignores ${inputToken}?).`,
        'InvalidResponse',
      );
    }
    seen.add(next);
    token = next;
  }
}
