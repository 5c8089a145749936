/**
 * The client without signing or retries: for apps whose proxy signs for them,
 * or that compose their own middleware. `@chime-api/client` adds SigV4 and
 * retries on top of this.
 */
import type { Client } from 'openapi-fetch';
import { exceptionClasses } from './errors.gen.js';
import {
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  readBody,
  resolveErrorCode,
} from './exceptions.js';
import {
  attemptsOf,
  contextOf,
  deriveRequest,
  type FetchLike,
  type FetchMiddleware,
  type ResponseMetadata,
  setContext,
} from './metadata.js';
import type { OperationSpec } from './operation-table.js';
import { defaultEndpoint, type OperationTypes, operations, sensitiveMembers } from './operations.gen.js';
import { redact } from './redact.js';
import type { paths } from './schema.gen.js';

export type ValidateMode = 'request' | 'response' | 'both';

/** A logger the client reports each call to; sensitive members arrive redacted. */
export interface ChimeLogger {
  debug(message: string, details: Record<string, unknown>): void;
}

export interface CoreClientOptions {
  /** Base URL; defaults to the spec's server (`https://chime.us-east-1.amazonaws.com`). */
  endpoint?: string;
  /** The fetch to call; looked up on `globalThis` at call time when omitted (so MSW started later still intercepts). */
  fetch?: FetchLike;
  /** Wrappers around fetch, outermost first (signing, retries, your own). */
  middleware?: readonly FetchMiddleware[];
  /** Abort each attempt after this many milliseconds (a `TimeoutError`). */
  timeoutMs?: number;
  /** Check input before sending and/or output after receiving, with @chime-api/validation. */
  validate?: ValidateMode;
  logger?: ChimeLogger;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
}

type Methods = {
  [K in keyof OperationTypes]: (
    input: OperationTypes[K]['input'],
    options?: CallOptions,
  ) => Promise<OperationTypes[K]['output']>;
};

/** openapi-fetch's typed HTTP methods (`raw.POST('/accounts/{accountId}/users/{userId}', ...)`). */
export type RawClient = Pick<
  Client<paths>,
  'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE' | 'request'
>;

/** One method per operation (`updateUser`, ...), plus the openapi-fetch client as `raw`. */
export type ChimeClient = Methods & {
  /**
   * The openapi-fetch client over the same fetch chain (signing, retries,
   * timeouts), for wire-level calls. Loaded on first use, so apps that never
   * touch it do not bundle it.
   */
  readonly raw: RawClient;
};

/** A plain object (not a Proxy, so not a thenable: `await chime.raw` is the object) whose methods load openapi-fetch on first use. */
function lazyRawClient(baseUrl: string, fetch: FetchLike): RawClient {
  let client: Promise<Client<paths>> | undefined;
  const raw: Record<string, unknown> = {};
  for (const name of 'GET PUT POST DELETE OPTIONS HEAD PATCH TRACE request'.split(' ') as (keyof RawClient)[]) {
    raw[name] = (...args: unknown[]) => {
      client ??= import('openapi-fetch').then(({ default: createClient }) => createClient<paths>({ baseUrl, fetch }));
      return client.then((c) => (c[name] as (...a: unknown[]) => Promise<unknown>)(...args));
    };
  }
  return raw as RawClient;
}

/**
 * Builds an operation's request URL: path members percent-encoded
 * (`a/b` → `a%2Fb`), query members appended. The template is split once.
 */
function urlBuilder(baseUrl: string, template: string) {
  const parts = template.split(/\{([^}]+)\}/); // literal, name, literal, name, ..., literal
  return (params: Record<'path' | 'query', Record<string, unknown>>): string => {
    let url = baseUrl + (parts[0] as string);
    for (let i = 1; i < parts.length; i += 2) {
      url += encodeURIComponent(String(params.path[parts[i] as string])) + (parts[i + 1] as string);
    }
    let query: URLSearchParams | undefined;
    for (const name in params.query) {
      query ??= new URLSearchParams();
      const value = params.query[name];
      for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
    }
    return query ? `${url}?${query}` : url;
  };
}

/** A per-attempt timeout, innermost so that every retry gets its own. */
function withTimeout(defaultMs: number | undefined): FetchMiddleware {
  return (next) => async (request) => {
    const ms = contextOf(request)?.timeoutMs ?? defaultMs;
    if (!ms) return next(request);
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(ms)]);
    return next(deriveRequest(request, { signal }));
  };
}

