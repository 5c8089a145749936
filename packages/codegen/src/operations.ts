import { splitPathKey } from '@chime-api/wire';
import { clientTypeNames, createNameResolver, type NameResolver } from './kit/names.js';
import {
  camel,
  GENERATED_NAMES,
  INHERITED_MEMBERS,
  type NameCollision,
  NameRegistry,
  pascal,
  upperFirst,
} from './kit/naming.js';
import { resolveRef, schemaNameOf, subschemas } from './kit/schema.js';
import type { SpecProblem } from './load.js';
import type {
  JsonSchema,
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  Paginator,
  ParameterObject,
} from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof METHODS)[number];

/** One member of an operation's flat input, as the seed's `update_user(**kwargs)` takes it. */
export interface OperationMember {
  /** The member name users pass (`AccountId`). */
  name: string;
  /** Where it travels on the wire. */
  location: 'path' | 'query' | 'header' | 'body';
  /** Its name on the wire (`accountId` in the path template, the property name in the body). */
  wireName: string;
  required: boolean;
  /** Its schema as the bundled document writes it (component `$ref`s kept). */
  schema: JsonSchema;
  description?: string;
  /** `x-amzn-idempotency-token`: a client fills it with a fresh UUID when the caller leaves it out. */
  idempotencyToken?: boolean;
  /**
   * The member is a timestamp: `date-time` (an RFC 3339 string on the wire) or
   * `unixTimestamp` (epoch seconds, `x-amzn-timestamp-format`). Callers pass a `Date`.
   */
  timestamp?: TimestampFormat;
}

export type TimestampFormat = 'date-time' | 'unixTimestamp';

/** A schema's timestamp format, through its `$ref`, or `undefined` when it is not a timestamp. */
export function timestampFormatOf(
  bundled: OpenApiDocument,
  schema: JsonSchema | undefined,
): TimestampFormat | undefined {
  if (!schema) return undefined;
  const node = resolveRef(bundled, schema);
  if (node.format === 'date-time') return 'date-time';
  if (node['x-amzn-timestamp-format'] === 'unixTimestamp' || schema['x-amzn-timestamp-format'] === 'unixTimestamp')
    return 'unixTimestamp';
  return undefined;
}

export interface OperationResponse {
  status: number;
  contentType?: string;
  /** The component schema name when the response body is a `$ref` (`UpdateUserResponse`). */
  schemaName?: string;
  /** The body schema as the bundled document writes it. */
  schema?: JsonSchema;
  /** The first named example's value, if any. */
  example?: unknown;
  /** For errors: the exception shape the `x-amzn-ErrorType` header carries. */
  errorCode?: string;
  description?: string;
}

/** Everything a generator needs to know of one operation. */
export interface Operation {
  operationId: string;
  /** `operationId` through {@link camel}: the client method and mock factory name (`get-thing` → `getThing`). */
  name: string;
  /** `operationId` through {@link pascal}: the prefix of its types and validators (`GetThingInput`). */
  typeName: string;
  method: HttpMethod;
  /**
   * The spec's path key, e.g. `/accounts/{accountId}/users/{userId}` or, for an
   * operation told apart by a literal query, `/accounts/{accountId}/users/{userId}#operation=logout`.
   */
  path: string;
  /** The path template sent on the wire: `path` up to any `#`. */
  template: string;
  /** The literal query after `#` in the path key (`operation=logout`), sent first in the query string. */
  literalQuery?: string;
  /** `x-amzn-host-prefix`: prepended to the endpoint's host name (`messaging-`). */
  hostPrefix?: string;
  /** `x-amzn-paginator`: the members that carry the page token, the page size and the results. */
  paginator?: Paginator;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Flat input members, path members first, then body members, in spec order. */
  members: OperationMember[];
  body?: { required: boolean; contentType: string; schemaName?: string; schema: JsonSchema };
  success: OperationResponse;
  /** Documented error responses, by status. */
  errors: OperationResponse[];
  /** Names of the members (at any depth of input, output or errors) the spec marks `x-sensitive`. */
  sensitive: string[];
  /**
   * A read: a GET, or an operation the spec marks `x-chime-query: true`
   * (`false` makes a GET a write). The query layer gives reads query options
   * and every other operation mutation options.
   */
  read: boolean;
  /** `x-chime-invalidates`: the operationIds of the reads a success makes stale (none by default). */
  invalidates: string[];
}

