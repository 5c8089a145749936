/**
 * Generate time: turns a compiled NFA program (src/regexp-program.ts) into a
 * DFA table for the unanchored search `RegExp#test` performs (subset
 * construction, with a restart at every position). At run time a DFA reads
 * each character once with one table lookup (src/linear-regexp.ts `runDfa`):
 * linear like the NFA, and several times faster. A pattern whose DFA would
 * exceed {@link MAX_DFA_CELLS} table cells keeps its NFA program.
 */
import { closure, type Dfa } from './linear-regexp.js';
import { OP_CHAR, OP_END } from './regexp-opcodes.js';
import type { CompiledPattern } from './regexp-program.js';

/** Table cells (states × character classes) above which the NFA program ships instead. */
export const MAX_DFA_CELLS = 4_096;

/** Class starts: every code point at which some set of the program starts or stops. */
function classStarts({ sets }: CompiledPattern): number[] {
  const edges = new Set<number>([0]);
  for (const set of sets) {
    for (let i = 0; i < set.length; i += 2) {
      edges.add(set[i] as number);
      if ((set[i + 1] as number) < 0x10ffff) edges.add((set[i + 1] as number) + 1);
    }
  }
  return [...edges].sort((a, b) => a - b);
}

const contains = (set: readonly number[], cp: number) => {
  for (let i = 0; i < set.length; i += 2) if (cp >= (set[i] as number) && cp <= (set[i + 1] as number)) return true;
  return false;
};

/** The DFA of `compiled`, or undefined when it would be larger than {@link MAX_DFA_CELLS}. */
export function toDfa(compiled: CompiledPattern): Dfa | undefined {
  const { program, sets } = compiled;
  const edges = classStarts(compiled);
  const classes = edges.length;

  const mark = new Int32Array(program.length).fill(-1);
  let stamp = 0;
  /**
   * States reachable from `starts` without reading a character: the
   * character steps and `$` steps (by pc), and whether a match is reached.
   * `^` passes only at the input's start, `$` only when `atEnd`.
   */
  const closureOf = (starts: number[], atStart: boolean, atEnd: boolean) => {
    const waiting: number[] = [];
    stamp++;
    let matched = false;
    for (const start of starts) {
      if (closure(program, start, mark, stamp, atStart, atEnd ? true : undefined, waiting)) matched = true;
    }
    return { waiting: waiting.sort((a, b) => a - b), matched };
  };

  /** 1: a match is certain from here; 2: a match if the input ends here; 0: neither. */
  const acceptance = (waiting: number[], matched: boolean, atStart: boolean): number => {
    if (matched) return 1;
    const eols = waiting.filter((pc) => (program[pc] as number[])[0] === OP_END).map((pc) => pc + 1);
    return eols.length > 0 && closureOf(eols, atStart, true).matched ? 2 : 0;
  };

  const ids = new Map<string, number>();
  const states: number[][] = [];
  const accept: number[] = [];
  const first = closureOf([0], true, false);
  states.push(first.waiting);
  accept.push(acceptance(first.waiting, first.matched, true));
  const table: number[] = [];
  for (let s = 0; s < states.length; s++) {
    if ((s + 1) * classes > MAX_DFA_CELLS) return undefined;
    if (accept[s] === 1) {
      // a match is certain: the search is over whatever follows, so the state keeps itself
      for (let c = 0; c < classes; c++) table.push(s);
      continue;
    }
    const waiting = states[s] as number[];
    for (let c = 0; c < classes; c++) {
      const cp = edges[c] as number; // every code point of a class behaves alike
      const moved = waiting
        .filter((pc) => {
          const inst = program[pc] as number[];
          return inst[0] === OP_CHAR && contains(sets[inst[1] as number] as number[], cp);
        })
        .map((pc) => pc + 1);
      const after = closureOf([...moved, 0], false, false);
      const key = after.matched ? 'matched' : after.waiting.join(',');
      if (after.waiting.length === 0 && !after.matched) {
        table.push(-1); // nothing can match any more (an anchored pattern that failed)
        continue;
      }
      let id = ids.get(key);
      if (id === undefined) {
        id = states.push(after.matched ? [] : after.waiting) - 1;
        ids.set(key, id);
        accept.push(acceptance(after.waiting, after.matched, false));
      }
      table.push(id);
    }
  }
  return { edges, table, accept };
}
