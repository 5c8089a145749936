import type { StandardSchemaV1 } from '@standard-schema/spec';

/** One reason a value was refused: where (a JSON pointer) and what was expected and found. */
export interface Issue {
  /** JSON pointer of the member, `''` for the value itself (`/User/PrimaryEmail`). */
  path: string;
  /** What was expected and what was found; never the value of a sensitive member. */
  message: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `pattern`, ...). */
  keyword: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type RawValidator = ((data: unknown, options?: unknown) => boolean) & { errors?: AjvError[] | null };

/**
 * A precompiled validator for values of type `T`; also a Standard Schema v1
 * whose input and output types are both `T`. Form libraries read the input
 * type as the form's values (TanStack Form's `validators.onSubmit`,
 * react-hook-form's `standardSchemaResolver`), so `T` is what they take, as
 * it is; `check` and `~standard.validate` still accept any value.
 */
export interface Validator<T> extends StandardSchemaV1<T, T> {
  /** The schema's name in the spec (`User`, `UpdateUserInput`). */
  readonly schemaName: string;
  /** Validates `value`: every issue, never a throw. */
  check(value: unknown): Result<T>;
  /** The verdict alone, as a type guard: no result object, no issues. */
  test(value: unknown): value is T;
}

const MAX_SHOWN = 40;

const unescapeKey = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function segments(pointer: string): string[] {
  if (pointer === '') return [];
  const parts = pointer.slice(1).split('/');
  return pointer.includes('~') ? parts.map(unescapeKey) : parts;
}

/** Set by {@link at}: whether the pointer it last followed names a sensitive member. */
let sensitiveAt = false;

/**
 * The value at `pointer` in `root` (undefined when absent), in one pass over
 * the pointer with no array built: issues are read in forms, on every keystroke.
 */
function at(root: unknown, pointer: string, sensitiveNames: readonly string[]): unknown {
  let value = root;
  sensitiveAt = false;
  try {
    for (let start = 1; start <= pointer.length; ) {
      let end = pointer.indexOf('/', start);
      if (end < 0) end = pointer.length;
      let key = pointer.slice(start, end);
      if (key.includes('~')) key = unescapeKey(key);
      if (sensitiveNames.includes(key)) sensitiveAt = true;
      start = end + 1;
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) value = undefined;
      else value = (value as Record<string, unknown>)[key];
    }
  } catch {
    return undefined; // a getter that throws: described as nothing
  }
  return value;
}

/** "must be one of ..." per enum: the generated code passes the schema's own array, so it is built once. */
const enumMessages = new WeakMap<object, string>();
function oneOf(allowed: unknown[]): string {
  let message = enumMessages.get(allowed);
  if (message === undefined) {
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    enumMessages.set(allowed, message);
  }
  return message;
}

/** Describes a value for a message; sensitive members show their type and size only. */
function describe(value: unknown, sensitive: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  switch (typeof value) {
    case 'string':
      if (sensitive) return `a string of ${value.length} characters (not shown: sensitive)`;
      return value.length > MAX_SHOWN
        ? `${JSON.stringify(value.slice(0, MAX_SHOWN))}… (${value.length} characters)`
        : JSON.stringify(value);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    case 'number':
    case 'boolean':
      return sensitive ? `a ${typeof value} (not shown: sensitive)` : `${typeof value} ${String(value)}`;
    default:
      return typeof value;
  }
}

const escapeKey = (key: string) =>
  key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;

function toIssue(error: AjvError, root: unknown, sensitiveNames: readonly string[]): Issue {
  let path = error.instancePath;
  let expected: string;
  const params = error.params;
  switch (error.keyword) {
    case 'required':
      path = `${path}/${escapeKey(String(params.missingProperty))}`;
      expected = 'is required';
      break;
    case 'additionalProperties':
      path = `${path}/${escapeKey(String(params.additionalProperty))}`;
      expected = 'is not a member the spec defines here; remove it';
      break;
    case 'enum':
      expected = oneOf(params.allowedValues as unknown[]);
      break;
    case 'type':
      expected = `must be ${String(params.type).replace(',', ' or ')}`;
      break;
    case 'pattern':
      // the spec's x-pattern-message when it gives one, else the pattern itself
      expected =
        typeof params.message === 'string' ? params.message : `must match the pattern /${String(params.pattern)}/`;
      break;
    case 'format':
      expected = `must be a valid ${String(params.format)}${params.format === 'date-time' ? ' (RFC 3339, e.g. 2019-05-01T16:02:35Z)' : ''}`;
      break;
    default:
      expected = `must satisfy ${error.keyword}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`;
  }
  if (error.keyword === 'additionalProperties') return { path, message: expected, keyword: error.keyword };
  const value = at(root, path, sensitiveNames);
  return { path, message: `${expected}; found ${describe(value, sensitiveAt)}`, keyword: error.keyword };
}

