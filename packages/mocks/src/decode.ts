/**
 * Request decoding, restJson1's server side: the parts of a request (URL, path
 * parameters, headers, body text) into the flat input the validators check, or
 * the problem the service would answer with. Pure: no validation, no state, no
 * response; `decodeRequest` is the whole interface the rest of the mocks use.
 */
import type { MemberSpec, OperationSpec } from '@chime-api/client/core';
import type { Issue } from '@chime-api/validation';
import { unknownMemberMessage } from './messages.js';
import type { PathMembers } from './store.js';

/** What decoding reads of a request. */
export interface RequestParts {
  url: URL;
  /** The path parameters the route table matched, by wire name. */
  params: Readonly<Record<string, string>>;
  headers: { get(name: string): string | null };
  /** The body's text: read only when the operation takes body members (`takesBody`), else ''. */
  body: string;
}

/** A request the mocks refuse: the input read so far, the message and issues of the refusal. */
export interface Problem {
  ok: false;
  input: Record<string, unknown>;
  message: string;
  issues: Issue[];
  /** The exception, when not the operation's BadRequestException (a body that is not JSON: 415). */
  exception?: { name: string; status: number };
}

/** A decoded request: the flat input (one property per member) and its path members; or its problem. */
export type Decoded = { ok: true; input: Record<string, unknown>; path: PathMembers } | Problem;

/** How deep a request body may nest its objects and arrays: a deeper one gets 400 before it is parsed. */
export const MAX_BODY_DEPTH = 100;

/** True when the JSON text nests objects and arrays deeper than `limit`; read without parsing it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // each level takes a character
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: skip what it escapes
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * restJson1's one request media type: `application/json` (any parameters). A body sent as anything
 * else, or with no Content-Type, is refused with 415 UnsupportedMediaTypeException, as Smithy's
 * server protocol tests require (`RestJsonWithBodyExpectsApplicationJsonContentType`).
 */
const isJsonMediaType = (contentType: string | null) => /^\s*application\/json\s*(;|$)/i.test(contentType ?? '');

/**
 * A query or header value as its member's type: `max-results=5` → 5, `true` → true,
 * an epoch-seconds timestamp → its number. Anything else stays the text that was
 * sent, for validation to refuse in the service's words (`STRING_VALUE can not be
 * converted to an Integer`). Date-time timestamps stay RFC 3339 strings (the wire shape).
 */
function fromText(text: string, type: MemberSpec['type'] | MemberSpec['items'], timestamp?: MemberSpec['timestamp']) {
  if (timestamp === 'unixTimestamp' || type === 'number') {
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
  }
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** Each operation's body members by wire name, computed once per operation. */
const bodyNames = new WeakMap<OperationSpec, Map<string, string>>();
const bodyWireNames = (op: OperationSpec) => {
  let names = bodyNames.get(op);
  if (!names) {
    names = new Map(op.members.filter((m) => m.in === 'body').map((m) => [m.wireName, m.name]));
    bodyNames.set(op, names);
  }
  return names;
};

/** True when the operation takes body members: only then is the request's body read. */
export const takesBody = (op: OperationSpec) => bodyWireNames(op).size > 0;

/** Sets a member of the input; defineProperty: a JSON key named __proto__ stays data, never a prototype. */
const put = (input: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });

const problem = (input: Record<string, unknown>, message: string, issue: Issue): Problem => ({
  ok: false,
  input,
  message,
  issues: [issue],
});

/** The path, query and header members into `input`; returns the path members. */
function decodeMembers(op: OperationSpec, parts: RequestParts, input: Record<string, unknown>): PathMembers {
  const path: Record<string, string> = {};
  for (const m of op.members) {
    if (m.in === 'path') {
      const value = parts.params[m.wireName];
      if (value === undefined) continue;
      put(input, m.name, value);
      path[m.name] = value;
    } else if (m.in === 'query') {
      const sent = parts.url.searchParams.getAll(m.wireName);
      if (sent.length === 0) continue;
      // lists as repeated keys (`tag=a&tag=b`), restJson1's form
      const value =
        m.type === 'array' ? sent.map((t) => fromText(t, m.items)) : fromText(sent[0] as string, m.type, m.timestamp);
      put(input, m.name, value);
    } else if (m.in === 'header') {
      const sent = parts.headers.get(m.wireName);
      if (sent === null) continue;
      const value =
        m.type === 'array'
          ? sent.split(',').map((t) => fromText(t.trim(), m.items))
          : fromText(sent, m.type, m.timestamp);
      put(input, m.name, value);
    }
  }
  return path;
}

/** The body text as JSON: the media type, the nesting limit and the syntax checked in that order. */
function parseBody(
  op: OperationSpec,
  parts: RequestParts,
  input: Record<string, unknown>,
): { ok: true; value: unknown } | Problem {
  const text = parts.body;
  if (text.trim() === '') return { ok: true, value: {} };
  const contentType = parts.headers.get('content-type');
  if (!isJsonMediaType(contentType)) {
    return {
      ...problem(
        input,
        `The request body is sent as ${contentType ? `'${contentType}'` : 'no Content-Type'}; ${op.operationId} takes application/json: send the header Content-Type: application/json.`,
        { path: '', message: 'must be sent as application/json', keyword: 'contentType' },
      ),
      exception: { name: 'UnsupportedMediaTypeException', status: 415 },
    } satisfies Problem;
  }
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    return problem(input, `The request body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels.`, {
      path: '',
      message: `nests deeper than ${MAX_BODY_DEPTH} levels`,
      keyword: 'depth',
    });
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return problem(input, 'The request body is not valid JSON.', {
      path: '',
      message: 'is not valid JSON',
      keyword: 'json',
    });
  }
}

/** The body members into `input`, or the problem with the body. */
function decodeBody(op: OperationSpec, parts: RequestParts, input: Record<string, unknown>): Problem | undefined {
  const body = parseBody(op, parts, input);
  if (!body.ok) return body;
  const parsed = body.value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return problem(input, 'The request body must be a JSON object.', {
      path: '',
      message: 'must be a JSON object',
      keyword: 'type',
    });
  }
  const names = bodyWireNames(op);
  // a member the body does not define (a path member included) is refused before validation, as AWS reads the body first
  const unknown = Object.keys(parsed).find((key) => !names.has(key));
  if (unknown !== undefined) {
    return problem(input, unknownMemberMessage(unknown, op), {
      path: `/${unknown.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      message: 'is not a member the spec defines here; remove it',
      keyword: 'additionalProperties',
    });
  }
  for (const [key, value] of Object.entries(parsed)) put(input, names.get(key) as string, value);
  return undefined;
}

/**
 * Reads a request into the operation's flat input: path members from the route's
 * parameters, query and header members as their types, body members from the JSON
 * body (415 for another media type, 400 for a body too deep, not JSON, not an object,
 * or with a member the operation does not define). Validation is the caller's.
 */
export function decodeRequest(op: OperationSpec, parts: RequestParts): Decoded {
  const input: Record<string, unknown> = {};
  const path = decodeMembers(op, parts, input);
  if (takesBody(op)) {
    const bad = decodeBody(op, parts, input);
    if (bad) return bad;
  }
  return { ok: true, input, path };
}
