/**
 * What every generated mock shares: reading and validating the request as
 * the service would, answering from the spec's example (or seeded data) that
 * reflects the request, staged scenarios, recorded calls and the opt-in store.
 */
import type { OperationSpec } from '@chime-api/client/core';
import type { Issue, Validator } from '@chime-api/validation';
import { type HttpHandler, HttpResponse, http, delay as wait } from 'msw';
import { canonical, cloneJson, hash, requestIdFor, type SchemaLite, seededRandom, synthesize } from './data.js';
import { createStore, type PathMembers, type Store, type StoreOptions } from './store.js';

/** One operation as the generator describes it. */
export interface OperationDefinition {
  name: string;
  operation: OperationSpec;
  input: Validator<unknown>;
  output: Validator<unknown>;
  /** The spec's named example of the success body, or null. */
  example: unknown;
  outputSchema: SchemaLite;
  /** Documented exceptions: status and the spec's example body. */
  errors: Readonly<Record<string, { status: number; example?: unknown }>>;
}

export interface ChimeMocksOptions {
  /** Mixed into the seed of made-up data: change it to get other (still deterministic) values. */
  seed?: string;
  /** Only match requests under this base URL. Default: any origin (the spec's server or yours). */
  baseUrl?: string;
  /**
   * What an invalid request gets: `'respond'` (default) answers 400
   * BadRequestException as the service would; `'throw'` fails the test instead.
   */
  onInvalidRequest?: 'respond' | 'throw';
  /** Keep state between calls (opt-in). */
  store?: StoreOptions;
  /** The date made-up timestamps count back from. Default 2026-01-01T00:00:00Z. */
  referenceDate?: Date;
}

export interface ScenarioOptions {
  /** Answer one request only, then fall through to the next handler. */
  once?: boolean;
}

export interface ErrorOptions extends ScenarioOptions {
  /** The body's Message; defaults to the spec's example. */
  message?: string;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

export interface ReplyContext<Input> {
  input: Input;
  request: Request;
}

/** A staged or default behaviour of one operation. Every method returns a handler for `server.use(...)`. */
export interface OperationMock<Input, Output, ErrorName extends string> {
  /** The happy path: the spec's example (or seeded data) reflecting the request. */
  readonly handler: HttpHandler;
  /** Validated inputs of every call so far (cleared by `reset()`). */
  readonly calls: readonly Input[];
  /** Answers with a documented exception: its status, `x-amzn-ErrorType` header and `{ Code, Message }` body. */
  error(name: ErrorName, options?: ErrorOptions): HttpHandler;
  /** Answers with this body (checked against the spec now) or with what `fn` returns (checked then). */
  reply(
    body: Output | ((context: ReplyContext<Input>) => Output | Promise<Output>),
    options?: ScenarioOptions,
  ): HttpHandler;
  /** Fails at the network level (fetch rejects). */
  networkError(options?: ScenarioOptions): HttpHandler;
  /** The happy path after `ms` milliseconds. */
  delay(ms: number, options?: ScenarioOptions): HttpHandler;
}

export interface MocksBase {
  /** The happy path of every operation, for `setupServer(...handlers)` / `setupWorker(...handlers)`. */
  readonly handlers: HttpHandler[];
  /** The store, when `store` was given. */
  readonly store: Store | undefined;
  /** Clears recorded calls and puts the store back to its seed. Call it after each test. */
  reset(): void;
}

/** A `reply` payload, or a spec, that does not match the spec. */
export class MockDefinitionError extends Error {
  override name = 'MockDefinitionError';
}

/** A request that `onInvalidRequest: 'throw'` turned into a failing test. */
export class InvalidMockRequestError extends Error {
  override name = 'InvalidMockRequestError';
  constructor(
    message: string,
    readonly issues: readonly Issue[],
  ) {
    super(message);
  }
}

const DEFAULT_REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');

function mswPath(baseUrl: string | undefined, template: string): string {
  const path = template.replace(/\{([^}]+)\}/g, ':$1');
  return `${baseUrl === undefined ? '*' : baseUrl.replace(/\/+$/, '')}${path}`;
}

