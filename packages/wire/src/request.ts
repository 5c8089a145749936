/**
 * A request both ways: encoded from a flat input (the client; the SDK's
 * generated code builds its own and the middleware adjusts it), and decoded
 * back into the flat input (the mocks).
 */
import type { MemberSpec, OperationSpec, WireCall } from './spec.js';
import { fromText } from './text.js';
import { timestampFromWire } from './timestamp.js';

type Values = Record<string, unknown>;

/**
 * Why a path segment's text cannot be sent whatever the spec says, or
 * `undefined`: empty, `.` or `..` (the URL parser resolves a dot segment, even
 * percent-encoded, and the request would reach another resource). The
 * schema's own constraints (length, pattern) are validation's to check.
 */
export function segmentProblem(text: string): string | undefined {
  return text === '' || text === '.' || text === '..' ? `must not be "${text}"` : undefined;
}

export interface EncodeOptions {
  /** The endpoint, without a trailing slash (`https://chime.us-east-1.amazonaws.com`). */
  base: string;
  /** Send to the endpoint's own host even when the operation has a host prefix. */
  disableHostPrefix?: boolean;
  /** Throws for a path member that cannot be sent: missing, not of its schema's type, or see {@link segmentProblem}. */
  refuse: (op: OperationSpec, member: MemberSpec, problem: string) => never;
}

export interface EncodedRequest {
  /** The URL with the path and query members (the method is the operation's). */
  url: string;
  /** By lower-case name: header members, and `content-type` when there is a body. */
  headers: Record<string, string>;
  /** The JSON body, when the operation has body members (`{}` when none is set). */
  body: string | undefined;
  /** The input as it travels, members by name (tokens filled, timestamps in their wire form). */
  wire: Values;
}

/**
 * The request for `input`: the operation's request steps (idempotency tokens,
 * timestamps, host prefix, query, header members; see steps.ts) shape the call,
 * then path members are percent-encoded into the path (so `a/b` stays one
 * segment, `a%2Fb`, and no value can look like a `{name}`) and body members go
 * into the JSON body by their wire names.
 */
export function encodeRequest(op: OperationSpec, input: object, options: EncodeOptions): EncodedRequest {
  const call: WireCall = { ...options, wire: { ...input }, search: '', headers: {} };
  for (const step of op.requestSteps ?? []) step(call, op);
  const { wire, headers } = call;
  let path = op.path;
  let body: Values | undefined;
  for (const member of op.members) {
    const value = wire[member.name];
    if (member.in === 'body') {
      body ??= {};
      if (value !== undefined) body[member.wireName] = value;
    } else if (member.in === 'path') {
      const type = member.type ?? 'string';
      const problem =
        value == null
          ? 'is required'
          : typeof value !== (type === 'integer' ? 'number' : type) || (type === 'integer' && !Number.isInteger(value))
            ? `must be of type ${type}`
            : segmentProblem(String(value));
      if (problem) options.refuse(op, member, problem);
      path = path.replace(`{${member.wireName}}`, encodeURIComponent(String(value)));
    }
  }
  if (body) headers['content-type'] = 'application/json';
  return { url: call.base + path + call.search, headers, body: body && JSON.stringify(body), wire };
}

const bodyNames = new WeakMap<OperationSpec, Map<string, string>>();

/** The body members' names by wire name (`LicenseType` → `LicenseType`), computed once per operation. */
export function bodyMembersOf(op: OperationSpec): Map<string, string> {
  let names = bodyNames.get(op);
  if (!names) {
    names = new Map(op.members.filter((m) => m.in === 'body').map((m) => [m.wireName, m.name]));
    bodyNames.set(op, names);
  }
  return names;
}

export interface RequestParts {
  /** The request's URL (its query members are read from it). */
  url: URL;
  headers: { get(name: string): string | null };
  /** The path members by wire name, decoded (what the router found). */
  params: Readonly<Record<string, string>>;
  /** The parsed JSON body, when there is one. */
  body?: Values;
}

/**
 * The flat input a request carries, in its wire shape (timestamps as sent,
 * for validation to check; {@link reviveInput} makes them `Date`s): path members
 * from `params`, query members (lists as repeated keys) and header members (lists
 * comma-separated) as their types, body members by wire name. Keys are defined,
 * never assigned, so a JSON key named `__proto__` stays data.
 */
export function decodeRequest(op: OperationSpec, { url, headers, params, body }: RequestParts): Values {
  const input: Values = {};
  const put = (key: string, value: unknown) =>
    Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
  for (const m of op.members) {
    if (m.in === 'path') {
      const value = params[m.wireName];
      if (value !== undefined) put(m.name, value);
    } else if (m.in === 'query') {
      const sent = url.searchParams.getAll(m.wireName);
      if (sent.length === 0) continue;
      put(
        m.name,
        m.type === 'array' ? sent.map((t) => fromText(t, m.items)) : fromText(sent[0] as string, m.type, m.timestamp),
      );
    } else if (m.in === 'header') {
      const sent = headers.get(m.wireName);
      if (sent === null) continue;
      put(
        m.name,
        m.type === 'array'
          ? sent.split(',').map((t) => fromText(t.trim(), m.items))
          : fromText(sent, m.type, m.timestamp),
      );
    }
  }
  if (body) {
    const names = bodyMembersOf(op);
    for (const [key, value] of Object.entries(body)) {
      const name = names.get(key);
      if (name !== undefined) put(name, value);
    }
  }
  return input;
}

/** The decoded input with each timestamp member as a `Date` (what the caller passed), the rest as it is. */
export function reviveInput(op: OperationSpec, input: Values): Values {
  const out = { ...input };
  for (const { name, timestamp } of op.members) {
    if (timestamp && out[name] !== undefined) out[name] = timestampFromWire(out[name], timestamp) ?? out[name];
  }
  return out;
}
