/**
 * The linear-time matcher against JavaScript's RegExp (the reference), on
 * generated patterns and inputs: both runners (the NFA program and the DFA
 * table the generator ships when it is small), inputs past 64 characters,
 * adversarial patterns, and mutants of a compiled bound that the differential
 * check must catch. Patterns are generated from a grammar on which native
 * backtracking stays polynomial (at most two unbounded repeats, repeated
 * groups without alternation), so the reference itself finishes.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompiledPattern,
  compilePattern,
  type Dfa,
  type Instruction,
  linearRegExp,
  runDfa,
  runProgram,
} from '../src/index.js';
import { toDfa } from '../src/regexp.js';

/** The inputs on which `ours` and native RegExp disagree about `pattern`. */
function disagreements(pattern: string, ours: (input: string) => boolean, inputs: readonly string[]): string[] {
  const native = new RegExp(pattern, 'u');
  return inputs.filter((input) => ours(input) !== native.test(input));
}

/** Both runners of a compiled pattern (the DFA only when the generator would ship one). */
function runners(compiled: CompiledPattern): [string, (input: string) => boolean][] {
  const dfa = toDfa(compiled);
  return [
    ['nfa', (input) => runProgram(compiled, input)],
    ...(dfa ? [['dfa', (input: string) => runDfa(dfa, input)] as [string, (input: string) => boolean]] : []),
  ];
}

// --- patterns: atoms, repeats, groups, alternation, anchors
const atom = fc.constantFrom('a', 'b', ' ', '.', '[ab]', '[^a]', '[a-c1]', '\\d', '\\s', '\\S', '\\w', '😀', '\\.');
const bounded = fc.constantFrom('', '', '', '?', '{2}', '{1,3}', '{0,2}', '??');
const unbounded = fc.constantFrom('*', '+', '{2,}', '*?', '+?');
const plainSeq = fc.array(atom, { minLength: 1, maxLength: 3 }).map((atoms) => atoms.join(''));
const item = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(atom, bounded).map(([a, q]) => a + q) },
  { weight: 2, arbitrary: fc.tuple(atom, unbounded).map(([a, q]) => a + q) },
  // a repeated group: fixed-length body, no alternation (keeps the reference polynomial)
  { weight: 1, arbitrary: fc.tuple(plainSeq, fc.oneof(bounded, unbounded)).map(([s, q]) => `(?:${s})${q}`) },
  // an alternation, not repeated
  { weight: 1, arbitrary: fc.tuple(plainSeq, plainSeq).map(([x, y]) => `(${x}|${y})`) },
);
const branch = fc
  .tuple(fc.boolean(), fc.array(item, { minLength: 0, maxLength: 4 }), fc.boolean())
  .map(([start, items, end]) => `${start ? '^' : ''}${items.join('')}${end ? '$' : ''}`);
const unboundedCount = (p: string) => (p.match(/\*|\+|\{\d+,\}/g) ?? []).length;
const patternArb = fc
  .array(branch, { minLength: 1, maxLength: 2 })
  .map((branches) => branches.join('|'))
  .filter((p) => unboundedCount(p) <= 2);

// --- inputs: from the atoms' alphabet, with a repeated chunk so that long inputs can still match
const char = fc.constantFrom('a', 'b', 'c', ' ', '1', '.', '\n', '😀', '_');
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));
const longInput = fc
  .tuple(
    text(3),
    text(4).filter((c) => c.length > 0),
    fc.integer({ min: 20, max: 60 }),
    text(3),
  )
  .map(([pre, chunk, times, post]) => pre + chunk.repeat(times) + post)
  .filter((s) => s.length > 64);
const inputsArb = fc.tuple(
  fc.array(text(12), { minLength: 6, maxLength: 6 }),
  fc.array(longInput, { minLength: 4, maxLength: 4 }),
);