export type OperationIndex = Operation[];

function jsonContent(content: Record<string, MediaTypeObject> | undefined) {
  if (!content) return undefined;
  const type = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json'));
  return type ? { type, media: content[type] as MediaTypeObject } : undefined;
}

function firstExample(media: MediaTypeObject | undefined): unknown {
  const examples = media?.examples;
  if (!examples) return undefined;
  const first = Object.keys(examples).sort()[0];
  return first === undefined ? undefined : examples[first]?.value;
}

/** Collects property names whose schema carries `x-sensitive: true`, at any depth and under any keyword. */
export function collectSensitive(schema: JsonSchema | undefined, into = new Set<string>(), seen = new Set<object>()) {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return into;
  seen.add(schema);
  for (const { keyword, key, schema: child } of subschemas(schema)) {
    if (keyword === 'properties' && child['x-sensitive'] === true) into.add(key);
    collectSensitive(child, into, seen);
  }
  return into;
}

function* eachOperation(doc: OpenApiDocument) {
  for (const path of Object.keys(doc.paths ?? {}).sort()) {
    const item = doc.paths?.[path] ?? {};
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (op && typeof op === 'object') {
        yield { path, method, op, shared: (item.parameters ?? []) as ParameterObject[] };
      }
    }
  }
}

/** Builds the operation index from the bundled (refs kept) and dereferenced documents. */
export function buildOperationIndex(bundled: OpenApiDocument, deref: OpenApiDocument): OperationIndex {
  const operations: Operation[] = [];
  const derefOps = new Map<string, OperationObject>();
  for (const { path, method, op } of eachOperation(deref)) derefOps.set(`${method} ${path}`, op);

  for (const { path, method, op, shared } of eachOperation(bundled)) {
    const operationId = op.operationId as string;
    const derefOp = derefOps.get(`${method} ${path}`) as OperationObject;
    const members: OperationMember[] = [];
    const params = [...shared, ...(op.parameters ?? [])].map((p) => resolveRef<ParameterObject>(bundled, p));
    const extras = (schema: JsonSchema | undefined, marked: unknown) => {
      const timestamp = timestampFormatOf(bundled, schema);
      const token = marked === true || schema?.['x-amzn-idempotency-token'] === true;
      return { ...(token ? { idempotencyToken: true } : {}), ...(timestamp ? { timestamp } : {}) };
    };
    for (const p of params) {
      if (p.in === 'cookie') continue;
      members.push({
        name: p['x-member-name'] ?? upperFirst(p.name),
        location: p.in,
        wireName: p.name,
        required: p.in === 'path' ? true : Boolean(p.required),
        schema: p.schema ?? {},
        ...(p.description ? { description: p.description } : {}),
        ...extras(p.schema, p['x-amzn-idempotency-token']),
      });
    }

    let body: Operation['body'];
    const requestBody = op.requestBody ? resolveRef(bundled, op.requestBody) : undefined;
    const json = jsonContent(requestBody?.content);
    if (json?.media.schema) {
      const schemaName = schemaNameOf(json.media.schema);
      body = {
        required: Boolean(requestBody?.required),
        contentType: json.type,
        schema: json.media.schema,
        ...(schemaName ? { schemaName } : {}),
      };
      const bodySchema = resolveRef(bundled, json.media.schema);
      const required = new Set(bodySchema.required ?? []);
      for (const [name, schema] of Object.entries(bodySchema.properties ?? {})) {
        // a readOnly member is answered, never sent: it is not part of the input
        if (schema.readOnly === true || resolveRef(bundled, schema).readOnly === true) continue;
        members.push({
          name,
          location: 'body',
          wireName: name,
          required: required.has(name),
          schema,
          ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
          ...extras(schema, undefined),
        });
      }
    }

    const responses: OperationResponse[] = Object.entries(op.responses ?? {})
      .filter(([status]) => /^\d{3}$/.test(status))
      .map(([status, raw]) => {
        const response = resolveRef(bundled, raw);
        const content = jsonContent(response.content);
        const schemaName = schemaNameOf(content?.media.schema);
        const example = firstExample(jsonContent(resolveRef(deref, derefOp.responses?.[status] ?? {}).content)?.media);
        return {
          status: Number(status),
          ...(content ? { contentType: content.type } : {}),
          ...(content?.media.schema ? { schema: content.media.schema } : {}),
          ...(schemaName ? { schemaName } : {}),
          ...(example !== undefined ? { example } : {}),
          ...(response['x-amzn-error-code'] ? { errorCode: response['x-amzn-error-code'] } : {}),
          ...(response.description ? { description: response.description } : {}),
        };
      })
      .sort((a, b) => a.status - b.status);
    const success = responses.find((r) => r.status >= 200 && r.status < 300) as OperationResponse;

    const sensitive = new Set<string>();
    for (const p of derefOp.parameters ?? []) {
      if (p.schema?.['x-sensitive'] === true) sensitive.add(p['x-member-name'] ?? upperFirst(p.name));
    }
    collectSensitive(jsonContent(derefOp.requestBody?.content)?.media.schema, sensitive);
    for (const r of Object.values(derefOp.responses ?? {})) {
      collectSensitive(jsonContent(r.content)?.media.schema, sensitive);
    }

    const [template, literalQuery] = splitPathKey(path);
    operations.push({
      operationId,
      name: camel(operationId),
      typeName: pascal(operationId),
      method,
      path,
      template,
      ...(path.includes('#') ? { literalQuery } : {}),
      ...(typeof op['x-amzn-host-prefix'] === 'string' ? { hostPrefix: op['x-amzn-host-prefix'] } : {}),
      ...(op['x-amzn-paginator'] ? { paginator: op['x-amzn-paginator'] } : {}),
      ...(op.summary ? { summary: op.summary } : {}),
      ...(op.description ? { description: op.description } : {}),
      deprecated: Boolean(op.deprecated),
      members,
      ...(body ? { body } : {}),
      success,
      errors: responses.filter((r) => r.status >= 400),
      sensitive: [...sensitive].sort(),
      read: typeof op['x-chime-query'] === 'boolean' ? op['x-chime-query'] : method === 'get',
      invalidates: [...(op['x-chime-invalidates'] ?? [])],
    });
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The rules this project adds to Redocly's: what the generators rely on and
 * a generic linter cannot know (with {@link checkSpecValues}: the values that
 * cannot work in generated code). Each problem carries a JSON pointer into `file`.
 */
export function checkConventions(doc: OpenApiDocument, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [...checkSpecValues(doc, file), ...checkConstructs(doc, file)];
  const reads = new Map<string, boolean>();
  for (const { method, op } of eachOperation(doc)) {
    if (typeof op.operationId === 'string') reads.set(op.operationId, op['x-chime-query'] ?? method === 'get');
  }
  for (const { path, method, op, shared } of eachOperation(doc)) {
    const at = `#/paths/${escapePointer(path)}/${method}`;
    problems.push(...checkQueryExtensions(op, at, file, reads));
    const names = new Map<string, string>();
    const params = [...shared, ...(op.parameters ?? [])];
    const bodySchema = jsonContent(op.requestBody?.content)?.media.schema;
    const entries: [string, string][] = [
      ...params.map((p): [string, string] => [p['x-member-name'] ?? upperFirst(p.name), `${p.in} parameter ${p.name}`]),
      ...Object.keys(bodySchema?.properties ?? {}).map((n): [string, string] => [n, `body member ${n}`]),
    ];
    for (const [member, what] of entries) {
      const before = names.get(member);
      if (before) {
        problems.push({
          file,
          pointer: at,
          rule: 'chime/flat-input-collision',
          message: `Operation ${op.operationId}: ${what} and ${before} both become the input member "${member}". Rename one (x-member-name on the parameter).`,
        });
      }
      names.set(member, what);
    }
    const successes = Object.keys(op.responses ?? {}).filter((s) => /^2\d\d$/.test(s));
    if (successes.length !== 1) {
      problems.push({
        file,
        pointer: successes.length > 1 ? `${at}/responses/${successes[1]}` : `${at}/responses`,
        rule: 'chime/one-success-response',
        message:
          successes.length > 1
            ? `Operation ${op.operationId} documents ${successes.length} success responses (${successes.join(', ')}): the client returns one output type per operation (its status in \`$metadata\`), the mocks answer one success and the SDK one model, so a second 2xx would be typed and mocked as the first. Keep one 2xx response; for a status that only says how it went (201 or 202), move it to an output member with x-status-member.`
            : `Operation ${op.operationId} must document exactly one 2xx response; it has none.`,
      });
    }
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const where = `${at}/responses/${status}`;
      const missing: string[] = [];
      if (!response.headers?.['x-amzn-ErrorType']) missing.push('an x-amzn-ErrorType header');
      if (!response['x-amzn-error-code']) missing.push('x-amzn-error-code (the exception name)');
      const schema = jsonContent(response.content)?.media.schema;
      if (!schema?.properties?.Code || !schema.properties.Message)
        missing.push('an application/json body with Code and Message');
      if (missing.length > 0) {
        problems.push({
          file,
          pointer: where,
          rule: 'chime/error-response-shape',
          message: `Error response ${status} of ${op.operationId} lacks ${missing.join(', ')}.`,
        });
      }
    }
  }
  return problems;
}

/** Media types the generators read: JSON only (the client parses, the validators check and the mocks answer JSON bodies). */
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

/**
 * The OpenAPI constructs the targets cannot carry, refused here with the
 * pointer of each (named where it is written, through `$ref`s) rather than
 * dropped in silence: a body or a response that is not JSON, a parameter
 * style other than the ones the client and the mocks encode (form, exploded,
 * for the query; simple for path and header), and a request body whose
 * members cannot be flattened into the input (a union, an `allOf`, a map).
 */
export function checkConstructs(doc: OpenApiDocument, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const pointers = pointersOf(doc);
  const at = (node: object, key: string) => `${pointers.get(node) ?? '#'}/${pointerPart(key)}`;
  const report = (pointer: string, rule: string, message: string) => problems.push({ file, pointer, rule, message });
  for (const { op, shared } of eachOperation(doc)) {
    const id = op.operationId;
    const content = (owner: { content?: Record<string, MediaTypeObject> } | undefined, what: string) => {
      for (const type of Object.keys(owner?.content ?? {})) {
        if (!isJson(type))
          report(
            at(owner?.content as object, type),
            'chime/media-type',
            `${what} of ${id} is ${type}: the generators carry JSON bodies only (the client parses JSON, the validators and the mocks check and answer it), so a ${type} body would reach no target. Describe it as application/json, or leave this operation out of the spec.`,
          );
      }
    };
    content(op.requestBody, 'The request body');
    for (const [status, response] of Object.entries(op.responses ?? {})) content(response, `Response ${status}`);

    for (const p of [...shared, ...(op.parameters ?? [])]) {
      if (!p || typeof p !== 'object') continue;
      const style = (p as { style?: unknown }).style;
      const explode = (p as { explode?: unknown }).explode;
      const wanted = p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple';
      const type = p.schema?.type;
      if (style !== undefined && style !== wanted)
        report(
          at(p, 'style'),
          'chime/parameter-style',
          `The ${p.in} parameter ${p.name} of ${id} has style: ${String(style)}: the client and the mocks encode ${p.in} parameters as style ${wanted}${p.in === 'query' ? ' (a list as repeated keys: tag=a&tag=b)' : ''}. Remove the style.`,
        );
      else if (p.in === 'query' && explode === false && (type === 'array' || type === 'object'))
        report(
          at(p, 'explode'),
          'chime/parameter-style',
          `The query parameter ${p.name} of ${id} has explode: false (tag=a,b): the client and the mocks send and read a list as repeated keys (tag=a&tag=b). Remove explode: false.`,
        );
      else if ((p.in === 'query' || p.in === 'path') && (type === 'object' || p.schema?.properties))
        report(
          at(p, 'schema'),
          'chime/parameter-style',
          `The ${p.in} parameter ${p.name} of ${id} is an object: the client sends ${p.in} members as scalars (and query lists of scalars) only. Make it a scalar or a list, or move it into the body.`,
        );
    }

    const media = jsonContent(op.requestBody?.content)?.media;
    const body = media?.schema;
    if (!body || typeof body !== 'object') continue;
    const combinator = ['oneOf', 'anyOf', 'allOf', 'not'].find((k) => k in body);
    const where = at(media as object, 'schema');
    if (combinator)
      report(
        where,
        'chime/request-body-shape',
        `The request body of ${id} is a schema with ${combinator} at its root: the client takes the body's members flat beside the path and query members, which a ${combinator} gives none of. Make the body an object with properties, and put the ${combinator} in one of them.`,
      );
    else if (body.type !== undefined && body.type !== 'object')
      report(
        where,
        'chime/request-body-shape',
        `The request body of ${id} is ${JSON.stringify(body.type)}, not an object: the client takes the body's members flat beside the path and query members. Wrap it in an object with one property.`,
      );
    else if (body.additionalProperties !== undefined && body.additionalProperties !== false)
      report(
        at(body, 'additionalProperties'),
        'chime/request-body-shape',
        `The request body of ${id} has additionalProperties at its root: the client takes the body's members flat beside the path and query members, where a map's keys have no place. Put the map in a property of the body.`,
      );
  }
  return problems;
}

/**
 * `x-chime-query` is a boolean; `x-chime-invalidates` lists operationIds of
 * reads (`reads`: every operationId, `true` for a read), each once.
 */
function checkQueryExtensions(
  op: OperationObject,
  at: string,
  file: string,
  reads: ReadonlyMap<string, boolean>,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const problem = (pointer: string, message: string) =>
    problems.push({ file, pointer, rule: 'chime/query-extensions', message });
  const query: unknown = op['x-chime-query'];
  if (query !== undefined && typeof query !== 'boolean') {
    problem(`${at}/x-chime-query`, `x-chime-query of ${op.operationId} must be true or false.`);
  }
  const invalidates: unknown = op['x-chime-invalidates'];
  if (invalidates === undefined) return problems;
  if (!Array.isArray(invalidates)) {
    problem(
      `${at}/x-chime-invalidates`,
      `x-chime-invalidates of ${op.operationId} must be a list of operationIds, e.g. [GetUser, ListUsers].`,
    );
    return problems;
  }
  const seen = new Set<unknown>();
  invalidates.forEach((name: unknown, i) => {
    const where = `${at}/x-chime-invalidates/${i}`;
    const read = typeof name === 'string' ? reads.get(name) : undefined;
    if (seen.has(name)) problem(where, `x-chime-invalidates of ${op.operationId} lists ${String(name)} twice.`);
    else if (read === undefined)
      problem(
        where,
        `x-chime-invalidates of ${op.operationId} names ${JSON.stringify(name)}, which is not an operationId of this spec.`,
      );
    else if (!read)
      problem(
        where,
        `x-chime-invalidates of ${op.operationId} names ${name}, which is not a read (a GET, or x-chime-query: true): only reads are cached.`,
      );
    seen.add(name);
  });
  return problems;
}

export { clientTypeNames };

/**
 * Every identifier the targets derive from spec names, claimed in one
 * registry per generated namespace, so two spec names that sanitise to the
 * same identifier (`get-thing` and `GetThing`) are found here, with the JSON
 * pointers of both, instead of by tsc in generated code. The namespaces: the
 * client's types (schemas other than error bodies, operation types, exception
 * classes), the validators (every schema, operation input and output) and
 * the operation names (client methods, mocks).
 */
export function checkIdentifiers(
  bundled: OpenApiDocument,
  operations: OperationIndex,
  names: NameResolver = createNameResolver(bundled, operations),
): NameCollision[] {
  const clientTypes = new NameRegistry();
  const validators = new NameRegistry();
  const values = new NameRegistry();
  for (const name of GENERATED_NAMES) {
    const builtIn = { raw: name, what: 'a name the generated code declares', pointer: '' };
    clientTypes.claim(name, builtIn);
    validators.claim(name, builtIn);
  }
  for (const op of operations) {
    const at = `#/paths/${escapePointer(op.path)}/${op.method}`;
    const source = { raw: op.operationId, what: 'operationId', pointer: `${at}/operationId` };
    const client = names.client.operation(op);
    values.claim(client.method, source);
    for (const type of [client.input, client.output, client.error, client.body]) clientTypes.claim(type, source);
    const { input, output } = names.validation.operation(op);
    for (const validator of [input, output]) {
      validators.claim(validator.legacy, source);
      validators.claim(validator.schema, source);
    }
    const responses = (bundled.paths?.[op.path]?.[op.method] as OperationObject | undefined)?.responses ?? {};
    for (const [status, raw] of Object.entries(responses)) {
      const code = resolveRef(bundled, raw)['x-amzn-error-code'];
      if (!code) continue;
      const base = typeof raw.$ref === 'string' ? raw.$ref.slice(1) : `${at.slice(1)}/responses/${status}`;
      clientTypes.claim(names.client.exception(code), {
        raw: code,
        what: 'x-amzn-error-code',
        pointer: `#${base}/x-amzn-error-code`,
      });
    }
  }
  const errorBodies = new Set(operations.flatMap((op) => op.errors.map((e) => e.schemaName)));
  for (const name of Object.keys(bundled.components?.schemas ?? {}).sort()) {
    const source = { raw: name, what: 'component schema', pointer: `#/components/schemas/${escapePointer(name)}` };
    const validator = names.validation.schema(name);
    validators.claim(validator.legacy, source);
    validators.claim(validator.schema, source);
    if (Array.isArray(bundled.components?.schemas?.[name]?.enum))
      validators.claim(names.validation.enumValues(name), source);
    if (!errorBodies.has(name)) clientTypes.claim(names.client.schemaType(name), source);
  }
  return [...clientTypes.collisions, ...validators.collisions, ...values.collisions];
}

/**
 * Names that cannot be a member's: `__proto__` (assigning it replaces an
 * object's prototype instead of setting a member) and the methods every
 * object inherits that openapi-typescript 7.13, which writes the client's and
 * the validators' types, fails on as a property name (its Redocly 1.34 looks
 * property names up in a plain object and calls what it finds).
 * `constructor` and `toString` work, and are not here.
 */
const INHERITED_METHOD =
  'openapi-typescript (which writes the client’s and the validators’ types) fails on a property named like a method every object inherits; `constructor` and `toString` work';
const UNUSABLE_MEMBER_NAMES = new Map<string, string>([
  [
    '__proto__',
    'assigning it to a JavaScript object replaces the object’s prototype instead of setting a member, so the client, the mocks and every consumer would lose it',
  ],
  ...[
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
    '__defineGetter__',
    '__defineSetter__',
    '__lookupGetter__',
    '__lookupSetter__',
  ].map((name): [string, string] => [name, INHERITED_METHOD]),
]);

/**
 * Characters a name on the wire may not hold: OpenAPI Generator's
 * typescript-fetch writes wire names HTML-escaped into the SDK's string
 * literals (`'` as `&#39;`) and passes a backslash or a line break through
 * raw, so the SDK would send and read another name, or not compile.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const SDK_UNSAFE = /[&<>"'`=\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** A path template: URL path characters (RFC 3986 `pchar` and `/`) and `{name}` templates. */
const PATH_TEMPLATE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2}|\{[A-Za-z0-9_.-]+\})*$/;
/** An HTTP header name (RFC 9110 `token`). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A character as a message names it: `'` or U+000A. */
const shown = (char: string) =>
  CONTROL.test(char) ? `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;

/** A JSON pointer's part, with `%`, white space and control characters %-escaped (Redocly decodes them) so a message stays on its line. */
const pointerPart = (s: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
  escapePointer(s).replace(/[%\s\u0000-\u001f\u007f-\u009f]/g, (c) => encodeURIComponent(c));

/** Keys whose value is data (an example, an enum), never schemas or names. */
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default', 'value']);

/**
 * The JSON pointer of every object of `doc`, as first met: components first,
 * so an object a `$ref` shares (the dereferenced document has one object for
 * every use of a component) is named where it is written.
 */
function pointersOf(doc: OpenApiDocument): Map<object, string> {
  const pointers = new Map<object, string>();
  const walk = (value: unknown, pointer: string) => {
    if (!value || typeof value !== 'object' || pointers.has(value)) return;
    pointers.set(value, pointer);
    for (const [k, child] of Object.entries(value)) walk(child, `${pointer}/${pointerPart(k)}`);
  };
  walk(doc.components, '#/components');
  walk(doc, '#');
  return pointers;
}

/**
 * The spec values that reach generated code as names or as wire data, checked
 * where quoting alone cannot make them work: member and wire names, header
 * names, operation names, host prefixes, error codes, paginators and enum
 * values. Each problem says why the value cannot work and carries the JSON
 * pointer of the value in the spec.
 */
export function checkSpecValues(doc: OpenApiDocument, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const pointers = pointersOf(doc);
  const at = (node: object, key: string) => `${pointers.get(node) ?? '#'}/${pointerPart(key)}`;
  const report = (pointer: string, rule: string, message: string) => problems.push({ file, pointer, rule, message });

  /** A member name users write in code (`x-member-name`, `x-status-member`, a property). */
  const memberName = (name: unknown, what: string, pointer: string) => {
    if (typeof name !== 'string') return report(pointer, 'chime/member-name', `${what} must be a string.`);
    const why = UNUSABLE_MEMBER_NAMES.get(name);
    if (why) report(pointer, 'chime/member-name', `${what} "${name}" cannot be used: ${why}. Rename it.`);
  };
  /** A name sent on the wire as written (a property, a query, path or header parameter). */
  const wireName = (name: string, what: string, pointer: string) => {
    const char = SDK_UNSAFE.exec(name)?.[0];
    if (char !== undefined)
      report(
        pointer,
        'chime/wire-name',
        `${what} ${JSON.stringify(name)} holds ${shown(char)}: OpenAPI Generator's typescript-fetch writes wire names HTML-escaped (' as &#39;) into the SDK's string literals and a backslash or line break raw, so the SDK would send and read another name. Use a name without & < > " ' \` = \\ or control characters.`,
      );
  };
  const headerName = (name: string, what: string, pointer: string) => {
    if (!TOKEN.test(name))
      report(
        pointer,
        'chime/header-name',
        `${what} ${JSON.stringify(name)} is not an HTTP header name (letters, digits and !#$%&'*+.^_\`|~- only): fetch refuses to send or read it.`,
      );
    else wireName(name, what, pointer);
  };

  // property names and enum values, in every schema (data keywords hold no schemas)
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const node = value as Record<string, unknown>;
    const properties = node.properties;
    if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
      for (const name of Object.keys(properties)) {
        const pointer = at(properties, name);
        memberName(name, 'The property', pointer);
        wireName(name, 'The property', pointer);
      }
    }
    if (Array.isArray(node.enum)) {
      for (const [i, v] of node.enum.entries()) {
        const char = typeof v === 'string' ? CONTROL.exec(v)?.[0] : undefined;
        if (char !== undefined)
          report(
            `${at(node.enum, String(i))}`,
            'chime/enum-value',
            `The enum value ${JSON.stringify(v)} holds ${shown(char)}: OpenAPI Generator's typescript-fetch writes it with a space there, so the SDK would send another value. Use a value without control characters or line breaks.`,
          );
      }
    }
    for (const [k, child] of Object.entries(node)) if (!DATA_KEYS.has(k)) walk(child);
  };
  walk(doc.components);
  walk(doc.paths);

  for (const { path, method, op, shared } of eachOperation(doc)) {
    const where = `#/paths/${escapePointer(path)}/${method}`;
    const [template, query] = splitPathKey(path);
    if (!PATH_TEMPLATE.test(template) || /\$\{/.test(template) || !/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/.test(query))
      report(
        `#/paths/${pointerPart(path)}`,
        'chime/path',
        `The path ${JSON.stringify(path)} may hold only URL path characters (letters, digits, -._~!$&'()*+,;=:@/ and %-escapes), {name} templates and, after "#", a literal query of URL query characters: the runtimes and the SDK write it into URLs and template strings as it is.`,
      );
    const name = camel(String(op.operationId ?? ''));
    if (INHERITED_MEMBERS.has(name))
      report(
        `${where}/operationId`,
        'chime/operation-name',
        `operationId ${op.operationId} becomes the method \`${name}\`, which ${
          name === 'then'
            ? 'makes the client and the module exporting it thenable (`await import(...)` and `await client` would call it)'
            : name === '__proto__'
              ? 'cannot be a member of the client or the operation table (assigning it replaces their prototype)'
              : 'every object inherits: the client would lose or replace it (String(client) or a library calling it would send a request)'
        }. Rename the operationId.`,
      );
    const prefix = op['x-amzn-host-prefix'];
    if (prefix !== undefined && (typeof prefix !== 'string' || !/^[A-Za-z0-9.-]*$/.test(prefix)))
      report(
        `${where}/x-amzn-host-prefix`,
        'chime/host-prefix',
        `x-amzn-host-prefix ${JSON.stringify(prefix)} must be letters, digits, "-" and "." only: it is prepended to the endpoint's host name, and anything else would send the request (signed) to another host or no host.`,
      );
    const paginator = op['x-amzn-paginator'] as Record<string, unknown> | undefined;
    if (paginator !== undefined) {
      const str = (v: unknown) => typeof v === 'string';
      const ok =
        paginator &&
        typeof paginator === 'object' &&
        str(paginator.inputToken) &&
        str(paginator.outputToken) &&
        (paginator.limitKey === undefined || str(paginator.limitKey)) &&
        (paginator.resultKey === undefined ||
          str(paginator.resultKey) ||
          (Array.isArray(paginator.resultKey) && paginator.resultKey.every(str)));
      if (!ok)
        report(
          `${where}/x-amzn-paginator`,
          'chime/paginator',
          'x-amzn-paginator must have string inputToken and outputToken, and may have a string limitKey and a string (or list of strings) resultKey.',
        );
    }
    for (const p of [...shared, ...(op.parameters ?? [])]) {
      if (!p || typeof p !== 'object' || typeof p.name !== 'string') continue;
      const pointer = at(p, 'name');
      if (p.in === 'header') headerName(p.name, `The header parameter`, pointer);
      else wireName(p.name, `The ${p.in} parameter`, pointer);
      if (p['x-member-name'] !== undefined) memberName(p['x-member-name'], 'x-member-name', at(p, 'x-member-name'));
      else if (p.in !== 'cookie') memberName(upperFirst(p.name), `The ${p.in} parameter's member name`, pointer);
    }
    for (const response of Object.values(op.responses ?? {})) {
      if (!response || typeof response !== 'object') continue;
      const code = response['x-amzn-error-code'];
      if (code !== undefined && (typeof code !== 'string' || !/^[!-9;-~]+$/.test(code)))
        report(
          at(response, 'x-amzn-error-code'),
          'chime/error-code',
          `x-amzn-error-code ${JSON.stringify(code)} must be printable ASCII without spaces or ":": it travels in the x-amzn-ErrorType header, which the client reads up to the first ":".`,
        );
      if (response['x-status-member'] !== undefined)
        memberName(response['x-status-member'], 'x-status-member', at(response, 'x-status-member'));
      for (const [header, node] of Object.entries(response.headers ?? {})) {
        headerName(header, 'The response header', at(response.headers as object, header));
        const member = (node as Record<string, unknown> | undefined)?.['x-member-name'];
        if (member !== undefined) memberName(member, 'x-member-name', at(node as object, 'x-member-name'));
      }
    }
  }
  const unique = new Map(problems.map((p) => [`${p.pointer} ${p.rule} ${p.message}`, p]));
  return [...unique.values()];
}
