/**
 * The responses the mocks send, as the service words them: success (output
 * members mapped to headers go there), refusals, documented exceptions, and the
 * answers of a mock that could not answer; plus the check of a body against the
 * operation's output.
 */

import { encodeResponse } from '@chime-api/wire';
import type { Problem } from './decode.js';
import { InvalidMockRequestError, MockDefinitionError } from './errors.js';
import { empty, json } from './msw.js';
import type { Route } from './router.js';
import type { StoreFullError } from './store.js';
import type { ChimeMocksOptions, OperationDefinition } from './types.js';

/** What a refusal or a broken mock leaves for `reset()` to throw. */
export interface Failures {
  onInvalidRequest: ChimeMocksOptions['onInvalidRequest'];
  /** What reset() throws, oldest first: invalid requests under 'throw', and mocks that could not answer. */
  list: Error[];
}

/** True when the operation's success response has a body (not a 204, and an example or a schema to answer with). */
export const answersWithBody = (def: OperationDefinition) =>
  def.operation.successStatus !== 204 && (def.example != null || Object.keys(def.outputSchema).length > 0);

export function exceptionBody(name: string, example: unknown, message: string) {
  const fromExample = example && typeof example === 'object' ? (example as Record<string, unknown>) : {};
  return {
    Code: typeof fromExample.Code === 'string' ? fromExample.Code : name.replace(/(Client)?Exception$/, ''),
    Message: message,
  };
}

export const errorResponse = (
  name: string,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
) =>
  json(body, {
    status,
    headers: { 'x-amzn-ErrorType': name, 'x-amzn-RequestId': requestId, ...headers },
  });

/** The success response: output members the spec maps to headers go there, the rest in the body (none on a 204). */
export function successResponse(def: OperationDefinition, body: unknown, requestId: string): Response {
  const { status, headers, body: payload } = encodeResponse(def.operation, body, { hasBody: answersWithBody(def) });
  headers['x-amzn-RequestId'] = requestId;
  return payload === undefined ? empty({ status, headers }) : json(payload, { status, headers });
}

/** The refusal of an invalid request: 400 BadRequestException (415 for a body that is not JSON), never retried. */
export function refusalResponse(
  def: OperationDefinition,
  bad: Problem,
  requestId: string,
  failures: Failures,
): Response {
  let message = bad.message;
  if (failures.onInvalidRequest === 'throw') {
    const error = new InvalidMockRequestError(
      `${def.operation.operationId} mock got an invalid request: ${message}`,
      bad.issues,
    );
    failures.list.push(error);
    message = error.message;
  }
  // 400 (415 for a body that is not JSON): a client never retries it, so one invalid request fails once
  if (bad.exception) {
    const { name, status } = bad.exception;
    return errorResponse(name, status, exceptionBody(name, undefined, message), requestId);
  }
  const badRequest = def.errors.BadRequestException;
  const body = exceptionBody('BadRequestException', badRequest?.example, message);
  return errorResponse('BadRequestException', badRequest?.status ?? 400, body, requestId);
}

/** The operation's documented 401 (every Chime operation documents UnauthorizedClientException). */
export const unauthorizedResponse = (def: OperationDefinition, message: string, requestId: string) =>
  errorResponse(
    'UnauthorizedClientException',
    def.errors.UnauthorizedClientException?.status ?? 401,
    { Code: 'Unauthorized', Message: message },
    requestId,
  );

/**
 * A request that would add a resource to a full store: the operation's documented
 * ResourceLimitExceededException (400 in the model: "The request exceeds the resource
 * limit"), else its ServiceUnavailableException, else a plain 503; the message names the limit.
 */
export function storeFullResponse(def: OperationDefinition, error: StoreFullError, requestId: string): Response {
  const name = ['ResourceLimitExceededException', 'ServiceUnavailableException'].find((n) => def.errors[n]);
  const status = name ? (def.errors[name]?.status ?? 503) : 503;
  const exception = name ?? 'ServiceUnavailableException';
  return errorResponse(exception, status, exceptionBody(exception, undefined, error.message), requestId);
}

/** A mock that could not answer (a reply that drifted from the spec, data it cannot make up): never a retryable 500. */
export function brokenResponse(
  def: OperationDefinition,
  error: unknown,
  requestId: string,
  failures: Failures,
): Response {
  const failure =
    error instanceof MockDefinitionError
      ? error
      : new MockDefinitionError(
          `${def.operation.operationId} mock could not answer: ${error instanceof Error ? error.message : String(error)}`,
        );
  failures.list.push(failure);
  // 501: not retried by the client (nor the AWS SDKs), so the test fails on this request, and reset() throws it
  return errorResponse(
    'MockDefinitionError',
    501,
    { Code: 'MockDefinitionError', Message: failure.message },
    requestId,
  );
}