describe('differential: our matcher agrees with RegExp', () => {
  it('on generated patterns and inputs (NFA and DFA, inputs past 64 characters)', () => {
    let comparisons = 0;
    let long = 0;
    let matches = 0;
    let dfas = 0;
    fc.assert(
      fc.property(patternArb, inputsArb, (pattern, [short, longs]) => {
        const inputs = [...short, ...longs];
        const native = new RegExp(pattern, 'u');
        const compiled = compilePattern(pattern);
        const both = runners(compiled);
        if (both.length === 2) dfas++;
        for (const [name, run] of both) {
          const wrong = disagreements(pattern, run, inputs);
          if (wrong.length > 0) throw new Error(`${name} disagrees on /${pattern}/u for ${JSON.stringify(wrong[0])}`);
        }
        for (const input of inputs) {
          comparisons += both.length;
          if (input.length > 64) long += both.length;
          if (native.test(input)) matches++;
        }
        return true;
      }),
      { numRuns: 400 },
    );
    // the comparisons reach our runners on long inputs, both ways, and with both verdicts
    expect(comparisons).toBeGreaterThan(4_000);
    expect(long / comparisons).toBeGreaterThan(0.3);
    expect(matches).toBeGreaterThan(200);
    expect(dfas).toBeGreaterThan(300);
  }, 120_000);

  it('through linearRegExp, on classes, escapes and astral characters', () => {
    const cases: [string, string[]][] = [
      ['^\\p{Lu}\\p{Ll}+$', ['Éclair', 'éclair', 'A', 'Ab', `A${'b'.repeat(100)}`]],
      ['^[^\\s@]+@[^\\s@]+$', ['a@b', 'a @b', '@', `${'x'.repeat(80)}@y`]],
      ['^.{2}$', ['😀😀', '😀', 'ab', '\n\n']],
      ['[\\u{1F600}-\\u{1F64F}]', ['😀', 'a', '\ud83d']],
      ['^\\ud83d$', ['\ud83d', '😀']],
      ['', ['', 'x']],
      ['a|', ['', 'b']],
    ];
    for (const [pattern, inputs] of cases) {
      expect(
        disagreements(pattern, (s) => linearRegExp(pattern).test(s), inputs),
        pattern,
      ).toEqual([]);
      for (const [name, run] of runners(compilePattern(pattern)))
        expect(disagreements(pattern, run, inputs), `${name} /${pattern}/`).toEqual([]);
    }
  });
});

describe('adversarial patterns finish, with the right verdict and linear work', () => {
  // native backtracking: ^(a|a)*$ on 35 characters takes minutes; these are thousands long
  const n = 5_000;
  const cases: [string, string, boolean][] = [
    ['^(a|aa)*$', 'a'.repeat(n), true],
    ['^(a|aa)*$', `${'a'.repeat(n)}b`, false],
    ['^(a|a)*$', `${'a'.repeat(n)}b`, false],
    // short inputs too: no length goes to the native engine (this one took minutes there)
    ['^(a|a)*$', `${'a'.repeat(40)}b`, false],
    ['(a*)*b', 'a'.repeat(n), false],
    ['^(\\s*\\S+)*$', `${'x '.repeat(n)}`, false],
    ['.*\\S.*', ' '.repeat(n), false],
  ];

  it.each(cases)(
    '/%s/ on %#',
    (pattern, input, expected) => {
      const compiled = compilePattern(pattern);
      const stats = { steps: 0 };
      expect(runProgram(compiled, input, stats)).toBe(expected);
      // each program state at most once per position, plus one look at each live thread
      expect(stats.steps).toBeLessThanOrEqual(2 * compiled.program.length * (input.length + 1));
      const dfa = toDfa(compiled);
      if (dfa) expect(runDfa(dfa, input)).toBe(expected);
      expect(linearRegExp(pattern).test(input)).toBe(expected);
    },
    60_000,
  );
});

