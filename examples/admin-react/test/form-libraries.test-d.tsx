/**
 * What each form library's types take: the validators as they are. A schema
 * whose input type is `unknown` (what `Validator<T>` was) is refused by both,
 * which is why the validators' input type is the value type.
 */
import { type Infer, type StandardSchemaV1, UpdateUserInputSchema } from '@chime-api/validation';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { useForm as useTanStackForm } from '@tanstack/react-form';
import { useForm as useHookForm } from 'react-hook-form';
import { describe, expectTypeOf, it } from 'vitest';

type Values = Infer<typeof UpdateUserInputSchema>;
const defaultValues: Values = { AccountId: '', UserId: '' };
declare const unknownInput: StandardSchemaV1<unknown, Values>;

describe('form libraries take the validators without a cast', () => {
  it('react-hook-form: standardSchemaResolver(UpdateUserInputSchema) is a resolver of the values', () => {
    const resolver = standardSchemaResolver(UpdateUserInputSchema);
    const form = () => useHookForm<Values>({ resolver, defaultValues });
    expectTypeOf(form().getValues()).toEqualTypeOf<Values>();
    // @ts-expect-error unknown input is not FieldValues: the error the validators used to give
    standardSchemaResolver(unknownInput);
  });

  it('TanStack Form: validators.onSubmit takes it, the form values are the validator type', () => {
    const form = () => useTanStackForm({ defaultValues, validators: { onSubmit: UpdateUserInputSchema } });
    expectTypeOf<ReturnType<typeof form>['state']['values']>().toEqualTypeOf<Values>();
  });
});
