/**
 * Validation's types and validators are the wire shape (date-times as RFC 3339
 * strings); the client's `User` has `Date`s. The generated docs say so, and
 * `toWire` turns a client value back into the wire form the validators check.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { is, toWire, UpdateUserOutput, User, validate } from '../src/index.js';

/** A User as `@chime-api/client` returns it: its date-time members decoded to Dates. */
const clientUser = {
  UserId: 'u1',
  PrimaryEmail: 'jane@example.com',
  LicenseType: 'Pro' as const,
  RegisteredOn: new Date('2019-05-01T16:02:35Z'),
  InvitedOn: new Date('2019-04-30T09:12:01.250Z'),
};

describe('toWire: validating what the client returns', () => {
  it('the wire validator refuses Dates as they are, and accepts them through toWire', () => {
    expect(is(User, clientUser)).toBe(false);
    const result = validate(User, toWire(clientUser));
    expect(result).toEqual({
      ok: true,
      value: { ...clientUser, RegisteredOn: '2019-05-01T16:02:35.000Z', InvitedOn: '2019-04-30T09:12:01.250Z' },
    });
    expect(validate(UpdateUserOutput, toWire({ User: clientUser })).ok).toBe(true);
    expect(clientUser.RegisteredOn).toBeInstanceOf(Date); // nothing changed in place
  });

  it('an invalid Date becomes null, as JSON writes it, and is refused', () => {
    const result = validate(User, toWire({ UserId: 'u1', RegisteredOn: new Date(Number.NaN) }));
    expect(!result.ok && result.issues[0]).toMatchObject({
      path: '/RegisteredOn',
      message: 'must be string; found null',
    });
  });

  it('keeps __proto__ an ordinary key, and survives a cycle', () => {
    const hostile = JSON.parse('{"UserId":"u1","__proto__":{"x":1}}');
    const wire = toWire(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(wire)).toBe(Object.prototype);
    expect(Object.keys(wire)).toEqual(['UserId', '__proto__']);
    expect(validate(User, wire).ok).toBe(false); // an unknown member
    const cyclic: Record<string, unknown> = { UserId: 'u1' };
    cyclic.self = cyclic;
    expect(validate(User, toWire(cyclic)).ok).toBe(false);
  });
});

describe('the generated docs name the wire shape', () => {
  const generated = readFileSync(resolve(import.meta.dirname, '../src/validators.gen.ts'), 'utf8');
  const docOf = (declaration: string) => {
    const at = generated.indexOf(declaration);
    expect(at, declaration).toBeGreaterThan(0);
    return generated.slice(generated.lastIndexOf('/**', at), at);
  };

  it.each(['export const User:', 'export type User =', 'export const UpdateUserOutput:'])('%s', (declaration) => {
    const doc = docOf(declaration);
    expect(doc).toContain('Wire shape (JSON as sent)');
    expect(doc).toContain('RFC 3339 strings, where `@chime-api/client` uses `Date`s');
    expect(doc).toMatch(/validate\((User|UpdateUserOutput), toWire\(value\)\)/);
  });
});