describe('mutation: the differential check catches a wrong bound', () => {
  const pattern = '^\\d{1,14}$';
  const digits = Array.from({ length: 20 }, (_, i) => '7'.repeat(i));
  const catches = (run: (input: string) => boolean) => disagreements(pattern, run, digits).length > 0;

  it('\\d{1,14} accepts 1 to 14 digits and rejects 15', () => {
    for (const [, run] of runners(compilePattern(pattern))) {
      expect(run('1'.repeat(14))).toBe(true);
      expect(run('1'.repeat(15))).toBe(false);
      expect(run('')).toBe(false);
    }
    expect(disagreements(pattern, (s) => linearRegExp(pattern).test(s), digits)).toEqual([]);
  });

  it('a program compiled with another bound is caught', () => {
    for (const other of ['^\\d{1,13}$', '^\\d{1,15}$', '^\\d{2,14}$', '^\\d{0,14}$']) {
      const mutant = compilePattern(other);
      expect(
        catches((s) => runProgram(mutant, s)),
        other,
      ).toBe(true);
      const dfa = toDfa(mutant) as Dfa;
      expect(
        catches((s) => runDfa(dfa, s)),
        `${other} (dfa)`,
      ).toBe(true);
    }
  });

  it('every split of the compiled repeat, forced one way or the other, is caught', () => {
    const compiled = compilePattern(pattern);
    const splits = compiled.program.flatMap((inst, pc) => (inst[0] === 1 ? [pc] : []));
    expect(splits.length).toBe(13); // the 13 optional copies of \d
    for (const pc of splits) {
      const [, take, skip] = compiled.program[pc] as [1, number, number];
      for (const forced of [take, skip]) {
        const program = compiled.program.map((inst, i): Instruction => (i === pc ? [2, forced] : inst));
        expect(
          catches((s) => runProgram({ ...compiled, program }, s)),
          `split ${pc} → ${forced}`,
        ).toBe(true);
      }
    }
  });

  it('every accepting state of the DFA, flipped, is caught', () => {
    const dfa = toDfa(compilePattern(pattern)) as Dfa;
    dfa.accept.forEach((value, state) => {
      const accept = dfa.accept.map((v, i) => (i === state ? (value === 0 ? 2 : 0) : v));
      expect(
        catches((s) => runDfa({ ...dfa, accept }, s)),
        `state ${state}`,
      ).toBe(true);
    });
  });
});

describe('patterns that cannot run in linear time, or that JavaScript rejects, are refused', () => {
  it.each([
    ['a{3,1}', /JavaScript rejects it: numbers out of order/],
    ['[z-a]', /JavaScript rejects it: Range out of order/],
    ['a{', /JavaScript rejects it: Incomplete quantifier/],
    ['(a)\\1', /a backreference cannot be matched in linear time/],
    ['a(?=b)', /a lookaround .* cannot be matched in linear time/],
    ['\\bword', /a word boundary .* cannot be matched in linear time/],
  ])('/%s/', (pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(message);
  });
});

describe('with the v flag, a class that matches strings is refused rather than read as one set of characters', () => {
  it.each([
    ['^[\\q{abc|d}]$', 'abc'],
    ['^[[a-z]\\q{ab}]$', 'ab'],
    ['^\\p{RGI_Emoji}$', '👍🏽'],
  ])('/%s/v (RegExp matches %j)', (pattern, input) => {
    expect(new RegExp(pattern, 'v').test(input)).toBe(true);
    expect(() => linearRegExp(pattern, 'v')).toThrow(
      /a class that matches strings .* write the strings as an alternation/,
    );
  });

  it('a class of single characters still works with v: [\\q{a|b}--[b]] and set operations agree with RegExp', () => {
    for (const pattern of ['^[\\q{a|b}--[b]]$', '^[[a-z]&&[aeiou]]+$', '^[\\p{L}--[a-z]]$']) {
      const ours = linearRegExp(pattern, 'v');
      for (const input of ['a', 'b', 'aeiou', 'é', 'z', ''])
        expect(ours.test(input)).toBe(new RegExp(pattern, 'v').test(input));
    }
  });
});
