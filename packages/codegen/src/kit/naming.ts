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
