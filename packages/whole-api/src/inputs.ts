/**
 * Inputs for every operation, made from the official model (not from the
 * generated code under test): a valid one, as a boto3 user would pass it
 * (timestamps as `Date`s), and an invalid one that the service answers with
 * a 400, with the member it breaks.
 */
import {
  camel,
  exampleValue,
  type LoadedModel,
  type ModelMemberRef,
  type ModelShape,
  modelTimestampFormat,
  wireLocation,
} from '@chime-api/codegen';

export interface OperationCase {
  /** The model's name (`UpdateUser`). */
  operation: string;
  /** The client's method (`updateUser`). */
  method: string;
  /** Valid flat input. */
  input: Record<string, unknown>;
  /** An input the service refuses with a 400, or why none can be made. */
  invalid: { input: Record<string, unknown>; member: string; wireName: string; how: string } | { none: string };
}

function membersOf(model: LoadedModel, operation: string): [string, ModelMemberRef, ModelShape][] {
  const op = model.service.operations[operation];
  const shape = op?.input ? model.service.shapes[op.input.shape] : undefined;
  return Object.entries(shape?.members ?? {}).map(([name, ref]) => [
    name,
    ref,
    model.service.shapes[ref.shape] as ModelShape,
  ]);
}

function requiredOf(model: LoadedModel, operation: string): Set<string> {
  const op = model.service.operations[operation];
  return new Set((op?.input ? model.service.shapes[op.input.shape]?.required : undefined) ?? []);
}

/** A valid flat input of a first call: required members, and optional ones the example maker can fill (not a page token). */
export function validInput(model: LoadedModel, operation: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const required = requiredOf(model, operation);
  // a first page: the paginator's token is whatever the previous page handed back, so none
  const pageToken = model.paginators.pagination[operation]?.input_token;
  for (const [name, ref, shape] of membersOf(model, operation)) {
    if (name === pageToken && !required.has(name)) continue;
    const location = wireLocation(ref);
    if (shape.type === 'timestamp') {
      // what a caller passes: a Date, whatever the wire form
      input[name] = new Date('2024-01-01T00:00:00Z');
      continue;
    }
    try {
      input[name] = exampleValue(model.service, ref.shape, (s) => modelTimestampFormat(s, location));
    } catch (error) {
      if (required.has(name)) throw error;
    }
  }
  return input;
}

/** Leaves a member out of the input (rather than setting it). */
const LEFT_OUT = Symbol('left out');

type Breaker = (member: {
  name: string;
  ref: ModelMemberRef;
  shape: ModelShape;
  required: boolean;
}) => { value: unknown; how: string } | undefined;

/**
 * Ways to break an input, tried in order over every member; the first that
 * applies to some member makes the invalid input.
 */
const BREAKERS: Breaker[] = [
  // not an idempotency token (clients fill those) nor a path member (the client refuses those itself)
  ({ ref, required }) =>
    required && !ref.idempotencyToken && wireLocation(ref) !== 'path'
      ? { value: LEFT_OUT, how: 'a required member left out' }
      : undefined,
  ({ shape }) => (shape.enum?.length ? { value: 'NotInTheModel', how: 'a value outside the enum' } : undefined),
  ({ ref, shape }) =>
    shape.type === 'string' && shape.max !== undefined && wireLocation(ref) !== 'header'
      ? { value: 'a'.repeat(shape.max + 1), how: `${shape.max + 1} characters, over the maximum ${shape.max}` }
      : undefined,
  ({ shape }) =>
    (shape.type === 'integer' || shape.type === 'long') && shape.max !== undefined
      ? { value: shape.max + 1, how: `${shape.max + 1}, over the maximum ${shape.max}` }
      : undefined,
  ({ ref, shape }) =>
    wireLocation(ref) === 'path' && shape.pattern && !new RegExp(shape.pattern, 'u').test(' ')
      ? { value: ' ', how: 'a blank path member' }
      : undefined,
  ({ ref, shape }) =>
    wireLocation(ref) === 'body'
      ? { value: shape.type === 'string' ? 42 : `not-a-${shape.type}`, how: `a value not of type ${shape.type}` }
      : undefined,
];

/**
 * An input the service answers with a 400: a required member left out, else
 * an enum value the model does not list, else a string one character over
 * its maximum, else an integer over its maximum, else a whitespace-only path
 * member where the pattern wants a non-blank one, else a body member of the
 * wrong JSON type.
 */
export function invalidInput(model: LoadedModel, operation: string): OperationCase['invalid'] {
  const valid = validInput(model, operation);
  const required = requiredOf(model, operation);
  const members = membersOf(model, operation);
  for (const breaker of BREAKERS) {
    for (const [name, ref, shape] of members) {
      const broken = breaker({ name, ref, shape, required: required.has(name) });
      if (!broken) continue;
      const { [name]: _left, ...others } = valid;
      const input = broken.value === LEFT_OUT ? others : { ...valid, [name]: broken.value };
      return { input, member: name, wireName: ref.locationName ?? name, how: broken.how };
    }
  }
  return { none: members.length === 0 ? 'it takes no input' : 'none of its members has a constraint to break' };
}

/** Every operation of the model (or of `names`) with its inputs. */
export function operationCases(model: LoadedModel, names: readonly string[]): OperationCase[] {
  return names.map((operation) => ({
    operation,
    method: camel(operation),
    input: validInput(model, operation),
    invalid: invalidInput(model, operation),
  }));
}
