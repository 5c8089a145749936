import { describe, expect, it } from 'vitest';
import {
  linearRegExp,
  UpdateUserInput,
  UpdateUserOutput,
  User,
  type Validator,
  validate,
  validators,
} from '../src/index.js';

const all = Object.values(validators) as Validator<unknown>[];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { AlexaForBusinessMetadata: value, a: [value] };
  return value;
}

const hostile: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['an array', [1, 2, 3]],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a string', 'x'],
  ['a function', () => 1],
  ['a 1,000,000-character string', 'x'.repeat(1_000_000)],
  ['deep nesting (5,000 levels)', nested(5_000)],
  [
    '__proto__ and constructor keys',
    JSON.parse(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"AccountId":"a","UserId":"u"}',
    ),
  ],
  [
    'an object with a throwing getter',
    Object.defineProperty({}, 'AccountId', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    }),
  ],
];

describe('hostile input gets a verdict, never a throw', () => {
  it.each(hostile)('%s', (_name, value) => {
    for (const validator of all) {
      const result = validate(validator, value);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses __proto__ as an unknown member of a closed object', () => {
    const result = validate(UpdateUserInput, JSON.parse('{"AccountId":"a","UserId":"u","__proto__":{"x":1}}'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe('/__proto__');
  });
});

describe('patterns run in linear time on adversarial strings', () => {
  // JavaScript's backtracking RegExp needs ~n²/2 steps for these: about 5·10¹¹ at a million characters.
  const n = 1_000_000;
  it.each([
    ['blank path member (.*\\S.*)', () => validate(UpdateUserInput, { AccountId: ' '.repeat(n), UserId: 'u' }), false],
    ['email without @ (.+@.+\\..+)', () => validate(User, { UserId: 'u', PrimaryEmail: 'a'.repeat(n) }), false],
    ['email of many @ (.+@.+\\..+)', () => validate(User, { UserId: 'u', PrimaryEmail: '@'.repeat(n) }), false],
    ['a valid long id', () => validate(UpdateUserInput, { AccountId: `${' '.repeat(n)}x`, UserId: 'u' }), true],
  ])(
    '%s',
    (_name, run, ok) => {
      expect(run().ok).toBe(ok);
    },
    10_000,
  );

  it('agrees with RegExp on short inputs', () => {
    for (const pattern of ['.*\\S.*', '.+@.+\\..+', '^\\+?[1-9]\\d{1,14}$', '^(a|bc)+$', '[^x-z]{2,3}']) {
      const ours = linearRegExp(pattern);
      const native = new RegExp(pattern, 'u');
      for (const input of [
        '',
        ' ',
        'a',
        'a@b.c',
        '+1206',
        'abcbc',
        'xyz',
        'aaa',
        '@.',
        '\n',
        `${'a'.repeat(80)}@b.c`,
      ]) {
        expect(ours.test(input), `${pattern} on ${JSON.stringify(input)}`).toBe(native.test(input));
      }
    }
  });

  it('refuses a pattern it cannot run in linear time', () => {
    expect(() => linearRegExp('(a)\\1')).toThrow(/backreference cannot be matched in linear time/);
    expect(() => linearRegExp('a(?=b)')).toThrow(/lookaround .* cannot be matched in linear time/);
  });
});

describe('messages never echo sensitive values', () => {
  it('hides a bad PrimaryEmail and DisplayName', () => {
    const result = validate(UpdateUserOutput, {
      User: { UserId: 'u', PrimaryEmail: 'secret-mailbox', DisplayName: 404 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = JSON.stringify(result.issues);
    expect(text).not.toContain('secret-mailbox');
    expect(text).not.toContain('404');
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        path: '/User/PrimaryEmail',
        message: expect.stringContaining('a string of 14 characters (not shown: sensitive)'),
      }),
    );
  });

  it('shows non-sensitive values to help', () => {
    const result = validate(User, { UserId: 'u', LicenseType: 'Gold' });
    expect(!result.ok && result.issues[0]?.message).toContain('found "Gold"');
  });
});
