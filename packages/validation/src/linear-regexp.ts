/**
 * A regular-expression matcher that runs in time linear in the input
 * (a Thompson NFA simulated Pike-style: no backtracking), for the spec's
 * `pattern`s. JavaScript's own RegExp backtracks: `.*\S.*` against 100,000
 * spaces takes billions of steps, and validators see hostile input.
 *
 * It takes the ECMAScript subset service models use: literals and escapes,
 * `.`, classes (`[a-z\d_]`, `[^...]`, `\d \w \s` and their negations),
 * groups, alternation, `* + ? {n} {n,} {n,m}` (lazy forms too) and `^ $`.
 * Backreferences and lookaround are refused when the pattern is compiled, so
 * an unsupported pattern fails generation, never a user's validation.
 */

type CharTest = (cp: number) => boolean;
type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'bol' }
  | { t: 'eol' };

const LINE_TERMINATORS = [0x0a, 0x0d, 0x2028, 0x2029];
const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const not =
  (f: CharTest): CharTest =>
  (c) =>
    !f(c);
const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  D: not(isDigit),
  w: isWord,
  W: not(isWord),
  s: isSpace,
  S: not(isSpace),
};
const CONTROL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 };

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
        return { t: 'char', test: (c) => !LINE_TERMINATORS.includes(c) };
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
        return { t: 'char', test: this.charClass() };
      case '\\':
        return { t: 'char', test: this.escape(false) };
      case '*':
      case '+':
      case '?':
      case ')':
        return this.fail(`a stray "${ch}"`);
      default: {
        const cp = ch.codePointAt(0) as number;
        return { t: 'char', test: (c) => c === cp };
      }
    }
  }

  /** An escape after `\`; inside a class `\b` is a backspace, outside it is refused. */
  private escape(inClass: boolean): CharTest {
    const ch = this.next();
    const cls = CLASS_ESCAPES[ch];
    if (cls) return cls;
    if (ch in CONTROL_ESCAPES) {
      const cp = CONTROL_ESCAPES[ch] as number;
      return (c) => c === cp;
    }
    if (ch === 'b' && inClass) return (c) => c === 8;
    if (ch === 'u' || ch === 'x') {
      const rest = this.source.slice(this.offset());
      const m =
        ch === 'x' ? /^[0-9a-fA-F]{2}/.exec(rest) : (/^\{[0-9a-fA-F]+\}/.exec(rest) ?? /^[0-9a-fA-F]{4}/.exec(rest));
      if (!m) this.fail(`\\${ch} without hex digits`);
      this.i += m[0].length;
      const cp = Number.parseInt(m[0].replace(/[{}]/g, ''), 16);
      return (c) => c === cp;
    }
    if (/[A-Za-z1-9]/.test(ch)) this.fail(`the escape \\${ch}`);
    const cp = ch.codePointAt(0) as number;
    return (c) => c === cp;
  }

  private charClass(): CharTest {
    const negate = this.peek() === '^';
    if (negate) this.i++;
    const parts: CharTest[] = [];
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
        parts.push((c) => c >= lo && c <= hi);
      } else {
        parts.push(typeof lo === 'number' ? (c) => c === lo : lo);
      }
    }
    this.i++;
    const any: CharTest = (c) => parts.some((p) => p(c));
    return negate ? not(any) : any;
  }

  /** One class member: a code point, or a test for `\d`-like escapes. */
  private classAtom(): number | CharTest {
    const ch = this.next();
    if (ch !== '\\') return ch.codePointAt(0) as number;
    const save = this.i;
    const esc = this.next();
    if (CLASS_ESCAPES[esc]) return CLASS_ESCAPES[esc];
    if (esc in CONTROL_ESCAPES) return CONTROL_ESCAPES[esc] as number;
    if (esc === 'b') return 8;
    this.i = save;
    const test = this.escape(true);
    // identity and hex escapes name one code point: find it
    for (let cp = 0; cp <= 0x10ffff; cp++) if (test(cp)) return cp;
    return test;
  }
}

/** NFA program: char steps, splits (epsilon to two states), anchors and the match state. */
type Inst =
  | { op: 'char'; test: CharTest; out: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'jmp'; out: number }
  | { op: 'bol' | 'eol'; out: number }
  | { op: 'match' };

