/**
 * The service's own wording for a refused request, so a test that asserts on
 * a message sees what AWS would send:
 *
 *   1 validation error detected: Value 'Gold' at 'licenseType' failed to satisfy
 *   constraint: Member must satisfy enum value set: [Basic, Plus, Pro, ProTrial]
 *
 * Constraint failures (enum, pattern, length, range, a missing member) use
 * that form, joined with `; ` and counted (`2 validation errors detected:`).
 * A value of the wrong JSON type fails earlier in AWS, while the body is read,
 * with the deserializer's message alone (`STRING_VALUE can not be converted
 * to a Boolean`, `Start of structure or map found where not expected.`).
 * Members are named as on the wire, lower camel (`licenseType`, `accountId`,
 * `alexaForBusinessMetadata.alexaForBusinessRoomArn`). A sensitive member's
 * value is never shown: AWS then writes `Value at 'x'` with no value.
 */
import type { MemberSpec } from '@chime-api/client/core';
import type { Issue } from '@chime-api/validation';
import type { SchemaLite } from './data.js';

export interface MessageContext {
  members: readonly MemberSpec[];
  /** The flat input's schema: one property per member. */
  inputSchema: SchemaLite;
  /** Names of members whose values are never shown. */
  sensitive: readonly string[];
  input: Record<string, unknown>;
}

const lowerCamel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

interface Located {
  /** `licenseType`, `alexaForBusinessMetadata.alexaForBusinessRoomArn`, `tags.1.key` */
  where: string;
  schema: SchemaLite | undefined;
  value: unknown;
  present: boolean;
  sensitive: boolean;
}

function locate(pointer: string, context: MessageContext): Located {
  // a JSON pointer's segments, unescaped
  const names = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parts: string[] = [];
  let schema: SchemaLite | undefined = context.inputSchema;
  let value: unknown = context.input;
  let present = true;
  let sensitive = false;
  names.forEach((name, depth) => {
    if (context.sensitive.includes(name)) sensitive = true;
    const isIndex = Array.isArray(value) && /^\d+$/.test(name);
    if (depth === 0) {
      const member = context.members.find((m) => m.name === name);
      parts.push(member && member.in !== 'body' ? member.wireName : lowerCamel(name));
    } else parts.push(isIndex ? String(Number(name) + 1) : lowerCamel(name));
    schema = isIndex ? schema?.items : schema?.properties?.[name];
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, name)) {
      value = (value as Record<string, unknown>)[name];
    } else {
      value = undefined;
      present = false;
    }
  });
  return { where: parts.join('.'), schema, value, present, sensitive };
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** `Value 'Gold' at 'licenseType'`, `Value null at 'x'`, `Value at 'displayName'` (sensitive). */
function subject(at: Located): string {
  if (!at.present || at.value === null) return `Value null at '${at.where}'`;
  if (at.sensitive) return `Value at '${at.where}'`;
  return `Value '${shown(at.value)}' at '${at.where}'`;
}

function constraint(issue: Issue, at: Located): string | undefined {
  const s = at.schema ?? {};
  const length = (v: unknown) => (Array.isArray(v) ? v.length : typeof v === 'string' ? [...v].length : 0);
  switch (issue.keyword) {
    case 'required':
      return 'Member must not be null';
    case 'enum':
      return `Member must satisfy enum value set: [${(s.enum ?? []).map(shown).join(', ')}]`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${s.pattern}`;
    case 'minLength':
    case 'minItems':
      return `Member must have length greater than or equal to ${s.minLength ?? s.minItems}`;
    case 'maxLength':
    case 'maxItems':
      return `Member must have length less than or equal to ${s.maxLength ?? s.maxItems}`;
    case 'minimum':
      return `Member must have value greater than or equal to ${s.minimum}`;
    case 'maximum':
      return `Member must have value less than or equal to ${s.maximum}`;
    case 'const':
      return `Member must satisfy enum value set: [${shown(s.const)}]`;
    default:
      // length keywords may also come back under a generic name: read the value
      if (s.maxLength !== undefined && length(at.value) > s.maxLength) {
        return `Member must have length less than or equal to ${s.maxLength}`;
      }
      return undefined;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a String',
  boolean: 'a Boolean',
  integer: 'an Integer',
  number: 'a Double',
  object: 'a Structure',
  array: 'a List',
};

/** What AWS's deserializer says when a value has the wrong JSON type. */
function typeMessage(at: Located): string {
  const value = at.value;
  if (Array.isArray(value)) return 'Start of list found where not expected';
  if (value !== null && typeof value === 'object') return 'Start of structure or map found where not expected.';
  const kind =
    value === true
      ? 'TRUE_VALUE'
      : value === false
        ? 'FALSE_VALUE'
        : typeof value === 'number'
          ? 'NUMBER_VALUE'
          : typeof value === 'string'
            ? 'STRING_VALUE'
            : 'VALUE';
  const type = Array.isArray(at.schema?.type) ? at.schema?.type[0] : at.schema?.type;
  return `${kind} can not be converted to ${TYPE_NAMES[type ?? ''] ?? `a ${type ?? 'value of another type'}`}`;
}

/**
 * The message AWS would send for these validation issues: the deserializer's
 * for a wrong type, else the counted constraint list.
 */
export function awsValidationMessage(issues: readonly Issue[], context: MessageContext): string {
  const typeIssue = issues.find(
    (i) => i.keyword === 'type' && locate(i.path, context).value !== null && locate(i.path, context).present,
  );
  if (typeIssue) return typeMessage(locate(typeIssue.path, context));
  const unknown = issues.find((i) => i.keyword === 'additionalProperties');
  // named as sent: the member is not in the spec, so it has no wire name to give
  if (unknown) return unknownMemberMessage(unknown.path.slice(1).replace(/\//g, '.'), undefined);
  const parts = issues.map((issue) => {
    const at = locate(issue.path, context);
    const rule = issue.keyword === 'type' ? 'Member must not be null' : constraint(issue, at);
    // a keyword without an AWS wording keeps the validator's own words (never a value: see Issue.message)
    return `${subject(at)} failed to satisfy constraint: ${rule ?? `Member ${issue.message.replace(/; found .*$/, '')}`}`;
  });
  return `${parts.length} validation error${parts.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/**
 * A body member the operation does not define. AWS has no single wording
 * for it, so this one says what to do: path members travel in the URL only.
 */
export function unknownMemberMessage(
  name: string,
  operation: { operationId: string; path: string; members: readonly MemberSpec[] } | undefined,
): string {
  if (!operation) return `The request body has a member '${name}' that the operation does not define; remove it.`;
  const fromPath = operation.members.find((m) => m.in !== 'body' && (m.name === name || m.wireName === name));
  if (fromPath) {
    return `The request body has a member '${name}', which ${operation.operationId} takes from the URL (${operation.path}) only; remove it from the body.`;
  }
  const accepted = operation.members.filter((m) => m.in === 'body').map((m) => m.wireName);
  return `The request body has a member '${name}' that ${operation.operationId} does not define; it accepts ${accepted.length ? accepted.join(', ') : 'no body members'}.`;
}