function compose(middleware: readonly FetchMiddleware[], base: FetchLike): FetchLike {
  return middleware.reduceRight<FetchLike>((next, wrap) => wrap(next), base);
}

function reviveDates(value: unknown, paths: readonly (readonly string[])[]): unknown {
  const visit = (node: unknown, [head, ...rest]: readonly string[]): unknown => {
    if (head === undefined) {
      const date = typeof node === 'string' && new Date(node);
      return date && !Number.isNaN(date.getTime()) ? date : node;
    }
    if (head === '*' && Array.isArray(node)) return node.map((item) => visit(item, rest));
    if (node && typeof node === 'object' && head in node) {
      const record = node as Record<string, unknown>;
      record[head] = visit(record[head], rest);
    }
    return node;
  };
  for (const path of paths) visit(value, path);
  return value;
}

function metadataOf(response: Response | undefined, request: Request | undefined): ResponseMetadata {
  const attempts = (response && attemptsOf.get(response)) || (request && attemptsOf.get(request));
  const metadata: ResponseMetadata = {
    httpStatusCode: response?.status ?? 0,
    attempts: attempts?.attempts ?? 1,
    totalRetryDelay: attempts?.totalRetryDelay ?? 0,
  };
  const requestId = response?.headers.get('x-amzn-requestid');
  if (requestId) metadata.requestId = requestId;
  return metadata;
}

/** Builds the exception for an error response, as restJson1 clients do. */
export function toServiceException(
  op: OperationSpec,
  response: Response,
  body: unknown,
  attempts?: { attempts: number; totalRetryDelay: number },
): ChimeServiceException {
  const classes = exceptionClasses as Record<string, typeof ChimeServiceException | undefined>;
  const code = resolveErrorCode(response.headers, body);
  const byStatus = op.errors[response.status];
  const Exception = (code && classes[code]) || (byStatus && classes[byStatus]) || ChimeServiceException;
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message = record.Message ?? record.message;
  return new Exception({
    // a generated subclass sets its own name after this one
    name: code ?? `Http${response.status}Error`,
    Code: typeof record.Code === 'string' ? record.Code : undefined,
    Message: typeof message === 'string' ? message : `${op.operationId} failed with HTTP ${response.status}`,
    $fault: response.status >= 500 ? 'server' : 'client',
    $metadata: { ...metadataOf(response, undefined), ...attempts },
    $response: response,
    body,
    sensitive: sensitiveMembers,
  });
}

/**
 * Why a path segment's text cannot be sent whatever the spec says, or
 * `undefined`: empty, `.` or `..` (the URL parser resolves a dot segment, even
 * percent-encoded, and the request would reach another resource). The
 * schema's own constraints (length, pattern) are `validate`'s to check, with
 * @chime-api/validation's linear-time matcher.
 */
export function segmentProblem(text: string): string | undefined {
  return text === '' || text === '.' || text === '..' ? `must not be "${text}"` : undefined;
}

type Validators = typeof import('@chime-api/validation');
let validation: Promise<Validators> | undefined;

async function validateOrThrow(operationId: string, kind: 'Input' | 'Output', value: unknown) {
  validation ??= import('@chime-api/validation');
  const mod = await validation;
  const schema = (mod.validators as Record<string, Parameters<Validators['validate']>[0] | undefined>)[
    `${operationId}${kind}`
  ];
  if (!schema) return;
  const result = mod.validate(schema, value);
  if (!result.ok) {
    throw new ChimeClientError(
      `${operationId}${kind} does not match the spec:\n${result.issues.map((i) => `  ${i.path || '/'}: ${i.message}`).join('\n')}`,
      'ValidationFailed',
      result.issues,
    );
  }
}

/**
 * Creates the client without signing or retries.
 *
 * @example
 * const chime = createChimeClient({ endpoint: 'https://proxy.example.com/chime' });
 * const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
 */
