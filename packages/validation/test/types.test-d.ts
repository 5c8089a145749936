import { describe, expectTypeOf, it } from 'vitest';
import {
  type Infer,
  LicenseValues,
  type StandardSchemaV1,
  toWire,
  UpdateUserInput,
  UpdateUserInputSchema,
  type User,
  validate,
} from '../src/index.js';

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

describe('Standard Schema types, as form libraries read them', () => {
  it('the input type is the value type (not unknown): a form over UpdateUserInput fits', () => {
    type Input = StandardSchemaV1.InferInput<typeof UpdateUserInputSchema>;
    expectTypeOf<Input>().toEqualTypeOf<Infer<typeof UpdateUserInputSchema>>();
    expectTypeOf<Input['AccountId']>().toBeString();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof UpdateUserInputSchema>>().toEqualTypeOf<Input>();
    // a form library's constraint on its values (react-hook-form's FieldValues)
    expectTypeOf<Input>().toMatchTypeOf<Record<string, unknown>>();
  });

  it('validate still takes any value', () => {
    expectTypeOf(UpdateUserInputSchema['~standard'].validate).parameter(0).toBeUnknown();
    expectTypeOf(UpdateUserInputSchema.check).parameter(0).toBeUnknown();
  });
});

describe('enum values', () => {
  it('LicenseValues is a readonly tuple of the License literals', () => {
    expectTypeOf(LicenseValues).toEqualTypeOf<readonly ['Basic', 'Plus', 'Pro', 'ProTrial']>();
    expectTypeOf<(typeof LicenseValues)[number]>().toEqualTypeOf<NonNullable<UpdateUserInput['LicenseType']>>();
  });
});
