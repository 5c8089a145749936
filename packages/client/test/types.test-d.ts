import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChimeClientError,
  type ChimeServiceException,
  createChimeClient,
  type ErrorCode,
  isNetworkError,
  NotFoundException,
  type ResponseMetadata,
  type ThrottledClientException,
  type UpdateUserError,
  type UpdateUserInput,
  type UpdateUserOutput,
} from '../src/index.js';

const chime = createChimeClient();

describe('types', () => {
  it('takes the seed input and returns Dates', async () => {
    const output = await chime.updateUser({ AccountId: 'a', UserId: 'u', LicenseType: 'Pro' });
    expectTypeOf(output.User?.RegisteredOn).toEqualTypeOf<Date | undefined>();
    expectTypeOf(output.User?.LicenseType).toEqualTypeOf<'Basic' | 'Plus' | 'Pro' | 'ProTrial' | undefined>();
    expectTypeOf(output.$metadata.attempts).toBeNumber();
  });

  it('refuses a wrong LicenseType or a missing UserId', () => {
    // @ts-expect-error: 'Gold' is not a License
    chime.updateUser({ AccountId: 'a', UserId: 'u', LicenseType: 'Gold' });
    // @ts-expect-error: UserId is required
    chime.updateUser({ AccountId: 'a' });
    // @ts-expect-error: not a member of the input
    chime.updateUser({ AccountId: 'a', UserId: 'u', Nickname: 'x' });
    expectTypeOf<UpdateUserInput['UserType']>().toEqualTypeOf<'PrivateUser' | 'SharedDevice' | undefined>();
  });

  it('errors narrow by class', () => {
    const error: unknown = null;
    if (error instanceof NotFoundException) {
      expectTypeOf(error).toEqualTypeOf<NotFoundException>();
      expectTypeOf(error.$metadata.requestId).toEqualTypeOf<string | undefined>();
      expectTypeOf(error.$fault).toEqualTypeOf<'client'>();
    }
    expectTypeOf<ThrottledClientException>().toMatchTypeOf<ChimeServiceException>();
    expectTypeOf<NotFoundException>().toMatchTypeOf<UpdateUserError>();
  });

  it('the output type users annotate with carries $metadata', async () => {
    const output: UpdateUserOutput = await chime.updateUser({ AccountId: 'a', UserId: 'u' });
    expectTypeOf(output.$metadata).toEqualTypeOf<ResponseMetadata>();
    const keep = async (): Promise<UpdateUserOutput> => chime.updateUser({ AccountId: 'a', UserId: 'u' });
    expectTypeOf(keep).returns.resolves.toHaveProperty('$metadata');
  });

  it('Code is PascalCase on every error, typed by the spec where it has an enum', () => {
    expectTypeOf<NotFoundException['Code']>().toEqualTypeOf<ErrorCode | undefined>();
    expectTypeOf<ChimeServiceException['Code']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ChimeClientError['Code']>().toEqualTypeOf<
      'InvalidInput' | 'ValidationFailed' | 'CredentialsError' | 'InvalidResponse' | 'InvalidConfiguration'
    >();
  });

  it('network failures, timeouts and aborts narrow to one shape', () => {
    const error: unknown = null;
    if (isNetworkError(error)) {
      expectTypeOf(error.Code).toEqualTypeOf<'NetworkError' | 'TimeoutError' | 'AbortError'>();
      expectTypeOf(error.$metadata).toEqualTypeOf<ResponseMetadata>();
      expectTypeOf(error.cause).toBeUnknown();
    }
  });
});
