/**
 * What every generated mock shares: reading and validating the request as
 * the service would, answering from the spec's example (or seeded data) that
 * reflects the request, staged scenarios, recorded calls and the opt-in store.
 *
 * `createMocks` composes the modules along their seams: `decode.ts` (the request
 * into an input), `reflect.ts` (the input into the answer), `pagination.ts`,
 * `resources.ts` (the store), `scenarios.ts` (staged behaviours and their lookup)
 * and `responses.ts` (the service's responses).
 */
import { cloneJson, requestIdFor } from './data.js';
import { decodeRequest, type Problem, takesBody } from './decode.js';
import { MockDefinitionError } from './errors.js';
import { awsValidationMessage } from './messages.js';
import { handle, networkError } from './msw.js';
import { pagerOf } from './pagination.js';
import { defaultBodyOf, reflectableOf, reflected } from './reflect.js';
import { collectionsOf, openStore, type Resources, resourcesOf } from './resources.js';
import {
  brokenResponse,
  errorMessages,
  errorResponse,
  exceptionBody,
  type Failures,
  outputIssues,
  refusalResponse,
  storeFullResponse,
  successResponse,
  unauthorizedResponse,
  unknownQueryResponse,
} from './responses.js';
import { createRouter, type Route } from './router.js';
import { type Answer, operationMock, stagerOf, type Valid } from './scenarios.js';
import { recordedHeaders, signatureProblem } from './signature.js';
import { type Store, StoreFullError, type StoreOptions, type StoreSeedEntry } from './store.js';
import type { ChimeMocksOptions, MockCall, MocksBase, OperationDefinition, OperationMock, Scenario } from './types.js';

export { MAX_BODY_DEPTH, nestsDeeperThan } from './decode.js';
export { InvalidMockRequestError, MockDefinitionError } from './errors.js';
export { DEFAULT_PAGE_SIZE } from './pagination.js';
export type {
  ChimeMocksOptions,
  ErrorOptions,
  MockCall,
  MocksBase,
  NoBody,
  OperationDefinition,
  OperationMock,
  ReplyBody,
  ReplyContext,
  Scenario,
  ScenarioOptions,
} from './types.js';

const DEFAULT_REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');
const DEFAULT_MAX_CALLS = 1_000;

