/**
 * `linearRegExp`: compile a pattern string at run time, for code that holds
 * one (a mock that makes up values). Generated validators never import this
 * module: their patterns were compiled at generate time, so a bundle of
 * validators carries neither the compiler nor its parser.
 */
import { anyOfPattern, type LinearRegExp, linearPattern } from './linear-regexp.js';
import { compilePattern, singleSetOf } from './regexp-program.js';

/**
 * Compiles and wraps `pattern` (ECMAScript syntax, an unanchored search like
 * `RegExp#test`). Throws a `PatternError` when JavaScript rejects the pattern
 * or when it needs backtracking (backreferences, lookaround, `\b`).
 *
 * @example linearRegExp('^(a|aa)*$').test('a'.repeat(100_000) + 'b') // false, in milliseconds
 */
export function linearRegExp(pattern: string, flags = 'u'): LinearRegExp {
  const key = `${flags}/${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const program = compilePattern(pattern, flags);
    const set = singleSetOf(program);
    compiled = set ? anyOfPattern(pattern, flags, set) : linearPattern(pattern, flags, program);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** Compiled patterns by flags and source: callers (a mock making up values per request) ask for the same few again and again. */
const cache = new Map<string, LinearRegExp>();
const MAX_CACHED = 256;
