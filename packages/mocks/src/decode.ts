/**
 * Request decoding, restJson1's server side: the parts of a request (URL, path
 * parameters, headers, body text) into the flat input the validators check, or
 * the problem the service would answer with. Pure: no validation, no state, no
 * response; `decodeRequest` is the whole interface the rest of the mocks use.
 * The members themselves are decoded by @chime-api/wire; what is here is the
 * service's refusal of a body it cannot read.
 */
import type { Issue } from '@chime-api/validation';
import { bodyMembersOf, decodeRequest as decodeMembers, type OperationSpec } from '@chime-api/wire';
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

/** True when the operation takes body members: only then is the request's body read. */
export const takesBody = (op: OperationSpec) => bodyMembersOf(op).size > 0;

/** A refusal, before the input it carries is known. */
type Refusal = Omit<Problem, 'input'>;

const problem = (message: string, issue: Issue): Refusal => ({ ok: false, message, issues: [issue] });

/** The body text as JSON: the media type, the nesting limit and the syntax checked in that order. */
function parseBody(op: OperationSpec, parts: RequestParts): { ok: true; value: unknown } | Refusal {
  const text = parts.body;
  if (text.trim() === '') return { ok: true, value: {} };
  const contentType = parts.headers.get('content-type');
  if (!isJsonMediaType(contentType)) {
    return {
      ...problem(
        `The request body is sent as ${contentType ? `'${contentType}'` : 'no Content-Type'}; ${op.operationId} takes application/json: send the header Content-Type: application/json.`,
        { path: '', message: 'must be sent as application/json', keyword: 'contentType' },
      ),
      exception: { name: 'UnsupportedMediaTypeException', status: 415 },
    } satisfies Refusal;
  }
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    return problem(`The request body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels.`, {
      path: '',
      message: `nests deeper than ${MAX_BODY_DEPTH} levels`,
      keyword: 'depth',
    });
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return problem('The request body is not valid JSON.', {
      path: '',
      message: 'is not valid JSON',
      keyword: 'json',
    });
  }
}

/** The body as a JSON object of the operation's body members, or the problem with it. */
function checkBody(op: OperationSpec, parts: RequestParts): { ok: true; value: Record<string, unknown> } | Refusal {
  const body = parseBody(op, parts);
  if (!body.ok) return body;
  const parsed = body.value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return problem('The request body must be a JSON object.', {
      path: '',
      message: 'must be a JSON object',
      keyword: 'type',
    });
  }
  const names = bodyMembersOf(op);
  // a member the body does not define (a path member included) is refused before validation, as AWS reads the body first
  const unknown = Object.keys(parsed).find((key) => !names.has(key));
  if (unknown !== undefined) {
    return problem(unknownMemberMessage(unknown, op), {
      path: `/${unknown.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      message: 'is not a member the spec defines here; remove it',
      keyword: 'additionalProperties',
    });
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/**
 * Reads a request into the operation's flat input: path members from the route's
 * parameters, query and header members as their types, body members from the JSON
 * body (415 for another media type, 400 for a body too deep, not JSON, not an object,
 * or with a member the operation does not define). Validation is the caller's.
 */
export function decodeRequest(op: OperationSpec, parts: RequestParts): Decoded {
  const body = takesBody(op) ? checkBody(op, parts) : undefined;
  const { url, headers, params } = parts;
  const input = decodeMembers(op, { url, headers, params, body: body?.ok ? body.value : undefined });
  if (body && !body.ok) return { ...body, input };
  const path: Record<string, string> = {};
  for (const m of op.members) {
    if (m.in === 'path' && typeof input[m.name] === 'string') path[m.name] = input[m.name] as string;
  }
  return { ok: true, input, path };
}
