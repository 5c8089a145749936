import { describe, expectTypeOf, it } from 'vitest';
import { type Infer, toWire, UpdateUserInput, type User, validate } from '../src/index.js';

describe('types', () => {
  it('a successful validate narrows to the generated type', () => {
    const result = validate(UpdateUserInput, {} as unknown);
    if (result.ok) {
      expectTypeOf(result.value).toEqualTypeOf<UpdateUserInput>();
      expectTypeOf(result.value.AccountId).toBeString();
      expectTypeOf(result.value.LicenseType).toEqualTypeOf<'Basic' | 'Plus' | 'Pro' | 'ProTrial' | undefined>();
    } else {
      expectTypeOf(result.issues[0]).toMatchTypeOf<{ path: string; message: string } | undefined>();
    }
  });

  it('Infer gives the value type', () => {
    expectTypeOf<Infer<typeof User>>().toEqualTypeOf<User>();
    expectTypeOf<User['RegisteredOn']>().toEqualTypeOf<string | undefined>();
  });
});

describe('wire and client shapes', () => {
  it('toWire turns Date members into strings: a client-shaped User fits the wire User', () => {
    const fromClient = { UserId: 'u1', RegisteredOn: new Date(), InvitedOn: undefined as Date | undefined };
    expectTypeOf(toWire(fromClient).RegisteredOn).toEqualTypeOf<string>();
    expectTypeOf(toWire(fromClient)).toMatchTypeOf<User>();
    expectTypeOf(fromClient).not.toMatchTypeOf<User>();
  });
});
