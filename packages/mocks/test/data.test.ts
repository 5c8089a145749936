/**
 * Made-up data for responses without an example: every string the
 * synthesizer makes for a pattern matches it (checked by the native engine,
 * the reference) within the schema's lengths; patterns of the official model
 * that no ready-made candidate fits included.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, synthesize } from '../src/data.js';

const patterns = [
  '^$|^[0-9]{3,3}$', // AreaCode
  'arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
  '^8(00|33|44|55|66|77|88)$',
  '[A-Z]{2}',
  '[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}',
  '^\\+?[1-9]\\d{1,14}$',
  '^[a-z]{3}-[0-9]{2}$',
  '.*\\S.*',
];

describe('synthesize', () => {
  it.each(patterns)('a string for /%s/ matches it, at every seed and minimum length it allows', (pattern) => {
    for (let seed = 1; seed <= 20; seed++) {
      for (const minLength of [0, 3]) {
        if (pattern.startsWith('^8') && minLength > 3) continue;
        const value = synthesize({ type: 'string', pattern, minLength, maxLength: 80 }, seededRandom(seed), new Date());
        expect(typeof value).toBe('string');
        expect(value).toMatch(new RegExp(pattern, 'u'));
        expect((value as string).length).toBeGreaterThanOrEqual(minLength);
        expect((value as string).length).toBeLessThanOrEqual(80);
      }
    }
  });

  it('says which member it cannot make up a value for when the lengths rule out every match', () => {
    expect(() =>
      synthesize({ type: 'string', pattern: '^[0-9]{3}$', minLength: 5 }, seededRandom(1), new Date(), 'AreaCode'),
    ).toThrow('@chime-api/mocks cannot make up a value for AreaCode matching /^[0-9]{3}$/');
  });

  it('lists meet minItems; epoch-seconds timestamps are whole seconds before the reference date', () => {
    const made = synthesize(
      {
        type: 'object',
        properties: {
          Numbers: { type: 'array', minItems: 2, items: { type: 'string' } },
          At: { type: 'number', 'x-amzn-timestamp-format': 'unixTimestamp' },
        },
      },
      seededRandom(3),
      new Date('2026-01-01T00:00:00Z'),
    ) as { Numbers: string[]; At: number };
    expect(made.Numbers).toHaveLength(2);
    expect(Number.isInteger(made.At)).toBe(true);
    expect(made.At).toBeLessThanOrEqual(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(made.At).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z') / 1000 - 86_400);
  });
});
