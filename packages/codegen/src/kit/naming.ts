/**
 * The one naming function: every identifier the generators splice into code
 * comes from a spec name through {@link pascal} or {@link camel}, and the
 * loader checks that no two spec names become the same identifier
 * ({@link NameRegistry}), so a collision is reported with both places in the
 * spec instead of surfacing as a tsc error in generated code.
 */

/** Words of a spec name: runs of identifier characters, anything else separates. */
function words(raw: string): string[] {
  return raw.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await'
  ).split(' '),
);

/** A name that is not a valid or allowed identifier gets `_` in front (`3d` → `_3d`, `delete` → `_delete`). */
function safe(name: string): string {
  if (name === '') return '_';
  return /^[0-9]/.test(name) || RESERVED.has(name) ? `_${name}` : name;
}

/**
 * PascalCase identifier of a spec name: a type, class or validator name.
 * Each word's first letter is upper-cased, the rest kept as written.
 * @example pascal('get-thing') // 'GetThing'
 * @example pascal('UpdateUser') // 'UpdateUser'
 */
export function pascal(raw: string): string {
  return safe(joined(raw));
}

function joined(raw: string): string {
  return words(raw)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/**
 * camelCase identifier of a spec name: a method or value name.
 * @example camel('get-thing') // 'getThing'
 * @example camel('UpdateUser') // 'updateUser'
 */
export function camel(raw: string): string {
  const p = joined(raw);
  return safe(p.charAt(0).toLowerCase() + p.slice(1));
}

/** Where a name comes from: what it is, and its JSON pointer in the root spec file. */
export interface NameSource {
  /** The name as the spec writes it. */
  raw: string;
  /** What it names, for the message: `operationId`, `component schema`, `x-amzn-error-code`. */
  what: string;
  pointer: string;
}

/** Two spec names that became one identifier. */
export interface NameCollision {
  identifier: string;
  first: NameSource;
  second: NameSource;
}

/**
 * Identifiers claimed in one generated namespace. The same spec name claimed
 * twice (an error code shared by operations) is one identifier; two different
 * spec names that sanitise to the same identifier are a collision.
 */
export class NameRegistry {
  readonly #claimed = new Map<string, NameSource>();
  readonly collisions: NameCollision[] = [];

  /** Records `identifier` as coming from `source`; returns the identifier. */
  claim(identifier: string, source: NameSource): string {
    const first = this.#claimed.get(identifier);
    if (!first) this.#claimed.set(identifier, source);
    else if (first.raw !== source.raw || first.what !== source.what)
      this.collisions.push({ identifier, first, second: source });
    return identifier;
  }
}

/**
 * The validator of a spec schema or operation shape: its PascalCase name and
 * `Schema` (`User` → `UserSchema`), so an editor's auto-import never confuses
 * it with `@chime-api/client`'s type or exception class of the same spec name.
 * @example validatorName('UpdateUserInput') // 'UpdateUserInputSchema'
 */
export function validatorName(raw: string): string {
  return `${joined(raw) || '_'}Schema`;
}

/**
 * The readonly tuple of an enum schema's values (`License` → `LicenseValues`).
 * @example enumValuesName('License') // 'LicenseValues'
 */
export function enumValuesName(raw: string): string {
  return `${joined(raw) || '_'}Values`;
}

/**
 * The first letter upper-cased, the rest as written: a member name from a
 * wire name (`userId` → `UserId`), as botocore names members.
 * @example upperFirst('userId') // 'UserId'
 */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The first letter lower-cased, the rest as written: a property from a class
 * or shape name (`UsersApi` → `usersApi`, `NotFoundException` → `notFoundException`).
 * @example lowerFirst('NotFoundException') // 'notFoundException'
 */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * PascalCase of a kebab- or snake-case segment, `-` and `_` both separating
 * (a tag from a path segment: `voice-connectors` → `VoiceConnectors`).
 * @example kebabToPascal('phone-number_orders') // 'PhoneNumberOrders'
 */
export function kebabToPascal(segment: string): string {
  return segment.split(/[-_]/).filter(Boolean).map(upperFirst).join('');
}

/** Names the generated modules declare themselves: a spec name must not become one of them. */
export const GENERATED_NAMES: readonly string[] = [
  'Schemas',
  'Infer',
  'Validator',
  'OperationTypes',
  'OperationTable',
  'ChimeServiceException',
  'ChimeClientError',
  'ChimeNetworkError',
];

/** The types the client declares for each operation, after its `typeName`. */
export const OPERATION_TYPE_SUFFIXES: readonly string[] = ['Input', 'Output', 'Error', 'Body'];

/**
 * Names an operation's values must not take in the client's module: the
 * generated module's own and the runtime's beside them (`paginate`, the wire
 * steps), and the client's other members (`chime.send`, `chime.raw`), where
 * the operation's method would go.
 */
export const CLIENT_RESERVED_VALUES: readonly string[] = [
  'operations',
  'sensitiveMembers',
  'defaultEndpoint',
  'signing',
  'paginate',
  'send',
  'raw',
  'fillTokens',
  'encodeTimestamps',
  'prefixHost',
  'encodeQuery',
  'encodeHeaders',
  'readHeaders',
  'reviveDates',
  'reviveEpochs',
];

/** The query module's own value: no operation's options may take its name. */
export const QUERY_RESERVED_VALUES: readonly string[] = ['chimeQueryKeys'];

/** Classes the SDK re-exports from `@chime-api/client/errors` beside the exceptions: no model may take their names. */
export const SDK_RESERVED_CLASSES: readonly string[] = [
  'ChimeServiceException',
  'ChimeClientError',
  'ChimeNetworkError',
  'ServiceExceptionOptions',
];

/**
 * Members every object inherits (and `then`, which makes an object
 * thenable): an operation's method, a member of the client or of its
 * operation table, must not take one of these names.
 */
export const INHERITED_MEMBERS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'then',
]);

/**
 * Throws when two values one module declares are the same identifier:
 * `reserved` are the module's own, `valuesOf` gives each operation's.
 * `target` names the module in the message.
 */
export function checkValueNames<Op extends { operationId: string }>(
  target: string,
  reserved: readonly string[],
  operations: readonly Op[],
  valuesOf: (op: Op) => readonly string[],
  owner = 'the client',
): void {
  const owners = new Map<string, string>(reserved.map((name) => [name, owner]));
  for (const op of operations) {
    for (const value of valuesOf(op)) {
      const other = owners.get(value);
      if (other) {
        throw new Error(
          `${target} target: operation ${op.operationId} would declare \`${value}\`, which ${other} already declares; rename one operationId.`,
        );
      }
      owners.set(value, `operation ${op.operationId}`);
    }
  }
}
