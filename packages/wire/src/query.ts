/**
 * The literal query: what the spec writes after `#` in a path key
 * (`/users/{userId}#operation=logout`), since OpenAPI allows one operation per
 * method and path. A request carries it first in its query; a request is for
 * the operation only when it carries every one of its pairs.
 */

/** The literal query's pairs, decoded: `operation=archive&scope=all` → `[['operation', 'archive'], ['scope', 'all']]`. */
export const literalPairs = (query: string | undefined): [key: string, value: string][] =>
  query ? [...new URLSearchParams(query)] : [];

/** True when `params` carries every pair (a repeated key may carry the value among others). */
export const carriesPairs = (pairs: readonly (readonly [string, string])[], params: URLSearchParams): boolean =>
  pairs.every(([key, value]) => params.getAll(key).includes(value));
