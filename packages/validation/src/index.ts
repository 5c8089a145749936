/**
 * @chime-api/validation: validators for every schema of the Chime spec,
 * precompiled at generate time (no eval, CSP-safe), with Standard Schema v1.
 *
 * @example
 * import { UpdateUserInputSchema, validate } from '@chime-api/validation';
 * validate(UpdateUserInputSchema, value); // { ok: true, value } | { ok: false, issues: [{ path, message }] }
 */

export type { StandardSchemaV1 } from '@standard-schema/spec';

export { formats, isDate, isDateTime, isEmail, isInt32, isInt64, isUri, isUuid, numberFormats } from './formats.js';
// the linear regexp engine (also its own entry, `@chime-api/validation/regexp`)
export * from './regexp.js';
export {
  assert,
  defineValidator,
  type Issue,
  is,
  type Result,
  toWire,
  ValidationError,
  type Validator,
  validate,
  type Wire,
} from './runtime.js';
export * from './validators.gen.js';
