/**
 * Compiles a `pattern` (the ECMAScript subset service models use) into a
 * Thompson NFA program of plain data, at generate time, so that validators
 * carry the program and not this parser. `linear-regexp.ts` runs programs.
 *
 * Supported: literals and escapes, `.`, classes (`[a-z\\d_]`, `[^...]`,
 * `\\d \\w \\s` and their negations), groups, alternation,
 * `* + ? {n} {n,} {n,m}` (lazy forms too) and `^ $`. Backreferences and
 * lookaround are refused: an unsupported pattern fails generation.
 */

/** Sorted, disjoint, inclusive code point ranges, flattened: [lo1, hi1, lo2, hi2, ...]. */
export type CharSet = number[];

/** One instruction: [0, set] match a char, then next; [1, a, b] split; [2, to] jump; [3] ^; [4] $; [5] match. */
export type Instruction = [0, number] | [1, number, number] | [2, number] | [3] | [4] | [5];

export interface CompiledPattern {
  program: Instruction[];
  sets: CharSet[];
  /**
   * The same search in a form the native engine runs faster: a leading or
   * trailing `.*` dropped and `.+` cut to `.` (for an unanchored `test`, `.*X`
   * matches exactly where `X` does, and `.+X` where `.X` does).
   */
  source: string;
  /** No repeat inside a repeat and at most three unbounded repeats: native backtracking stays cheap on short input. */
  tame: boolean;
}

const MAX = 0x10ffff;

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

function complement(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if ((set[i] as number) > next) out.push(next, (set[i] as number) - 1);
    next = (set[i + 1] as number) + 1;
  }
  if (next <= MAX) out.push(next, MAX);
  return out;
}

const DIGIT: CharSet = [48, 57];
const WORD: CharSet = [48, 57, 65, 90, 95, 95, 97, 122];
const SPACE: CharSet = normalize([
  9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000,
  0x3000, 0xfeff, 0xfeff,
]);
const LINE_TERMINATORS: CharSet = [10, 10, 13, 13, 0x2028, 0x2029];
const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 };

type Node =
  | { t: 'char'; set: CharSet; dot?: true }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'bol' }
  | { t: 'eol' };

class Parser {
  private i = 0;
  private readonly cps: number[];
  constructor(private readonly source: string) {
    this.cps = Array.from(source, (ch) => ch.codePointAt(0) as number);
  }

  private fail(what: string): never {
    throw new SyntaxError(`linearRegExp: ${what} in /${this.source}/ (at ${this.i}) is not supported`);
  }
  private peek(): string | undefined {
    const cp = this.cps[this.i];
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  }
  private next(): string {
    const ch = this.peek();
    if (ch === undefined) this.fail('an unexpected end');
    this.i++;
    return ch;
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.cps.length) this.fail(`"${this.peek()}"`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let ch = this.peek(); ch !== undefined && ch !== '|' && ch !== ')'; ch = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { t: 'seq', items };
  }

