/**
 * Compiles a `pattern` into a Thompson NFA program of plain data, which
 * `linear-regexp.ts` runs in time linear in the input. The generator calls it
 * (so generated validators carry programs, not this compiler nor its parser);
 * {@link linearRegExp} in `compile-regexp.ts` calls it at run time for callers
 * that hold a pattern string.
 *
 * Parsing is `@eslint-community/regexpp`'s (ECMAScript's grammar, so a pattern
 * JavaScript rejects, such as `a{3,1}`, `[z-a]` or `a{` under the `u` flag,
 * is refused here too). Every character class is resolved to its exact set of
 * code points by asking the native engine about each code point once (a
 * one-character test cannot backtrack), so `\p{…}`, `\s` and negations mean
 * exactly what they mean in JavaScript. What a Thompson NFA cannot run
 * (backreferences, lookaround, `\b`) is refused with the reason.
 */
import type { AST } from '@eslint-community/regexpp';
import { RegExpParser } from '@eslint-community/regexpp';
import { type Instruction, OP_CHAR, OP_END, OP_JUMP, OP_MATCH, OP_SPLIT, OP_START } from './regexp-opcodes.js';

/** Sorted, disjoint, inclusive code point ranges, flattened: [lo1, hi1, lo2, hi2, ...]. */
export type CharSet = number[];

export { type Instruction, OP_CHAR, OP_END, OP_JUMP, OP_MATCH, OP_SPLIT, OP_START } from './regexp-opcodes.js';

export interface CompiledPattern {
  program: Instruction[];
  sets: CharSet[];
}

/** A pattern that is not valid JavaScript, or that a linear-time matcher cannot run. */
export class PatternError extends SyntaxError {
  override name = 'PatternError';
  constructor(
    readonly pattern: string,
    /** Offset in `pattern` (UTF-16 units) where the problem starts. */
    readonly index: number,
    readonly reason: string,
  ) {
    super(`/${pattern}/ at character ${index + 1}: ${reason}`);
  }
}

/** Programs larger than this are refused (bounded repeats are unrolled: `(x{1,100}){1,100}` would be 10,000 copies). */
export const MAX_PROGRAM = 20_000;

const MAX = 0x10ffff;
const setCache = new Map<string, CharSet>();
let planes: [string, string] | undefined;