/** The absolute base URLs an operation answers: the spec's servers and `baseUrl`. */
function basesOf(def: OperationDefinition, baseUrl: ChimeMocksOptions['baseUrl']): string[] {
  const given = baseUrl === undefined ? [] : typeof baseUrl === 'string' ? [baseUrl] : [...baseUrl];
  const resolved = given.map((base) => {
    if (base === '*' || /^[a-z][a-z\d+.-]*:\/\//i.test(base)) return base;
    const here = typeof location !== 'undefined' ? location.href : undefined;
    if (!here) {
      throw new MockDefinitionError(
        `baseUrl '${base}' is relative and there is no page location to resolve it against; give an absolute URL such as 'http://localhost:3000${base.startsWith('/') ? '' : '/'}${base}'.`,
      );
    }
    return new URL(base, here).href;
  });
  // a spec without servers: its clients choose the origin, so any origin matches
  const all = [...def.servers, ...resolved];
  return all.length > 0 ? [...new Set(all)] : ['*'];
}

/** What every operation of one `createMocks` shares. */
interface Shared {
  seed: string;
  store: Store | undefined;
  referenceDate: Date;
  maxCalls: number;
  failures: Failures;
  /** One sequence for every operation: each response its own id, the same ids for the same test. */
  nextRequestId(): string;
  routeOf(request: Request): Route | undefined;
  /** Collections by template shape: the member that keys their children. */
  childKey: ReadonlyMap<string, string>;
}

/** Reads the request into the flat input and validates it as the service would. */
async function readRequest(def: OperationDefinition, request: Request, params: Record<string, string>) {
  const op = def.operation;
  const decoded = decodeRequest(op, {
    url: new URL(request.url),
    params,
    headers: request.headers,
    body: takesBody(op) ? await request.text() : '',
  });
  if (!decoded.ok) return decoded;
  const { input } = decoded;
  const result = def.input.check(input);
  if (result.ok) return decoded;
  const context = { members: op.members, inputSchema: def.inputSchema, sensitive: op.sensitive, input };
  return { ok: false, input, message: awsValidationMessage(result.issues, context), issues: result.issues } as Problem;
}

/** The happy path of one operation: the store (or the spec's example) reflecting the request, paged, then kept. */
function defaultAnswer(
  def: OperationDefinition,
  shared: Shared,
  resources: Resources,
  messageFor: ReturnType<typeof errorMessages>,
) {
  const defaultBody = defaultBodyOf(def, shared.seed, shared.referenceDate);
  const reflectable = reflectableOf(def);
  const pager = pagerOf(def, shared.seed, reflectable);
  const valid = (body: unknown) => outputIssues(def, body).length === 0;
  return (read: Valid, requestId: string): Response => {
    if (resources.missing(read.path)) {
      const notFound = def.errors.NotFoundException;
      const body = exceptionBody('NotFoundException', notFound?.example, messageFor('NotFoundException', read.input));
      return errorResponse('NotFoundException', notFound?.status ?? 404, body, requestId);
    }
    const stored = resources.stored(read.path, valid);
    const again = stored ? () => resources.reread(read.path) : () => defaultBody(read.input);
    const body = reflected(def, stored ?? defaultBody(read.input), reflectable(read.input), valid, again);
    if (pager) {
      // with a store, the list is what it holds, as stored; else the default body's list, reflecting the request
      const list = body[pager.resultKey];
      const items = resources.listed(read.path, pager.resultKey) ?? (Array.isArray(list) ? list : []);
      const refused = pager.page(body, items, read.input);
      if (refused) return refusalResponse(def, refused, requestId, shared.failures);
    }
    try {
      resources.commit(read.path, body);
    } catch (error) {
      if (error instanceof StoreFullError) return storeFullResponse(def, error, requestId);
      throw error;
    }
    return successResponse(def, body, requestId);
  };
}

/** Records the call, then answers: a network error whatever the request; a refusal when invalid; else `answer`. */
function serverOf(def: OperationDefinition, shared: Shared, calls: MockCall<unknown>[]) {
  return async (request: Request, params: Record<string, string>, scenario: Scenario, answer: Answer) => {
    const headers = recordedHeaders(request);
    const result = await readRequest(def, request, params);
    const call: MockCall<unknown> = {
      input: result.ok ? cloneJson(result.input) : undefined,
      method: request.method,
      url: request.url,
      headers,
      issues: result.ok ? [] : result.issues,
      scenario,
      status: undefined,
      errorType: undefined,
      requestId: undefined,
    };
    if (shared.maxCalls > 0) {
      calls.push(call);
      if (calls.length > shared.maxCalls) calls.shift();
    }
    if (scenario === 'networkError') {
      call.status = 'network-error';
      return networkError();
    }
    const requestId = shared.nextRequestId();
    let response: Response;
    // the service checks the signature before it reads the input
    const badSignature = signatureProblem(headers);
    try {
      response = badSignature
        ? unauthorizedResponse(def, badSignature, requestId)
        : result.ok
          ? await answer(result, request, requestId)
          : refusalResponse(def, result, requestId, shared.failures);
    } catch (error) {
      response = brokenResponse(def, error, requestId, shared.failures);
    }
    call.status = response.status;
    call.errorType = response.headers.get('x-amzn-ErrorType') ?? undefined;
    call.requestId = requestId;
    return response;
  };
}

/** One operation: its mock (default handler, calls, scenarios) and how the dispatcher serves it. */
function makeOperation(shared: Shared, def: OperationDefinition, index: number) {
  const calls: MockCall<unknown>[] = [];
  const messageFor = errorMessages(def);
  const respond = defaultAnswer(def, shared, resourcesOf(def, shared.store, shared.childKey), messageFor);
  const serve = serverOf(def, shared, calls);
  const byDefault: Answer = (read, _request, requestId) => respond(read, requestId);
  const mock = operationMock(def, stagerOf(def, index, shared.routeOf, serve), { respond, messageFor, calls });
  return {
    mock,
    calls,
    serve: (request: Request, params: Record<string, string>) => serve(request, params, 'default', byDefault),
  };
}

/** A whole number of calls to keep per operation (0 or more). */
function checkedMaxCalls(maxCalls: number) {
  if (!Number.isInteger(maxCalls) || maxCalls < 0) {
    throw new MockDefinitionError(`maxCalls must be a whole number of calls (0 or more); it is ${maxCalls}.`);
  }
  return maxCalls;
}

export function createMocks<Seed = StoreSeedEntry>(
  definitions: readonly OperationDefinition[],
  options: ChimeMocksOptions<Seed> = {},
) {
  const store = openStore(definitions, options.store as StoreOptions | undefined);
  const maxCalls = checkedMaxCalls(options.maxCalls ?? DEFAULT_MAX_CALLS);
  let sequence = 0;
  // one route table for every operation: the origins of every definition (the spec's servers are shared)
  const router = createRouter(
    definitions.map((d) => d.operation),
    [...new Set(definitions.flatMap((def) => basesOf(def, options.baseUrl)))],
  );
  const shared: Shared = {
    seed: options.seed ?? '',
    store,
    referenceDate: options.referenceDate ?? DEFAULT_REFERENCE_DATE,
    maxCalls,
    failures: { onInvalidRequest: options.onInvalidRequest, list: [] },
    nextRequestId: () => requestIdFor(`${options.seed ?? ''}|${sequence++}`),
    routeOf: (request) => router.route(request.method, new URL(request.url)),
    childKey: collectionsOf(definitions),
  };
  const operations = definitions.map((def, index) => makeOperation(shared, def, index));

  // the one handler `handlers` holds: the route table finds the operation, whatever the number of operations
  const dispatcher = handle(
    `${definitions.length} Chime operation mocks`,
    shared.routeOf,
    (request, route) =>
      route.kind === 'unknown-query'
        ? unknownQueryResponse(definitions, route, shared.nextRequestId(), shared.failures)
        : (operations[route.index] as (typeof operations)[number]).serve(request, route.params),
    false,
  );

  const mocks: Record<string, unknown> = {};
  definitions.forEach((def, i) => {
    mocks[def.name] = operations[i]?.mock;
  });
  return Object.assign(mocks, {
    handlers: [dispatcher],
    store,
    reset() {
      for (const { calls } of operations) calls.length = 0;
      sequence = 0;
      store?.reset();
      const first = shared.failures.list[0];
      shared.failures.list.length = 0;
      if (first) throw first;
    },
  }) as MocksBase & Record<string, OperationMock<unknown, unknown, string>>;
}