function describeIssues(issues: readonly Issue[]): string {
  const parts = issues.map((i) => `'${i.path.replace(/^\//, '').replace(/\//g, '.') || 'input'}' ${i.message}`);
  return `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

function exceptionBody(name: string, example: unknown, message: string | undefined) {
  const fromExample = example && typeof example === 'object' ? (example as Record<string, unknown>) : {};
  return {
    Code: typeof fromExample.Code === 'string' ? fromExample.Code : name.replace(/(Client)?Exception$/, ''),
    Message: message ?? (typeof fromExample.Message === 'string' ? fromExample.Message : name),
  };
}

/**
 * Makes the response reflect the request: wherever the output's schema has a
 * member the input also names (`User.UserId`, `User.LicenseType`), it takes
 * the input's value, at any depth.
 */
function reflect(output: unknown, schema: SchemaLite | undefined, input: Record<string, unknown>, depth = 0): void {
  if (depth > 8 || !output || typeof output !== 'object' || !schema) return;
  if (Array.isArray(output)) {
    for (const item of output) reflect(item, schema.items, input, depth + 1);
    return;
  }
  const record = output as Record<string, unknown>;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (Object.hasOwn(input, key) && input[key] !== undefined) record[key] = cloneJson(input[key]);
    else if (record[key] !== undefined) reflect(record[key], child, input, depth + 1);
  }
}

type Prepared =
  | { ok: true; input: Record<string, unknown>; path: PathMembers; requestId: string }
  | { ok: false; response: Response };

export function createMocks(definitions: readonly OperationDefinition[], options: ChimeMocksOptions = {}) {
  const store = options.store ? createStore(options.store) : undefined;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const recorded = new Map<string, unknown[]>();

  const errorResponse = (
    name: string,
    status: number,
    body: unknown,
    requestId: string,
    headers: Record<string, string> = {},
  ) =>
    HttpResponse.json(body as Record<string, unknown>, {
      status,
      headers: { 'x-amzn-ErrorType': name, 'x-amzn-RequestId': requestId, ...headers },
    });

  const makeOperation = (def: OperationDefinition): OperationMock<unknown, unknown, string> => {
    const op = def.operation;
    const path = mswPath(options.baseUrl, op.path);
    const method = op.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    const calls: unknown[] = [];
    recorded.set(def.name, calls);
    const badRequest = def.errors.BadRequestException;

    /** Reads the request into the flat input and validates it as the service would. */
    const prepare = async (request: Request, params: Record<string, unknown>): Promise<Prepared> => {
      const input: Record<string, unknown> = {};
      // defineProperty: a JSON key named __proto__ stays data, never a prototype
      const put = (key: string, value: unknown) =>
        Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
      const url = new URL(request.url);
      const pathMembers: Record<string, string> = {};
      const bodyMembers = op.members.filter((m) => m.in === 'body');
      for (const m of op.members) {
        if (m.in === 'path' && typeof params[m.wireName] === 'string') {
          put(m.name, params[m.wireName]);
          pathMembers[m.name] = params[m.wireName] as string;
        } else if (m.in === 'query' && url.searchParams.has(m.wireName)) put(m.name, url.searchParams.get(m.wireName));
        else if (m.in === 'header' && request.headers.has(m.wireName)) put(m.name, request.headers.get(m.wireName));
      }
      const requestId = requestIdFor(`${options.seed ?? ''}|${def.name}|${canonical(pathMembers)}`);
      const refuse = (message: string, issues: Issue[]): Prepared => {
        if (options.onInvalidRequest === 'throw') {
          throw new InvalidMockRequestError(`${op.operationId} mock got an invalid request: ${message}`, issues);
        }
        const body = exceptionBody('BadRequestException', badRequest?.example, message);
        return {
          ok: false,
          response: errorResponse('BadRequestException', badRequest?.status ?? 400, body, requestId),
        };
      };
      if (bodyMembers.length > 0) {
        const text = await request.text();
        let parsed: unknown = {};
        if (text.trim() !== '') {
          try {
            parsed = JSON.parse(text);
          } catch {
            return refuse('The request body is not valid JSON.', [
              { path: '', message: 'is not valid JSON', keyword: 'json' },
            ]);
          }
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          return refuse('The request body must be a JSON object.', [
            { path: '', message: 'must be a JSON object', keyword: 'type' },
          ]);
        }
        for (const [key, value] of Object.entries(parsed)) {
          const member = bodyMembers.find((m) => m.wireName === key);
          put(member ? member.name : key, value);
        }
      }
      const result = def.input.check(input);
      if (!result.ok) return refuse(describeIssues(result.issues), result.issues);
      calls.push(cloneJson(input));
      return { ok: true, input, path: pathMembers, requestId };
    };

    const happyBody = (prepared: Extract<Prepared, { ok: true }>): { status: number; body: unknown } | Response => {
      const existing = store?.get(prepared.path);
      if (store?.strict && existing === undefined) {
        const notFound = def.errors.NotFoundException;
        const where = Object.values(prepared.path).join('/');
        return errorResponse(
          'NotFoundException',
          notFound?.status ?? 404,
          exceptionBody('NotFoundException', undefined, `The resource ${where} does not exist.`),
          prepared.requestId,
        );
      }
      let body: unknown = existing ?? cloneJson(def.example);
      if (body === null || body === undefined) {
        const random = seededRandom(hash(`${options.seed ?? ''}|${def.name}|${canonical(prepared.input)}`));
        body = synthesize(def.outputSchema, random, referenceDate, def.name);
      }
      reflect(body, def.outputSchema, prepared.input);
      store?.set(prepared.path, body);
      return { status: op.successStatus, body };
    };

    const respond = (prepared: Extract<Prepared, { ok: true }>): Response => {
      const result = happyBody(prepared);
      if (result instanceof Response) return result;
      return HttpResponse.json(result.body as Record<string, unknown>, {
        status: result.status,
        headers: { 'x-amzn-RequestId': prepared.requestId },
      });
    };

    const on = (
      resolve: (args: { request: Request; params: Record<string, unknown> }) => Response | Promise<Response>,
      scenario?: ScenarioOptions,
    ) =>
      http[method](path, ({ request, params }) => resolve({ request, params }), scenario?.once ? { once: true } : {});

    const checkOutput = (body: unknown, where: string) => {
      const result = def.output.check(body);
      if (!result.ok) {
        throw new MockDefinitionError(
          `${where}: the reply does not match the ${op.operationId} response in the spec:\n${result.issues
            .map((i) => `  ${i.path || '(the body)'}: ${i.message}`)
            .join('\n')}`,
        );
      }
    };

    return {
      handler: on(async ({ request, params }) => {
        const prepared = await prepare(request, params);
        return prepared.ok ? respond(prepared) : prepared.response;
      }),
      calls,
      error(name, scenario = {}) {
        const documented = def.errors[name];
        if (!documented) {
          throw new MockDefinitionError(
            `${op.operationId} documents no ${name}; it documents ${Object.keys(def.errors).join(', ')}.`,
          );
        }
        return on(async ({ request, params }) => {
          const prepared = await prepare(request, params);
          if (!prepared.ok) return prepared.response;
          const body = exceptionBody(name, documented.example, scenario.message);
          return errorResponse(name, documented.status, body, prepared.requestId, scenario.headers);
        }, scenario);
      },
      reply(bodyOrFn, scenario = {}) {
        if (typeof bodyOrFn !== 'function') checkOutput(bodyOrFn, `chimeMocks.${def.name}.reply()`);
        return on(async ({ request, params }) => {
          const prepared = await prepare(request, params);
          if (!prepared.ok) return prepared.response;
          const body =
            typeof bodyOrFn === 'function'
              ? await (bodyOrFn as (c: ReplyContext<unknown>) => unknown)({ input: prepared.input, request })
              : cloneJson(bodyOrFn);
          if (typeof bodyOrFn === 'function') checkOutput(body, `chimeMocks.${def.name}.reply(fn)`);
          return HttpResponse.json(body as Record<string, unknown>, {
            status: op.successStatus,
            headers: { 'x-amzn-RequestId': prepared.requestId },
          });
        }, scenario);
      },
      networkError(scenario = {}) {
        return on(() => HttpResponse.error(), scenario);
      },
      delay(ms, scenario = {}) {
        return on(async ({ request, params }) => {
          await wait(ms);
          const prepared = await prepare(request, params);
          return prepared.ok ? respond(prepared) : prepared.response;
        }, scenario);
      },
    };
  };

  const mocks: Record<string, unknown> = {};
  for (const def of definitions) mocks[def.name] = makeOperation(def);
  return Object.assign(mocks, {
    handlers: definitions.map((def) => (mocks[def.name] as OperationMock<unknown, unknown, string>).handler),
    store,
    reset() {
      for (const calls of recorded.values()) calls.length = 0;
      store?.reset();
    },
  }) as MocksBase & Record<string, OperationMock<unknown, unknown, string>>;
}
