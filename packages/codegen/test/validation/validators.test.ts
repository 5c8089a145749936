import {
  assert,
  defineValidator,
  is,
  isDate,
  isInt32,
  isInt64,
  isUri,
  isUuid,
  UpdateUserInput,
  UpdateUserOutput,
  User,
  ValidationError,
  type Validator,
  validate,
  validators,
} from '@chime-api/validation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonSchema, loadSpec, resolveRef } from '../../src/index.js';
import { arbitraryFor, invalidFor } from './arbitraries.js';

const spec = await loadSpec();
const all = validators as unknown as Record<string, Validator<unknown>>;

describe('spec examples', () => {
  for (const op of spec.operations) {
    for (const response of [op.success, ...op.errors]) {
      if (response.example === undefined || !response.schemaName) continue;
      it(`${op.operationId} ${response.status} example passes ${response.schemaName}`, () => {
        const result = validate(all[response.schemaName as string] as Validator<unknown>, response.example);
        expect(result).toEqual({ ok: true, value: response.example });
      });
    }
  }
});

describe('one validator per schema and per operation input and output', () => {
  it('names them after the spec', () => {
    const names = Object.keys(validators);
    for (const name of Object.keys(spec.bundled.components?.schemas ?? {})) expect(names).toContain(name);
    for (const op of spec.operations)
      expect(names).toEqual(expect.arrayContaining([`${op.operationId}Input`, `${op.operationId}Output`]));
  });
});

