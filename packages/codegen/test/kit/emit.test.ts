/**
 * The kit's quoting against the reference, JavaScript's own parser: every
 * string `q`, `literal` and `json` write is read back (in a fresh V8
 * context) as exactly the value given, whatever it holds, and never holds a
 * raw line terminator, NUL or `<`; `doc` never lets its text end the comment.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { commentText, doc, json, key, literal, q } from '../../src/kit/emit.js';
import { PAYLOADS } from '../hostile/spec.js';

/** Strings of every risky kind: the payloads, each character alone, and seeded random mixes of them. */
function samples(): string[] {
  const risky = [...'\\\'"`$<>/*\n\r\t\u0000\u0007\u001f\u007f\u0085\u2028\u2029\ufeff\ud800\udc00{}'];
  const out = [...Object.values(PAYLOADS), ...risky, '\ud83d\ude00', 'a\ud800b', '\udc00x', ''];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 500; i++) {
    out.push(
      Array.from({ length: 1 + Math.floor(random() * 12) }, () => risky[Math.floor(random() * risky.length)]).join(''),
    );
  }
  return out;
}

const read = (code: string): unknown => runInNewContext(`(${code})`, { globalThis: {} });

describe('the kit quotes any text', () => {
  it('q(s) reads back as s, on one line, with no NUL, < or >', () => {
    for (const s of samples()) {
      const literalText = q(s);
      expect(read(literalText)).toBe(s);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: none may be left raw
      expect(literalText).not.toMatch(/[\n\r\u0000\u2028\u2029<>]/);
      // an unpaired surrogate is written as an escape (UTF-8 cannot carry it)
      expect(literalText).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });

  it('literal() and json() read back as the data, keys included (__proto__ stays a key)', () => {
    for (const s of samples()) {
      const data = { [s]: [s, 1, true, null], nested: { value: s } };
      expect(read(literal(data))).toEqual(data);
      expect(read(json(data))).toEqual(data);
      expect(json(data)).not.toMatch(/[<>\u2028\u2029]/);
    }
    const proto = JSON.parse('{"__proto__": "x"}');
    expect(read(`Object.getPrototypeOf(${literal(proto)}) === Object.prototype`)).toBe(true);
    expect(read(`Object.keys(${literal(proto)})`)).toEqual(['__proto__']);
    expect(key('__proto__')).toBe("['__proto__']");
  });

  it('doc() keeps its text inside one comment line', () => {
    for (const s of samples()) {
      const comment = doc(`x ${s} y`);
      // the comment is one line; its only `*/` is the last; reading it runs nothing
      expect(comment.trimEnd().split(/[\n\r\u2028\u2029]/)).toHaveLength(1);
      expect(comment.indexOf('*/')).toBe(comment.length - 3);
      expect(read(`${comment}1`)).toBe(1);
    }
    expect(commentText('a */ b\n c')).toBe('a *\\/ b c');
  });
});