  private quantified(node: Node): Node {
    const ch = this.peek();
    let min: number;
    let max: number;
    if (ch === '*') [min, max] = [0, Infinity];
    else if (ch === '+') [min, max] = [1, Infinity];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{' && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.offset()))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.offset())) as RegExpExecArray;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: same set of matches for test()
    if (node.t === 'bol' || node.t === 'eol') this.fail('a quantified anchor');
    return { t: 'rep', node, min, max };
  }

  /** Offset in UTF-16 units of the current code point, for slicing the source. */
  private offset(): number {
    return String.fromCodePoint(...this.cps.slice(0, this.i)).length;
  }

  private atom(): Node {
    const ch = this.next();
    switch (ch) {
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '.':
        return { t: 'char', set: complement(LINE_TERMINATORS), dot: true };
      case '(': {
        if (this.peek() === '?') {
          this.i++;
          if (this.next() !== ':') this.fail('lookaround or a named group');
        }
        const inner = this.alternation();
        if (this.next() !== ')') this.fail('an unclosed group');
        return inner;
      }
      case '[':
        return { t: 'char', set: this.charClass() };
      case '\\': {
        const escaped = this.escape(false);
        return { t: 'char', set: typeof escaped === 'number' ? [escaped, escaped] : escaped };
      }
      case '*':
      case '+':
      case '?':
      case ')':
        return this.fail(`a stray "${ch}"`);
      default: {
        const cp = ch.codePointAt(0) as number;
        return { t: 'char', set: [cp, cp] };
      }
    }
  }

  /** An escape after `\\`: one code point, or a set for `\\d`-like escapes. */
  private escape(inClass: boolean): number | CharSet {
    const ch = this.next();
    const cls = CLASS_ESCAPES[ch];
    if (cls) return cls;
    if (ch in CONTROL_ESCAPES) return CONTROL_ESCAPES[ch] as number;
    if (ch === 'b' && inClass) return 8;
    if (ch === 'u' || ch === 'x') {
      const rest = this.source.slice(this.offset());
      const m =
        ch === 'x' ? /^[0-9a-fA-F]{2}/.exec(rest) : (/^\{[0-9a-fA-F]+\}/.exec(rest) ?? /^[0-9a-fA-F]{4}/.exec(rest));
      if (!m) this.fail(`\\${ch} without hex digits`);
      this.i += m[0].length;
      return Number.parseInt(m[0].replace(/[{}]/g, ''), 16);
    }
    if (/[A-Za-z1-9]/.test(ch)) this.fail(`the escape \\${ch}`);
    return ch.codePointAt(0) as number;
  }

  private charClass(): CharSet {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const ranges: number[] = [];
    while (this.peek() !== ']') {
      const lo = this.classAtom();
      if (
        this.peek() === '-' &&
        this.cps[this.i + 1] !== undefined &&
        String.fromCodePoint(this.cps[this.i + 1] as number) !== ']'
      ) {
        this.i++;
        const hi = this.classAtom();
        if (typeof lo !== 'number' || typeof hi !== 'number') this.fail('a range over a class escape');
        ranges.push(lo, hi);
      } else if (typeof lo === 'number') ranges.push(lo, lo);
      else ranges.push(...lo);
    }
    this.i++;
    const set = normalize(ranges);
    return negate ? complement(set) : set;
  }

  /** One class member: a code point, or a set for `\\d`-like escapes. */
  private classAtom(): number | CharSet {
    const ch = this.next();
    return ch === '\\' ? this.escape(true) : (ch.codePointAt(0) as number);
  }
}

function compile(node: Node, prog: Instruction[], sets: CharSet[]): void {
  switch (node.t) {
    case 'char':
      prog.push([0, sets.push(node.set) - 1]);
      return;
    case 'bol':
      prog.push([3]);
      return;
    case 'eol':
      prog.push([4]);
      return;
    case 'seq':
      for (const item of node.items) compile(item, prog, sets);
      return;
    case 'alt': {
      const jumps: [2, number][] = [];
      node.options.forEach((option, index) => {
        if (index < node.options.length - 1) {
          const split: [1, number, number] = [1, prog.length + 1, -1];
          prog.push(split);
          compile(option, prog, sets);
          const jump: [2, number] = [2, -1];
          prog.push(jump);
          jumps.push(jump);
          split[2] = prog.length;
        } else {
          compile(option, prog, sets);
        }
      });
      for (const jump of jumps) jump[1] = prog.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < node.min; k++) compile(node.node, prog, sets);
      if (node.max === Infinity) {
        const at = prog.length;
        const split: [1, number, number] = [1, at + 1, -1];
        prog.push(split);
        compile(node.node, prog, sets);
        prog.push([2, at]);
        split[2] = prog.length;
      } else {
        const splits: [1, number, number][] = [];
        for (let k = node.min; k < node.max; k++) {
          const split: [1, number, number] = [1, prog.length + 1, -1];
          prog.push(split);
          splits.push(split);
          compile(node.node, prog, sets);
        }
        for (const split of splits) split[2] = prog.length;
      }
      return;
    }
  }
}

function isTame(node: Node): boolean {
  let unbounded = 0;
  const walk = (n: Node, inRep: boolean): boolean => {
    switch (n.t) {
      case 'seq':
        return n.items.every((item) => walk(item, inRep));
      case 'alt':
        return n.options.every((option) => walk(option, inRep));
      case 'rep':
        if (inRep && n.max > 1) return false;
        if (n.max === Infinity) unbounded++;
        return walk(n.node, inRep || n.max > 1);
      default:
        return true;
    }
  };
  return walk(node, false) && unbounded <= 3;
}

const isDotRepeat = (node: Node | undefined, min: number): node is Extract<Node, { t: 'rep' }> =>
  node?.t === 'rep' && node.min === min && node.max === Infinity && node.node.t === 'char' && node.node.dot === true;

/** Drops search-redundant `.*` / `.+` at either end of a top-level sequence (see {@link CompiledPattern.source}). */
function simplifyForSearch(ast: Node, pattern: string): { ast: Node; source: string } {
  if (ast.t !== 'seq' || ast.items.length < 2) return { ast, source: pattern };
  const items = [...ast.items];
  let source = pattern;
  const lead = /^\.[*+]\??/.exec(source)?.[0];
  if (lead && (isDotRepeat(items[0], 0) || isDotRepeat(items[0], 1))) {
    const min = (items[0] as Extract<Node, { t: 'rep' }>).min;
    items.splice(0, 1, ...(min === 1 ? [(items[0] as Extract<Node, { t: 'rep' }>).node] : []));
    source = (min === 1 ? '.' : '') + source.slice(lead.length);
  }
  const tail = /(?<!\\)\.[*+]\??$/.exec(source)?.[0];
  const last = items[items.length - 1];
  if (tail && items.length > 1 && (isDotRepeat(last, 0) || isDotRepeat(last, 1))) {
    const min = (last as Extract<Node, { t: 'rep' }>).min;
    items.splice(items.length - 1, 1, ...(min === 1 ? [(last as Extract<Node, { t: 'rep' }>).node] : []));
    source = source.slice(0, source.length - tail.length) + (min === 1 ? '.' : '');
  }
  return { ast: { t: 'seq', items }, source };
}

/** Compiles `pattern`; throws a SyntaxError naming what it cannot run in linear time. */
export function compilePattern(pattern: string): CompiledPattern {
  const { ast, source } = simplifyForSearch(new Parser(pattern).parse(), pattern);
  const program: Instruction[] = [];
  const sets: CharSet[] = [];
  compile(ast, program, sets);
  program.push([5]);
  return { program, sets, source, tame: isTame(ast) };
}