/** A literal query no operation at this method and path has: the service's 400 beside a plain operation, else its 404. */
export function unknownQueryResponse(
  definitions: readonly OperationDefinition[],
  route: Extract<Route, { kind: 'unknown-query' }>,
  requestId: string,
  failures: Failures,
): Response {
  const where = `${route.method.toUpperCase()} ${route.template}`;
  const [name, status, code, message] =
    route.plain !== undefined
      ? [
          'BadRequestException',
          definitions[route.plain]?.errors.BadRequestException?.status ?? 400,
          'BadRequest',
          `Unknown ${route.sent} for ${where}`,
        ]
      : [
          'NotFoundException',
          404,
          'NotFound',
          `${route.sent ? `Unknown ${route.sent} for ${where}` : `${where} needs a literal query`}; it takes ${route.known.join(', ')}.`,
        ];
  if (failures.onInvalidRequest === 'throw')
    failures.list.push(new InvalidMockRequestError(`The mocks got an invalid request: ${message}`, []));
  return errorResponse(name, status, { Code: code, Message: message }, requestId);
}

/** The first string found under `key` at any depth of `value`. */
function findString(value: unknown, key: string, depth = 0): string | undefined {
  if (depth > 8 || !value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record[key] === 'string') return record[key] as string;
  for (const child of Object.values(record)) {
    const found = findString(child, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The default Message of each documented error, naming the request's own
 * members: where the spec's example message names the success example's
 * values (`User 1ab2345c-… not found in account 12a3456b-…`), the request's
 * values take their place. An error without an example message names the
 * request's path members.
 */
export function errorMessages(def: OperationDefinition) {
  const pathNames = def.operation.members.filter((m) => m.in === 'path').map((m) => m.name);
  // each message as text and the members it names, in order: 'User ', {UserId}, ' not found in account ', {AccountId}, '.'
  type Part = string | { member: string };
  const templates = new Map<string, Part[]>();
  for (const [name, documented] of Object.entries(def.errors)) {
    const message = (documented.example as { Message?: unknown } | undefined)?.Message;
    if (typeof message !== 'string') continue;
    let parts: Part[] = [message];
    for (const member of def.operation.members) {
      const sample = findString(def.example, member.name);
      if (!sample || sample.length < 4) continue;
      parts = parts.flatMap((part) =>
        typeof part === 'string'
          ? part.split(sample).flatMap((text, i): Part[] => (i === 0 ? [text] : [{ member: member.name }, text]))
          : [part],
      );
    }
    templates.set(name, parts);
  }
  return (name: string, input: Record<string, unknown>): string => {
    const template = templates.get(name);
    if (template) {
      return template.map((part) => (typeof part === 'string' ? part : String(input[part.member] ?? ''))).join('');
    }
    const named = pathNames.map((n) => `${n} '${String(input[n] ?? '')}'`).join(', ');
    return named ? `${name}: ${named}.` : name;
  };
}

/** A body checked against the spec: the body against the output, header members against their type. */
export function outputIssues(def: OperationDefinition, body: unknown): string[] {
  const rest = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : body;
  const issues: string[] = [];
  for (const h of def.operation.outputHeaders ?? []) {
    if (!rest || typeof rest !== 'object') break;
    const value = (rest as Record<string, unknown>)[h.name];
    delete (rest as Record<string, unknown>)[h.name];
    const fits =
      value === undefined ||
      (h.type === 'integer' ? Number.isInteger(value) : typeof value === (h.type === undefined ? 'string' : h.type));
    if (!fits) issues.push(`  /${h.name} (header ${h.header}): must be ${h.type ?? 'string'}`);
  }
  const result = def.output.check(rest);
  if (!result.ok) issues.push(...result.issues.map((i) => `  ${i.path || '(the body)'}: ${i.message}`));
  return issues;
}

/** Throws a MockDefinitionError naming `where` when `body` does not match the operation's output. */
export function checkOutput(def: OperationDefinition, body: unknown, where: string): void {
  const issues = outputIssues(def, body);
  if (issues.length > 0) {
    throw new MockDefinitionError(
      `${where}: the reply does not match the ${def.operation.operationId} response in the spec:\n${issues.join('\n')}`,
    );
  }
}