/** Every code point once, lone surrogates aside: 0–D7FF, then E000–10FFFF (one UTF-16 unit each up to FFFF, two after). */
function allCodePoints(): [string, string] {
  if (!planes) {
    // the UTF-16 code units of every code point from..to, decoded in one call (a tenth of the
    // time of String.fromCodePoint over spread chunks, which cost every generation 0.4 s)
    const chunk = (from: number, to: number) => {
      const units = new Uint16Array(to - from + 1 + Math.max(0, to - Math.max(from, 0x10000) + 1));
      let at = 0;
      for (let cp = from; cp <= to; cp++) {
        if (cp <= 0xffff) units[at++] = cp;
        else {
          units[at++] = 0xd800 + ((cp - 0x10000) >> 10);
          units[at++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        }
      }
      return new TextDecoder('utf-16le').decode(units);
    };
    planes = [chunk(0, 0xd7ff), chunk(0xe000, MAX)];
  }
  return planes;
}

/**
 * The exact set a one-character pattern (a class, an escape, a literal)
 * matches, as ranges: each run of `(?:X)+` over a string of every code point
 * is one range (a single-character pattern cannot backtrack), and lone
 * surrogates are asked one by one.
 */
function setOf(source: string, flags: string): CharSet {
  const key = `${flags}/${source}`;
  const cached = setCache.get(key);
  if (cached) return cached;
  const ranges: number[] = [];
  const [low, high] = allCodePoints();
  const runs = new RegExp(`(?:${source})+`, `g${flags}`);
  for (const m of low.matchAll(runs)) ranges.push(m.index, m.index + m[0].length - 1);
  const one = new RegExp(`^(?:${source})$`, flags);
  for (let cp = 0xd800; cp <= 0xdfff; cp++) if (one.test(String.fromCharCode(cp))) ranges.push(cp, cp);
  // an offset in `high` (at a code point's start, or its end) as a code point
  const cpAt = (index: number) => (index <= 0x2000 ? 0xe000 + index : 0x10000 + (index - 0x2000) / 2);
  for (const m of high.matchAll(runs)) ranges.push(cpAt(m.index), cpAt(m.index + m[0].length) - 1);
  const set = normalize(ranges);
  setCache.set(key, set);
  return set;
}

/** Sorts and merges ranges that touch. */
function normalize(ranges: number[]): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i] as number, ranges[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (out.length && lo <= (out[last] as number) + 1) out[last] = Math.max(out[last] as number, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The first part of a class that can match a string of several characters (`v` flag only), if any. */
function stringsIn(node: AST.Node): AST.Node | undefined {
  if (node.type === 'StringAlternative' && node.elements.length !== 1) return node;
  if (node.type === 'CharacterSet' && node.kind === 'property' && node.strings) return node;
  const children: AST.Node[] =
    node.type === 'CharacterClass' || node.type === 'StringAlternative'
      ? node.elements
      : node.type === 'ClassStringDisjunction'
        ? node.alternatives
        : node.type === 'ExpressionCharacterClass'
          ? [node.expression]
          : node.type === 'ClassIntersection' || node.type === 'ClassSubtraction'
            ? [node.left, node.right]
            : [];
  for (const child of children) {
    const found = stringsIn(child);
    if (found) return found;
  }
  return undefined;
}

type Unsupported = AST.Backreference | AST.LookaroundAssertion | AST.WordBoundaryAssertion;

class Compiler {
  readonly program: Instruction[] = [];
  readonly sets: CharSet[] = [];
  private readonly setIndex = new Map<string, number>();

  constructor(
    private readonly pattern: string,
    private readonly flags: string,
  ) {}

  private refuse(node: { start: number }, reason: string): never {
    throw new PatternError(this.pattern, node.start, reason);
  }

  private emit(instruction: Instruction): void {
    if (this.program.length >= MAX_PROGRAM) {
      throw new PatternError(
        this.pattern,
        0,
        `compiles to more than ${MAX_PROGRAM} instructions (bounded repeats are unrolled); use smaller repeat bounds or an unbounded repeat`,
      );
    }
    this.program.push(instruction);
  }

  private char(set: CharSet): void {
    const key = set.join(',');
    let index = this.setIndex.get(key);
    if (index === undefined) {
      index = this.sets.push(set) - 1;
      this.setIndex.set(key, index);
    }
    this.emit([OP_CHAR, index]);
  }

  alternatives(alternatives: readonly AST.Alternative[]): void {
    const jumps: [typeof OP_JUMP, number][] = [];
    alternatives.forEach((alternative, index) => {
      if (index === alternatives.length - 1) {
        this.elements(alternative.elements);
        return;
      }
      const split: [typeof OP_SPLIT, number, number] = [OP_SPLIT, this.program.length + 1, -1];
      this.emit(split);
      this.elements(alternative.elements);
      const jump: [typeof OP_JUMP, number] = [OP_JUMP, -1];
      this.emit(jump);
      jumps.push(jump);
      split[2] = this.program.length;
    });
    for (const jump of jumps) jump[1] = this.program.length;
  }

  elements(elements: readonly AST.Element[]): void {
    for (const element of elements) this.element(element);
  }

  private element(node: AST.Element): void {
    switch (node.type) {
      case 'Character':
        this.char(this.flags.includes('i') ? setOf(node.raw, this.flags) : [node.value, node.value]);
        return;
      case 'CharacterClass':
      case 'CharacterSet':
      case 'ExpressionCharacterClass': {
        // with `v`, a class can match strings (`[\q{abc}]`, `\p{RGI_Emoji}`): not one set of characters
        const strings = stringsIn(node);
        if (strings) {
          this.refuse(
            strings,
            'a class that matches strings (\\q{…} with a string of several characters, a property of strings) is not supported; write the strings as an alternation, (?:abc|d)',
          );
        }
        this.char(setOf(node.raw, this.flags));
        return;
      }
      case 'Group':
      case 'CapturingGroup':
        this.alternatives(node.alternatives);
        return;
      case 'Quantifier':
        this.repeat(node);
        return;
      case 'Assertion':
        if (node.kind === 'start') this.emit([OP_START]);
        else if (node.kind === 'end') this.emit([OP_END]);
        else this.unsupported(node as Unsupported);
        return;
      case 'Backreference':
        this.unsupported(node);
        return;
      default:
        this.refuse(node, `${(node as AST.Node).type} is not supported`);
    }
  }

  private unsupported(node: Unsupported): never {
    const what =
      node.type === 'Backreference'
        ? 'a backreference'
        : node.kind === 'word'
          ? 'a word boundary (\\b, \\B)'
          : 'a lookaround ((?=…), (?!…), (?<=…), (?<!…))';
    return this.refuse(
      node,
      `${what} cannot be matched in linear time, and validators see hostile input; rewrite the pattern without it`,
    );
  }

  private repeat({ min, max, element }: AST.Quantifier): void {
    for (let k = 0; k < min; k++) this.element(element);
    if (max === Number.POSITIVE_INFINITY) {
      const at = this.program.length;
      const split: [typeof OP_SPLIT, number, number] = [OP_SPLIT, at + 1, -1];
      this.emit(split);
      this.element(element);
      this.emit([OP_JUMP, at]);
      split[2] = this.program.length;
      return;
    }
    const splits: [typeof OP_SPLIT, number, number][] = [];
    for (let k = min; k < max; k++) {
      const split: [typeof OP_SPLIT, number, number] = [OP_SPLIT, this.program.length + 1, -1];
      this.emit(split);
      splits.push(split);
      this.element(element);
    }
    for (const split of splits) split[2] = this.program.length;
  }
}

const isDotRepeat = (node: AST.Element | undefined, min: number): boolean =>
  node?.type === 'Quantifier' &&
  node.min === min &&
  node.max === Number.POSITIVE_INFINITY &&
  node.element.type === 'CharacterSet' &&
  node.element.kind === 'any';

/**
 * For an unanchored search (`RegExp#test`), `.*X` matches where `X` does and
 * `.+X` where `.X` does (the same at the end): a leading or trailing `.*` is
 * dropped and `.+` becomes `.`, so `.*\S.*` is one character step.
 */
function searchElements(pattern: AST.Pattern): readonly AST.Element[] | undefined {
  if (pattern.alternatives.length !== 1) return undefined;
  const elements = [...(pattern.alternatives[0] as AST.Alternative).elements];
  if (elements.length < 2) return elements;
  const trim = (at: number) => {
    const node = elements[at];
    if (isDotRepeat(node, 0)) elements.splice(at, 1);
    else if (isDotRepeat(node, 1)) elements.splice(at, 1, (node as AST.Quantifier).element);
  };
  trim(0);
  if (elements.length > 1) trim(elements.length - 1);
  return elements;
}

/**
 * Parses and compiles `pattern` (ECMAScript syntax, `flags` as for RegExp;
 * JSON Schema patterns use `u`). Throws a {@link PatternError} naming the
 * offending part when JavaScript would reject the pattern or when it needs
 * backtracking (backreferences, lookaround, word boundaries).
 *
 * @example compilePattern('^\\d{1,14}$', 'u').program.length // 30
 */
export function compilePattern(pattern: string, flags = 'u'): CompiledPattern {
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser().parsePattern(pattern, 0, pattern.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch (error) {
    const index = typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index : 0;
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    throw new PatternError(
      pattern,
      Math.min(index, Math.max(0, pattern.length - 1)),
      `JavaScript rejects it: ${reason}`,
    );
  }
  if (/[^uvi]/.test(flags)) throw new PatternError(pattern, 0, `the flags "${flags}" are not supported (u, v, i are)`);
  const compiler = new Compiler(pattern, flags);
  const search = searchElements(ast);
  if (search) compiler.elements(search);
  else compiler.alternatives(ast.alternatives);
  compiler.program.push([OP_MATCH]);
  return { program: compiler.program, sets: compiler.sets };
}

/** The set a program searches for when it is one character step then a match (`.*\S.*`), else undefined. */
export function singleSetOf(compiled: CompiledPattern): CharSet | undefined {
  const [first, second] = compiled.program;
  return compiled.program.length === 2 && first?.[0] === OP_CHAR && second?.[0] === OP_MATCH
    ? compiled.sets[first[1]]
    : undefined;
}
