/**
 * Runs patterns in time linear in the input (a Thompson NFA simulated
 * Pike-style, no backtracking). JavaScript's own RegExp backtracks: `.*\\S.*`
 * against 100,000 spaces takes billions of steps, and validators see hostile
 * input. Programs are compiled at generate time (regexp-program.ts), so the
 * generated validators carry data, not a parser.
 */
import { type CompiledPattern, compilePattern } from './regexp-program.js';

/** A compiled pattern with RegExp's `test`, linear in the input's length. */
export interface LinearRegExp {
  readonly source: string;
  /**
   * What answers inputs of up to {@link SHORT_INPUT} characters faster than the
   * NFA (undefined when nothing does): a plain loop for "contains a character
   * of this set" patterns (`.*\\S.*`), else the native RegExp of a tame
   * pattern. Generated validators call it inline.
   */
  readonly native: { test(input: string): boolean } | undefined;
  test(input: string): boolean;
  /** `/source/flags`, as RegExp prints (Ajv keys compiled patterns by it). */
  toString(): string;
}

/** Inputs up to this many UTF-16 units may go to the native engine (when the pattern is tame). */
export const SHORT_INPUT = 64;

function inSet(set: readonly number[], cp: number): boolean {
  for (let i = 0; i < set.length; i += 2) {
    if (cp < (set[i] as number)) return false;
    if (cp <= (set[i + 1] as number)) return true;
  }
  return false;
}

function run({ program, sets }: CompiledPattern, input: string): boolean {
  const cps = Array.from(input, (ch) => ch.codePointAt(0) as number);
  const n = cps.length;
  const mark = new Int32Array(program.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  // adds pc and every state reachable from it without reading a char; true on a match
  const add = (list: number[], start: number, pos: number): boolean => {
    const stack = [start];
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (mark[pc] === pos) continue;
      mark[pc] = pos;
      const inst = program[pc] as number[];
      switch (inst[0]) {
        case 0:
          list.push(pc);
          break;
        case 1:
          stack.push(inst[2] as number, inst[1] as number);
          break;
        case 2:
          stack.push(inst[1] as number);
          break;
        case 3:
          if (pos === 0) stack.push(pc + 1);
          break;
        case 4:
          if (pos === n) stack.push(pc + 1);
          break;
        default:
          return true;
      }
    }
    return false;
  };
  for (let pos = 0; pos <= n; pos++) {
    if (add(current, 0, pos)) return true; // unanchored: a thread may start anywhere
    if (pos === n) break;
    const cp = cps[pos] as number;
    next.length = 0;
    for (const pc of current) {
      if (inSet(sets[(program[pc] as number[])[1] as number] as number[], cp) && add(next, pc + 1, pos + 1))
        return true;
    }
    [current, next] = [next, current];
  }
  return false;
}

function nativeOrUndefined(pattern: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined; // e.g. identity escapes like `\\:` that the `u` flag refuses
  }
}

/**
 * A pattern from its program (what generated validators call). Short inputs
 * bound any backtracking, so a tame pattern lets the native engine, faster on
 * them, answer inputs of up to {@link SHORT_INPUT} characters.
 */
/** True when `input` holds a code point of `set`: one pass, no regular expression. */
function containsAny(input: string, set: readonly number[]): boolean {
  for (let i = 0; i < input.length; i++) {
    let cp = input.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < input.length) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (inSet(set, cp)) return true;
  }
  return false;
}

/** A pattern's fast path (see {@link LinearRegExp.native}), as a call bundlers may drop with its pattern. */
export function nativeOf(pattern: LinearRegExp): LinearRegExp['native'] {
  return pattern.native;
}

/** The set a program searches for when it is one character step then a match (`.*\\S.*`), else undefined. */
export function singleSetOf(compiled: CompiledPattern): number[] | undefined {
  const [first, second] = compiled.program;
  return compiled.program.length === 2 && first?.[0] === 0 && second?.[0] === 5 ? compiled.sets[first[1]] : undefined;
}

/** A pattern that searches for any character of `set`: a single loop, for any length (what validators call for such patterns). */
export function anyOfPattern(pattern: string, flags: string, set: readonly number[]): LinearRegExp {
  const scan = { test: (input: string) => containsAny(input, set) };
  return { source: pattern, native: scan, toString: () => `/${pattern}/${flags}`, test: scan.test };
}

export function linearPattern(pattern: string, flags: string, compiled: CompiledPattern): LinearRegExp {
  const set = singleSetOf(compiled);
  if (set) return anyOfPattern(pattern, flags, set);
  const native = compiled.tame ? nativeOrUndefined(compiled.source, flags) : undefined;
  return {
    source: pattern,
    native,
    toString: () => `/${pattern}/${flags}`,
    test: native
      ? (input) => (input.length <= SHORT_INPUT ? native.test(input) : run(compiled, input))
      : (input) => run(compiled, input),
  };
}

/**
 * Compiles and wraps `pattern` (ECMAScript syntax, unanchored search like
 * `RegExp#test`). Throws a SyntaxError for syntax it cannot run in linear time.
 *
 * @example linearRegExp('.*\\S.*').test(' '.repeat(1e6)) // false, in milliseconds
 */
export function linearRegExp(pattern: string, flags = 'u'): LinearRegExp {
  return linearPattern(pattern, flags, compilePattern(pattern));
}