export function createChimeClient(options: CoreClientOptions = {}): ChimeClient {
  // whatever fetch itself throws is the network's failure: the one error retries look at
  const base: FetchLike = (request) =>
    (options.fetch ?? globalThis.fetch)(request).catch((cause: unknown) => {
      throw new ChimeNetworkError(cause); // its $metadata is set once the attempts are known
    });
  const chain = compose([...(options.middleware ?? []), withTimeout(options.timeoutMs)], base);
  const baseUrl = (options.endpoint ?? defaultEndpoint).replace(/\/+$/, '');
  const raw = lazyRawClient(baseUrl, chain);
  const validateRequest = options.validate === 'request' || options.validate === 'both';
  const validateResponse = options.validate === 'response' || options.validate === 'both';

  const call = async (
    op: OperationSpec,
    url: ReturnType<typeof urlBuilder>,
    input: Record<string, unknown>,
    callOptions: CallOptions = {},
  ) => {
    if (!input || typeof input !== 'object') {
      throw new ChimeClientError(`${op.operationId}: input must be an object of members`, 'InvalidInput');
    }
    const params: Record<'path' | 'query' | 'header', Record<string, unknown>> = { path: {}, query: {}, header: {} };
    let body: Record<string, unknown> | undefined;
    for (const member of op.members) {
      const value = input[member.name];
      const type = member.type ?? 'string';
      // a path member that cannot be sent: missing, not of its schema's type, or see segmentProblem
      const problem =
        member.in === 'path' &&
        (value == null
          ? 'is required'
          : typeof value !== (type === 'integer' ? 'number' : type) || (type === 'integer' && !Number.isInteger(value))
            ? `must be of type ${type}`
            : segmentProblem(String(value)));
      if (problem) {
        throw new ChimeClientError(
          `${op.operationId}: ${member.name} ${problem}; it is a URL path segment.`,
          'InvalidInput',
          [{ path: `/${member.name}`, message: problem }],
        );
      }
      if (member.in === 'body') {
        body ??= {};
        if (value !== undefined) body[member.wireName] = value;
      } else if (value !== undefined) {
        params[member.in][member.wireName] = value;
      }
    }
    if (validateRequest) await validateOrThrow(op.operationId, 'Input', input);
    const started = options.logger ? Date.now() : 0;
    // Built here rather than through openapi-fetch's coreFetch, which merges
    // headers twice per call: that alone costs about a third of a bare fetch
    // (see bench/). `chime.raw` is openapi-fetch, over the same chain.
    const bodyText = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    for (const name in params.header) headers[name] = String(params.header[name]);
    if (bodyText !== undefined) headers['content-type'] = 'application/json';
    const sent = new Request(url(params), {
      method: op.method,
      headers,
      body: bodyText,
      signal: callOptions.signal,
    });
    setContext(sent, { body: bodyText, timeoutMs: callOptions.timeoutMs });
    let response: Response;
    try {
      response = await chain(sent);
    } catch (error) {
      // the attempts made are known only now
      if (error instanceof ChimeNetworkError) error.$metadata = metadataOf(undefined, sent);
      throw error;
    }
    const parsed = response.status === 204 || op.method === 'HEAD' ? undefined : await readBody(response);
    options.logger?.debug(`${op.operationId} → HTTP ${response.status} in ${Date.now() - started} ms`, {
      operation: op.operationId,
      input: redact(input, op.sensitive),
      ...metadataOf(response, sent),
    });
    if (!response.ok) throw toServiceException(op, response, parsed);
    // a 2xx without a body (204, or an empty 200) is a success with no body members
    const data = (parsed ?? {}) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null) {
      throw new ChimeClientError(
        `${op.operationId}: the HTTP ${response.status} body is not a JSON object.`,
        'InvalidResponse',
      );
    }
    if (validateResponse) await validateOrThrow(op.operationId, 'Output', data);
    for (const { name, header, type } of op.outputHeaders ?? []) {
      const value = response.headers.get(header);
      if (value !== null)
        data[name] = type === 'boolean' ? value === 'true' : type && type !== 'string' ? Number(value) : value;
    }
    if (op.statusMember) data[op.statusMember] = response.status;
    const output = reviveDates(data, op.datePaths) as object;
    Object.defineProperty(output, '$metadata', { value: metadataOf(response, sent) });
    return output;
  };

  const client: Record<string, unknown> = { raw };
  for (const [name, op] of Object.entries(operations)) {
    const url = urlBuilder(baseUrl, op.path); // the template is split once, not per call
    client[name] = (input: Record<string, unknown>, callOptions?: CallOptions) => call(op, url, input, callOptions);
  }
  return client as ChimeClient;
}

export * from './errors.gen.js';
export {
  ChimeClientError,
  ChimeNetworkError,
  ChimeServiceException,
  isNetworkError,
  resolveErrorCode,
} from './exceptions.js';
export type { FetchLike, FetchMiddleware, ResponseMetadata, WithMetadata } from './metadata.js';
export type { HeaderMemberSpec, MemberSpec, OperationSpec, OperationTable } from './operation-table.js';
export type * from './operations.gen.js';
export { operations, sensitiveMembers } from './operations.gen.js';
export { REDACTED, redact } from './redact.js';
export type { components, paths } from './schema.gen.js';
