/** What the mocks throw: a definition that does not match the spec, and an invalid request under `onInvalidRequest: 'throw'`. */
import type { Issue } from '@chime-api/validation';

/** A `reply` payload, a store seed or an option that does not match the spec. */
export class MockDefinitionError extends Error {
  override name = 'MockDefinitionError';
}

/** A request that `onInvalidRequest: 'throw'` turned into a failing test. */
export class InvalidMockRequestError extends Error {
  override name = 'InvalidMockRequestError';
  constructor(
    message: string,
    readonly issues: readonly Issue[],
  ) {
    super(message);
  }
}