describe('UpdateUserInput semantics', () => {
  it('accepts the seed call', () => {
    expect(validate(UpdateUserInput, { AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' }).ok).toBe(true);
  });

  it.each([
    [{ UserId: 'u1' }, '/AccountId', 'is required'],
    // the spec's x-pattern-message, not the pattern
    [{ AccountId: '   ', UserId: 'u1' }, '/AccountId', 'must not be blank; found "   "'],
    [
      { AccountId: 'a', UserId: 'u1', LicenseType: 'Enterprise' },
      '/LicenseType',
      'must be one of "Basic", "Plus", "Pro", "ProTrial"; found "Enterprise"',
    ],
    [{ AccountId: 'a', UserId: 'u1', UserType: 3 }, '/UserType', 'found number 3'],
    [{ AccountId: 'a', UserId: 'u1', Extra: true }, '/Extra', 'is not a member the spec defines here'],
    [
      { AccountId: 'a', UserId: 'u1', AlexaForBusinessMetadata: { IsAlexaForBusinessEnabled: 'yes' } },
      '/AlexaForBusinessMetadata/IsAlexaForBusinessEnabled',
      'must be boolean; found "yes"',
    ],
  ])('%j → %s %s', (value, path, message) => {
    const result = validate(UpdateUserInput, value);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toContainEqual(
        expect.objectContaining({ path, message: expect.stringContaining(message) }),
      );
  });

  it('reports every issue at once', () => {
    const result = validate(UpdateUserInput, { LicenseType: 'x', UserType: 'y' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.path).sort()).toEqual(['/AccountId', '/LicenseType', '/UserId', '/UserType']);
  });
});

describe('pattern messages (x-pattern-message)', () => {
  it('an issue says what the spec says, not the pattern, and hides a sensitive value', () => {
    const result = validate(User, { UserId: 'u', PrimaryEmail: 'not-an-address' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: '/PrimaryEmail',
        message: 'must be an email address; found a string of 14 characters (not shown: sensitive)',
        keyword: 'pattern',
      },
    ]);
    expect(JSON.stringify(result.issues)).not.toContain('.+@');
  });

  it('Standard Schema and assert carry the same message', async () => {
    const verdict = await UpdateUserInput['~standard'].validate({ AccountId: 'a', UserId: ' ' });
    expect(verdict.issues?.[0]?.message).toBe('must not be blank; found " "');
    expect(() => assert(UpdateUserInput, { AccountId: '', UserId: 'u' })).toThrow('/AccountId: must not be blank');
  });

  it('falls back to the pattern when the spec gives no message', () => {
    const raw = Object.assign(() => false, {
      errors: [{ instancePath: '/Code', keyword: 'pattern', params: { pattern: '^[A-Z]+$' } }],
    });
    const result = defineValidator<unknown>('Fixture', raw, []).check({ Code: 'abc' });
    expect(!result.ok && result.issues[0]?.message).toBe('must match the pattern /^[A-Z]+$/; found "abc"');
  });
});

describe('formats', () => {
  it.each([
    ['2019-05-01T16:02:35Z', true],
    ['2019-05-01T16:02:35.123+02:00', true],
    ['2020-02-29T00:00:00Z', true],
    ['2016-12-31T23:59:60Z', true],
    ['2019-02-29T00:00:00Z', false],
    ['2019-13-01T00:00:00Z', false],
    ['2019-05-01T16:02:35', false],
    ['2019-05-01', false],
    ['2019-05-01T12:00:60Z', false],
  ])('date-time %s → %s', (value, ok) => {
    expect(validate(User, { UserId: 'u', RegisteredOn: value }).ok).toBe(ok);
  });
  it.each([
    [isDate, '2024-02-29', true],
    [isDate, '2026-12-31', true],
    [isDate, '2026-02-29', false],
    [isDate, '2026-2-01', false],
    [isDate, '2026-02-01T00:00:00Z', false],
    [isUuid, '6f1c2b9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f', true],
    [isUuid, '6F1C2B9E-1D2A-4C3B-8E4F-5A6B7C8D9E0F', true],
    [isUuid, '6f1c2b9e1d2a4c3b8e4f5a6b7c8d9e0f', false],
    [isUuid, '6f1c2b9e-1d2a-4c3b-8e4f-5a6b7c8d9e0g', false],
    [isUri, 'https://example.com/a%20b?q=1#f', true],
    [isUri, 'urn:isbn:0451450523', true],
    [isUri, 'mailto:ann@example.com', true],
    [isUri, '/relative/path', false],
    [isUri, 'https://example.com/a b', false],
    [isUri, 'https://example.com/%zz', false],
    [isUri, '1http://example.com', false],
  ] as const)('%o %s → %s', (check, value, ok) => {
    expect(check(value)).toBe(ok);
  });

  it.each([
    [isInt32, 2147483647, true],
    [isInt32, 2147483648, false],
    [isInt32, -2147483648, true],
    [isInt64, Number.MAX_SAFE_INTEGER, true],
    [isInt64, -(2 ** 63), true],
    [isInt64, 2 ** 63, false],
    [isInt64, 1.5, false],
  ] as const)('%o %d → %s', (check, value, ok) => {
    expect(check(value)).toBe(ok);
  });
});

describe('API', () => {
  it('assert throws a ValidationError listing all issues', () => {
    expect(() => assert(UpdateUserInput, {})).toThrow(ValidationError);
    try {
      assert(UpdateUserInput, {});
    } catch (error) {
      expect((error as ValidationError).issues).toHaveLength(2);
      expect((error as Error).message).toContain('/AccountId: is required');
      expect((error as Error).message).toContain('/UserId: is required');
    }
  });

  it('is() is a type guard', () => {
    const value: unknown = { User: { UserId: 'u' } };
    expect(is(UpdateUserOutput, value)).toBe(true);
    expect(is(UpdateUserOutput, { User: {} })).toBe(false);
  });

  it('implements Standard Schema v1', async () => {
    const std = UpdateUserInput['~standard'];
    expect(std.version).toBe(1);
    expect(std.vendor).toBe('chime-api');
    expect(await std.validate({ AccountId: 'a', UserId: 'u' })).toEqual({ value: { AccountId: 'a', UserId: 'u' } });
    const failed = await std.validate({
      AccountId: 'a',
      UserId: 'u',
      AlexaForBusinessMetadata: { AlexaForBusinessRoomArn: 1 },
    });
    expect(failed.issues?.[0]?.path).toEqual(['AlexaForBusinessMetadata', 'AlexaForBusinessRoomArn']);
  });
});

describe('property-based', () => {
  const targets = Object.entries(spec.bundled.components?.schemas ?? {})
    .filter(([, s]) => resolveRef<JsonSchema>(spec.bundled, s).properties)
    .map(([name]) => name);

  it.each(targets)('values generated from %s pass', (name) => {
    const arb = arbitraryFor(spec.bundled, { $ref: `#/components/schemas/${name}` });
    fc.assert(
      fc.property(arb, (value) => validate(all[name] as Validator<unknown>, value).ok),
      { numRuns: 200 },
    );
  });

  it.each(targets)('a single bad member of %s fails at its path', (name) => {
    const schema = resolveRef<JsonSchema>(spec.bundled, { $ref: `#/components/schemas/${name}` });
    const members = Object.entries(schema.properties ?? {}).filter(
      ([, s]) => invalidFor(spec.bundled, s) !== undefined,
    );
    fc.assert(
      fc.property(arbitraryFor(spec.bundled, schema), fc.constantFrom(...members), (value, [member, memberSchema]) => {
        const mutated = { ...(value as object), [member]: invalidFor(spec.bundled, memberSchema) };
        const result = validate(all[name] as Validator<unknown>, mutated);
        return !result.ok && result.issues.some((i) => i.path === `/${member}` || i.path.startsWith(`/${member}/`));
      }),
      { numRuns: 200 },
    );
  });

  it('inputs generated from the flat UpdateUserInput schema pass, and blank path members fail', () => {
    const op = spec.operations.find((o) => o.operationId === 'UpdateUser');
    const properties = Object.fromEntries(op?.members.map((m) => [m.name, m.schema]) ?? []);
    const arb = arbitraryFor(spec.bundled, { type: 'object', properties, required: ['AccountId', 'UserId'] });
    fc.assert(
      fc.property(
        arb,
        fc.constantFrom('AccountId', 'UserId'),
        fc.constantFrom('', ' ', '\t\n'),
        (value, member, blank) => {
          if (!validate(UpdateUserInput, value).ok) return false;
          const result = validate(UpdateUserInput, { ...(value as object), [member]: blank });
          return !result.ok && result.issues.some((i) => i.path === `/${member}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
