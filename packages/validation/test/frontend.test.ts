/**
 * What a frontend takes from the package beside `validate`: each enum's values
 * at run time, one operation's validators loaded alone, and the old names.
 */
import { describe, expect, it } from 'vitest';
import {
  LicenseSchema,
  LicenseValues,
  UpdateUserInput,
  UpdateUserInputSchema,
  UpdateUserOutputSchema,
  UserTypeSchema,
  UserTypeValues,
  validate,
  validators,
} from '../src/index.js';
import { operationValidators } from '../src/loaders.gen.js';

describe('enum values at run time', () => {
  it('LicenseValues lists every licence the validator accepts, in the spec order, and nothing else', () => {
    expect(LicenseValues).toEqual(['Basic', 'Plus', 'Pro', 'ProTrial']);
    for (const value of LicenseValues) expect(validate(LicenseSchema, value).ok).toBe(true);
    expect(validate(LicenseSchema, 'Enterprise').ok).toBe(false);
  });

  it('a select built from UserTypeValues only offers values UpdateUserInputSchema accepts', () => {
    for (const UserType of UserTypeValues) {
      expect(UserTypeSchema.test(UserType)).toBe(true);
      expect(validate(UpdateUserInputSchema, { AccountId: 'a1', UserId: 'u1', UserType }).ok).toBe(true);
    }
  });
});

describe('one operation at a time', () => {
  it('the loaders give the same validators as the named exports', async () => {
    expect(await operationValidators.UpdateUser?.Input()).toBe(UpdateUserInputSchema);
    expect(await operationValidators.UpdateUser?.Output()).toBe(UpdateUserOutputSchema);
  });

  it('a loaded input validator refuses what the named one refuses, with the same issues', async () => {
    const input = await operationValidators.UpdateUser?.Input();
    const result = input?.check({ AccountId: ' ', UserId: 'u1', LicenseType: 'Gold' });
    expect(result?.ok).toBe(false);
    expect(result && !result.ok && result.issues.map((i) => i.path)).toEqual(['/AccountId', '/LicenseType']);
  });
});

describe('names from before the Schema suffix', () => {
  it('UpdateUserInput is UpdateUserInputSchema, and the validators map keeps the spec names', () => {
    expect(UpdateUserInput).toBe(UpdateUserInputSchema);
    expect(validators.UpdateUserInput).toBe(UpdateUserInputSchema);
    expect(UpdateUserInputSchema.schemaName).toBe('UpdateUserInput');
  });
});
