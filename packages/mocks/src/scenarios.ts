/**
 * Scenarios: the behaviours a test stages for one operation (a documented
 * error, a reply, a network error, a delay), each a handler that the route table
 * looks up for that operation's requests alone.
 */
import { cloneJson } from './data.js';
import type { Decoded } from './decode.js';
import { MockDefinitionError } from './errors.js';
import { type HttpHandler, handle, networkError, delay as wait } from './msw.js';
import { checkOutput, errorResponse, exceptionBody, successResponse } from './responses.js';
import type { Route } from './router.js';
import type { MockCall, OperationDefinition, OperationMock, ReplyContext, Scenario, ScenarioOptions } from './types.js';

/** A request that decoded and validated. */
export type Valid = Extract<Decoded, { ok: true }>;

/** How a scenario answers a valid request. */
export type Answer = (read: Valid, request: Request, requestId: string) => Response | Promise<Response>;

/** Records a request routed to the operation, then answers it with `answer` (or refuses it). */
export type Serve = (
  request: Request,
  params: Record<string, string>,
  scenario: Scenario,
  answer: Answer,
) => Promise<Response>;

/** What a scenario answers with: its handler factory and the operation's default behaviour. */
export interface Staging {
  /** The happy path: the store or the spec's example, reflecting the request. */
  respond(read: Valid, requestId: string): Response;
  /** The default Message of a documented error, naming the request's members. */
  messageFor(name: string, input: Record<string, unknown>): string;
  /** The recorded calls of the operation. */
  calls: MockCall<unknown>[];
}

/**
 * The lookup: a handler for operation `index`'s requests alone (the route table
 * decides), answering with `answer`; `once` lets one request through.
 */
export function stagerOf(
  def: OperationDefinition,
  index: number,
  routeOf: (request: Request) => Route | undefined,
  serve: Serve,
) {
  return (scenario: Scenario, answer: Answer, staged: ScenarioOptions = {}): HttpHandler =>
    handle(
      `${def.operation.operationId} mock (${scenario})`,
      (request) => {
        const route = routeOf(request);
        return route?.kind === 'operation' && route.index === index ? route : undefined;
      },
      (request, route) => serve(request, route.params, scenario, answer),
      staged.once ?? false,
    );
}

/** The operation's mock: its default handler, its calls and the scenarios a test stages. */
export function operationMock(
  def: OperationDefinition,
  on: ReturnType<typeof stagerOf>,
  staging: Staging,
): OperationMock<unknown, unknown, string> {
  const { respond, messageFor } = staging;
  return {
    handler: on('default', (read, _request, requestId) => respond(read, requestId)),
    calls: staging.calls,
    error(name, scenario = {}) {
      const documented = def.errors[name];
      if (!documented) {
        throw new MockDefinitionError(
          `${def.operation.operationId} documents no ${name}; it documents ${Object.keys(def.errors).join(', ')}.`,
        );
      }
      return on(
        'error',
        (read, _request, requestId) => {
          const body = exceptionBody(name, documented.example, scenario.message ?? messageFor(name, read.input));
          return errorResponse(name, documented.status, body, requestId, scenario.headers);
        },
        scenario,
      );
    },
    reply(bodyOrFn, scenario = {}) {
      if (typeof bodyOrFn !== 'function') checkOutput(def, bodyOrFn, `chimeMocks.${def.name}.reply()`);
      return on(
        'reply',
        async (read, request, requestId) => {
          const body =
            typeof bodyOrFn === 'function'
              ? await (bodyOrFn as (c: ReplyContext<unknown>) => unknown)({ input: read.input, request })
              : cloneJson(bodyOrFn);
          if (typeof bodyOrFn === 'function') checkOutput(def, body, `chimeMocks.${def.name}.reply(fn)`);
          return successResponse(def, body, requestId);
        },
        scenario,
      );
    },
    networkError(scenario = {}) {
      return on('networkError', () => networkError(), scenario);
    },
    delay(ms, scenario = {}) {
      return on(
        'delay',
        async (read, _request, requestId) => {
          await wait(ms);
          return respond(read, requestId);
        },
        scenario,
      );
    },
  };
}
