/**
 * The literal query: what the spec writes after `#` in a path key
 * (`/users/{userId}#operation=logout`), since OpenAPI allows one operation per
 * method and path. A request carries it first in its query; a request is for
 * the operation only when it carries every one of its pairs.
 */

/**
 * A path key split at its `#`: the path template and the literal query
 * (`/items/{itemId}#operation=archive` → `['/items/{itemId}', 'operation=archive']`;
 * `''` when there is none). The one place the split is written: the
 * generator, the model importer and the SDK's URLs all take it from here.
 */
export function splitPathKey(key: string): [template: string, literal: string] {
  const hash = key.indexOf('#');
  return hash < 0 ? [key, ''] : [key.slice(0, hash), key.slice(hash + 1)];
}

/** The literal query's pairs, decoded: `operation=archive&scope=all` → `[['operation', 'archive'], ['scope', 'all']]`. */
export const literalPairs = (query: string | undefined): [key: string, value: string][] =>
  query ? [...new URLSearchParams(query)] : [];

/** True when `params` carries every pair (a repeated key may carry the value among others). */
export const carriesPairs = (pairs: readonly (readonly [string, string])[], params: URLSearchParams): boolean =>
  pairs.every(([key, value]) => params.getAll(key).includes(value));