function compile(node: Node, prog: Inst[]): void {
  switch (node.t) {
    case 'char':
      prog.push({ op: 'char', test: node.test, out: prog.length + 1 });
      return;
    case 'bol':
    case 'eol':
      prog.push({ op: node.t, out: prog.length + 1 });
      return;
    case 'seq':
      for (const item of node.items) compile(item, prog);
      return;
    case 'alt': {
      // split L1, L2; L1: a; jmp end; L2: split ... (chained)
      const jumps: Inst[] = [];
      node.options.forEach((option, index) => {
        if (index < node.options.length - 1) {
          const split: Inst = { op: 'split', a: prog.length + 1, b: -1 };
          prog.push(split);
          compile(option, prog);
          const jmp: Inst = { op: 'jmp', out: -1 };
          prog.push(jmp);
          jumps.push(jmp);
          split.b = prog.length;
        } else {
          compile(option, prog);
        }
      });
      for (const j of jumps) (j as { out: number }).out = prog.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < node.min; k++) compile(node.node, prog);
      if (node.max === Infinity) {
        const split: Inst = { op: 'split', a: prog.length + 1, b: -1 };
        const at = prog.length;
        prog.push(split);
        compile(node.node, prog);
        prog.push({ op: 'jmp', out: at });
        split.b = prog.length;
      } else {
        const splits: Inst[] = [];
        for (let k = node.min; k < node.max; k++) {
          const split: Inst = { op: 'split', a: prog.length + 1, b: -1 };
          prog.push(split);
          splits.push(split);
          compile(node.node, prog);
        }
        for (const s of splits) (s as { b: number }).b = prog.length;
      }
      return;
    }
  }
}

/** A compiled pattern with RegExp's `test`, linear in the input's length. */
export interface LinearRegExp {
  readonly source: string;
  test(input: string): boolean;
  /** `/source/flags`, as RegExp prints (Ajv keys compiled patterns by it). */
  toString(): string;
}

/**
 * Compiles `pattern` (ECMAScript syntax, unanchored search like `RegExp#test`).
 * Throws a SyntaxError for syntax it cannot run in linear time.
 */
export function linearRegExp(pattern: string, flags = 'u'): LinearRegExp {
  const prog: Inst[] = [];
  const ast = new Parser(pattern).parse();
  compile(ast, prog);
  prog.push({ op: 'match' });
  const test = (input: string): boolean => {
    const cps = Array.from(input, (ch) => ch.codePointAt(0) as number);
    const n = cps.length;
    const mark = new Int32Array(prog.length).fill(-1);
    let current: number[] = [];
    let next: number[] = [];
    // Adds pc and everything reachable from it by epsilon steps at position pos; true on a match.
    const add = (list: number[], start: number, pos: number, gen: number): boolean => {
      const stack = [start];
      while (stack.length > 0) {
        const pc = stack.pop() as number;
        if (mark[pc] === gen) continue;
        mark[pc] = gen;
        const inst = prog[pc] as Inst;
        switch (inst.op) {
          case 'match':
            return true;
          case 'jmp':
            stack.push(inst.out);
            break;
          case 'split':
            stack.push(inst.b, inst.a);
            break;
          case 'bol':
            if (pos === 0) stack.push(inst.out);
            break;
          case 'eol':
            if (pos === n) stack.push(inst.out);
            break;
          case 'char':
            list.push(pc);
            break;
        }
      }
      return false;
    };
    for (let pos = 0; pos <= n; pos++) {
      // unanchored search: a new thread may start at every position
      if (add(current, 0, pos, pos)) return true;
      if (pos === n) break;
      const cp = cps[pos] as number;
      next.length = 0;
      for (const pc of current) {
        const inst = prog[pc] as Extract<Inst, { op: 'char' }>;
        if (inst.test(cp) && add(next, inst.out, pos + 1, pos + 1)) return true;
      }
      [current, next] = [next, current];
    }
    return false;
  };
  // Short strings bound any backtracking, so the native engine (faster on them)
  // answers those when the pattern has no nested or many unbounded repeats.
  const native = isTame(ast) ? nativeOrUndefined(pattern, flags) : undefined;
  return {
    source: pattern,
    toString: () => `/${pattern}/${flags}`,
    test: native ? (input) => (input.length <= SHORT_INPUT ? native.test(input) : test(input)) : test,
  };
}

function nativeOrUndefined(pattern: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined; // e.g. identity escapes like `\:` that the `u` flag refuses
  }
}

/** Inputs up to this many UTF-16 units may go to the native engine (when the pattern is tame). */
export const SHORT_INPUT = 64;

/** No repeat inside a repeat, and at most three unbounded repeats: backtracking stays polynomial of low degree. */
function isTame(node: Node, insideRepeat = false): boolean {
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
  return walk(node, insideRepeat) && unbounded <= 3;
}

/** Lets Ajv's standalone code import this engine by name. */
linearRegExp.code = 'linearRegExp';
