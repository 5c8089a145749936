/**
 * The service's wording for constraints the Chime spec does not use on its
 * input (length, a sensitive member with a pattern, a missing member), on a
 * small input schema of its own; the spec's own constraints are covered
 * end to end in scenarios.test.ts.
 */
import type { Issue } from '@chime-api/validation';
import { describe, expect, it } from 'vitest';
import { awsValidationMessage } from '../src/messages.js';

const context = (input: Record<string, unknown>) => ({
  members: [
    { name: 'RoomId', in: 'path' as const, wireName: 'roomId', required: true },
    { name: 'Name', in: 'body' as const, wireName: 'Name', required: true },
    { name: 'Pin', in: 'body' as const, wireName: 'Pin', required: false },
    { name: 'Settings', in: 'body' as const, wireName: 'Settings', required: false },
  ],
  inputSchema: {
    type: 'object',
    properties: {
      RoomId: { type: 'string', minLength: 1, maxLength: 36 },
      Name: { type: 'string', maxLength: 8 },
      Pin: { type: 'string', pattern: '^[0-9]{4,10}$' },
      Settings: { type: 'object', properties: { MaxSeats: { type: 'integer', minimum: 1, maximum: 100 } } },
    },
  },
  sensitive: ['Pin'],
  input,
});
const issue = (path: string, keyword: string): Issue => ({ path, keyword, message: 'x' });

describe('AWS validation wording', () => {
  it('length, both ways, naming a path member by its location name', () => {
    expect(awsValidationMessage([issue('/RoomId', 'maxLength')], context({ RoomId: 'r'.repeat(40) }))).toBe(
      `1 validation error detected: Value '${'r'.repeat(40)}' at 'roomId' failed to satisfy constraint: Member must have length less than or equal to 36`,
    );
    expect(awsValidationMessage([issue('/RoomId', 'minLength')], context({ RoomId: '' }))).toBe(
      "1 validation error detected: Value '' at 'roomId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('never shows a sensitive value: `Value at` with no value, as AWS writes it', () => {
    const message = awsValidationMessage([issue('/Pin', 'pattern')], context({ Pin: 'secret-pin' }));
    expect(message).toBe(
      "1 validation error detected: Value at 'pin' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{4,10}$",
    );
    expect(message).not.toContain('secret-pin');
  });

  it('a missing member is `Value null ... Member must not be null`; nested members are dotted lower camel', () => {
    expect(
      awsValidationMessage(
        [issue('/Name', 'required'), issue('/Settings/MaxSeats', 'maximum')],
        context({ Settings: { MaxSeats: 500 } }),
      ),
    ).toBe(
      "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value '500' at 'settings.maxSeats' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it("a wrong type is the deserializer's message, and names no value", () => {
    expect(
      awsValidationMessage([issue('/Settings/MaxSeats', 'type')], context({ Settings: { MaxSeats: 'many' } })),
    ).toBe('STRING_VALUE can not be converted to an Integer');
    expect(awsValidationMessage([issue('/Pin', 'type')], context({ Pin: true }))).toBe(
      'TRUE_VALUE can not be converted to a String',
    );
  });
});