/**
 * A failed verdict whose issues are worked out when first read: code that only
 * looks at `ok` pays for the check alone. Ajv gives each call a fresh errors
 * array, so later validations never change these issues.
 */
class Invalid {
  readonly ok = false as const;
  #issues: Issue[] | undefined;
  constructor(
    private readonly errors: readonly AjvError[],
    private readonly root: unknown,
    private readonly sensitiveNames: readonly string[],
  ) {}

  get issues(): Issue[] {
    if (!this.#issues) {
      const issues = this.errors.map((e) => toIssue(e, this.root, this.sensitiveNames));
      this.#issues = issues.length ? issues : [{ path: '', message: 'is not valid', keyword: 'unknown' }];
    }
    return this.#issues;
  }

  toJSON() {
    return { ok: false, issues: this.issues };
  }
}

function failed(message: string): Result<never> {
  return { ok: false, issues: [{ path: '', message, keyword: 'unknown' }] };
}

/** Wraps a generated Ajv function; used by the generated validators module. */
export function defineValidator<T>(
  schemaName: string,
  raw: RawValidator,
  sensitiveNames: readonly string[],
): Validator<T> {
  const check = (value: unknown): Result<T> => {
    try {
      if (raw(value)) return { ok: true, value: value as T };
      return new Invalid(raw.errors ?? [], value, sensitiveNames);
    } catch (error) {
      // e.g. a getter that throws, or a stack exhausted by a cyclic object: still a verdict
      return failed(`could not be validated: ${error instanceof Error ? error.name : 'error'}`);
    }
  };
  const test = (value: unknown): value is T => {
    try {
      return raw(value);
    } catch {
      return false;
    }
  };
  return {
    schemaName,
    check,
    test,
    '~standard': {
      version: 1,
      vendor: 'chime-api',
      validate(value: unknown) {
        const result = check(value);
        return result.ok
          ? { value: result.value }
          : { issues: result.issues.map((i) => ({ message: i.message, path: segments(i.path) })) };
      },
    },
  };
}

/**
 * Validates `value` against a validator.
 *
 * @example
 * const result = validate(UpdateUserInput, form);
 * if (!result.ok) for (const issue of result.issues) console.log(issue.path, issue.message);
 */
export function validate<T>(validator: Validator<T>, value: unknown): Result<T> {
  return validator.check(value);
}

/** A type guard: true when `value` is valid. */
export function is<T>(validator: Validator<T>, value: unknown): value is T {
  return validator.test(value);
}

/** Thrown by {@link assert}; lists every issue. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    readonly schemaName: string,
    readonly issues: readonly Issue[],
  ) {
    super(`${schemaName} is not valid:\n${issues.map((i) => `  ${i.path || '(the value)'}: ${i.message}`).join('\n')}`);
  }
}

/**
 * Throws a {@link ValidationError} listing all issues unless `value` is valid.
 *
 * @example assert(User, body); body.UserId // typed
 */
export function assert<T>(validator: Validator<T>, value: unknown): asserts value is T {
  const result = validator.check(value);
  if (!result.ok) throw new ValidationError(validator.schemaName, result.issues);
}

/**
 * A value in its wire form: every `Date` becomes the string JSON would carry.
 * The validators check the wire shape (the spec's `format: date-time` members
 * are RFC 3339 strings); `@chime-api/client` hands back those members as `Date`s.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * Converts a value the client returned (with `Date`s) back to its wire form
 * (RFC 3339 strings, as `JSON.stringify` writes them), so that a validator,
 * which checks the wire shape, accepts it. Plain objects and arrays are
 * copied; the value passed in is not changed.
 *
 * @example
 * const { User: user } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1' });
 * validate(User, toWire(user)); // { ok: true, ... }: user.RegisteredOn was a Date
 */
export function toWire<T>(value: T): Wire<T> {
  const copy = (v: unknown, ancestors: Set<unknown>): unknown => {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString(); // null, as JSON writes it
    if (v === null || typeof v !== 'object' || ancestors.has(v)) return v;
    ancestors.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((item) => copy(item, ancestors));
    else {
      const record: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        // an own "__proto__" key stays a key, as JSON.parse would make it
        Object.defineProperty(record, key, {
          value: copy((v as Record<string, unknown>)[key], ancestors),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out = record;
    }
    ancestors.delete(v);
    return out;
  };
  return copy(value, new Set()) as Wire<T>;
}
