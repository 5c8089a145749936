/**
 * Runs compiled patterns (regexp-program.ts) in time linear in the input: a
 * Thompson NFA simulated Pike-style, each program state visited at most once
 * per input position, no backtracking. JavaScript's own RegExp backtracks:
 * `^(a|a)*$` against 35 characters takes minutes, and validators see hostile
 * input. Every pattern goes through here, whatever the input's length.
 *
 * This module is what generated validators import: it holds no parser.
 */
import { type Instruction, OP_CHAR, OP_END, OP_JUMP, OP_SPLIT, OP_START } from './regexp-opcodes.js';
import type { CharSet, CompiledPattern } from './regexp-program.js';

/** A compiled pattern with RegExp's `test` (an unanchored search), linear in the input's length. */
export interface LinearRegExp {
  readonly source: string;
  test(input: string): boolean;
  /** `/source/flags`, as RegExp prints (Ajv keys compiled patterns by it). */
  toString(): string;
}

/** What a run did, for tests that bound the work: `steps` counts state visits. */
export interface RunStats {
  steps: number;
}

function inSet(set: readonly number[], cp: number): boolean {
  for (let i = 0; i < set.length; i += 2) {
    if (cp < (set[i] as number)) return false;
    if (cp <= (set[i + 1] as number)) return true;
  }
  return false;
}

/** State visits made by {@link closure} so far (runProgram reports its share as `stats.steps`). */
let visits = 0;

/**
 * Adds to `list` every character step (and, when `atEnd` is unknown, every
 * `$` step) reachable from `start` without reading a character; true when a
 * match is reached. A state whose `mark` already holds `stamp` is skipped, so
 * each state is visited once per stamp. `^` passes when `atStart`, `$` when `atEnd`.
 */
export function closure(
  program: readonly Instruction[],
  start: number,
  mark: Int32Array,
  stamp: number,
  atStart: boolean,
  atEnd: boolean | undefined,
  list: number[],
): boolean {
  const stack = [start];
  while (stack.length > 0) {
    const pc = stack.pop() as number;
    if (mark[pc] === stamp) continue;
    mark[pc] = stamp;
    visits++;
    const inst = program[pc] as number[];
    switch (inst[0]) {
      case OP_CHAR:
        list.push(pc);
        break;
      case OP_SPLIT:
        stack.push(inst[2] as number, inst[1] as number);
        break;
      case OP_JUMP:
        stack.push(inst[1] as number);
        break;
      case OP_START:
        if (atStart) stack.push(pc + 1);
        break;
      case OP_END:
        if (atEnd) stack.push(pc + 1);
        else if (atEnd === undefined) list.push(pc);
        break;
      default:
        return true;
    }
  }
  return false;
}

/**
 * True when `program` matches somewhere in `input`. Work is at most
 * (input code points + 1) × (program length) state visits, plus one look at
 * each live thread per character; `stats` receives the count.
 */
export function runProgram({ program, sets }: CompiledPattern, input: string, stats?: RunStats): boolean {
  const mark = new Int32Array(program.length).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  let looks = 0;
  const before = visits;
  let pos = 0; // index of the current code point, in code points: the stamp of its closures
  let at = 0; // the same position in UTF-16 units
  const end = input.length;
  const add = (list: number[], start: number) => closure(program, start, mark, pos, at === 0, at === end, list);
  let matched = false;
  for (;;) {
    // unanchored: a thread may start at every position
    if (add(current, 0)) {
      matched = true;
      break;
    }
    if (at === end) break;
    const cp = input.codePointAt(at) as number;
    at += cp > 0xffff ? 2 : 1;
    pos++;
    next.length = 0;
    for (const pc of current) {
      looks++;
      if (inSet(sets[(program[pc] as number[])[1] as number] as CharSet, cp) && add(next, pc + 1)) {
        matched = true;
        break;
      }
    }
    if (matched) break;
    [current, next] = [next, current];
  }
  if (stats) stats.steps = visits - before + looks;
  return matched;
}

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

/** A pattern that searches for any character of `set` (`.*\S.*`): a single loop (what validators call for such patterns). */
export function anyOfPattern(pattern: string, flags: string, set: readonly number[]): LinearRegExp {
  return { source: pattern, toString: () => `/${pattern}/${flags}`, test: (input) => containsAny(input, set) };
}

/**
 * A pattern's DFA for the unanchored search (built at generate time): the
 * character classes start at `edges`; `table[state * edges.length + class]` is
 * the next state (-1: no match can follow); `accept[state]` is 1 when a match
 * is certain (such a state leads only to itself), 2 when there is one if the
 * input ends there. State 0 is the start.
 */
export interface Dfa {
  edges: number[];
  table: number[];
  accept: number[];
}

/**
 * A {@link Dfa} ready to run: typed arrays, -1 turned into a dead state that
 * leads to itself, and each state's next state for every ASCII code point, so
 * that the loop reads one number per ASCII character and tests nothing.
 */
interface ReadyDfa {
  edges: Int32Array;
  table: Int32Array;
  accept: Uint8Array;
  /** `ascii[state * 128 + cp]`: the next state on an ASCII code point, without looking its class up. */
  ascii: Int32Array;
}

function ready({ edges, table, accept }: Dfa): ReadyDfa {
  const dead = accept.length;
  const classes = edges.length;
  const full = Int32Array.from(table, (next) => (next < 0 ? dead : next));
  const withDead = new Int32Array(full.length + classes).fill(dead);
  withDead.set(full);
  const ascii = new Int32Array((dead + 1) * 128);
  for (let cp = 0, c = 0; cp < 128; cp++) {
    while (c + 1 < classes && (edges[c + 1] as number) <= cp) c++;
    for (let state = 0; state <= dead; state++) ascii[state * 128 + cp] = withDead[state * classes + c] as number;
  }
  return { edges: Int32Array.from(edges), table: withDead, accept: Uint8Array.from([...accept, 0]), ascii };
}

function run({ edges, table, accept, ascii }: ReadyDfa, input: string): boolean {
  const classes = edges.length;
  const n = input.length;
  let state = 0;
  for (let i = 0; i < n; i++) {
    let cp = input.charCodeAt(i);
    if (cp < 128) {
      state = ascii[(state << 7) | cp] as number;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    // the class: the last edge at or below cp
    let lo = 0;
    let hi = classes - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((edges[mid] as number) <= cp) lo = mid;
      else hi = mid - 1;
    }
    state = table[state * classes + lo] as number;
  }
  return accept[state] !== 0;
}

/** True when `dfa` matches somewhere in `input`: one table lookup per character. */
export function runDfa(dfa: Dfa, input: string): boolean {
  return run(ready(dfa), input);
}

/** A pattern from its DFA (what generated validators call when the DFA is small). */
export function dfaPattern(pattern: string, flags: string, dfa: Dfa): LinearRegExp {
  const prepared = ready(dfa);
  return { source: pattern, toString: () => `/${pattern}/${flags}`, test: (input) => run(prepared, input) };
}

/** A pattern from its program (what generated validators call). */
export function linearPattern(pattern: string, flags: string, compiled: CompiledPattern): LinearRegExp {
  return { source: pattern, toString: () => `/${pattern}/${flags}`, test: (input) => runProgram(compiled, input) };
}
