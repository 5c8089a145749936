import type { SpecProblem } from './load.js';
import type { JsonSchema, MediaTypeObject, OpenApiDocument, OperationObject, ParameterObject } from './types.js';

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
  /** `operationId` in camelCase: the client method and mock factory name. */
  name: string;
  method: HttpMethod;
  /** The path template, e.g. `/accounts/{accountId}/users/{userId}`. */
  path: string;
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
}

export type OperationIndex = Operation[];

export function camelCase(id: string): string {
  return id.charAt(0).toLowerCase() + id.slice(1);
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Resolves a local `#/...` reference in `doc`; other refs were inlined by the bundler. */
export function resolveRef<T>(doc: OpenApiDocument, node: T & { $ref?: string }): T {
  let current: unknown = node;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) break;
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);
  }
  return current as T;
}

/** `schema` with every local `$ref` replaced by its target, at any depth; a cycle ends in `{}`. */
export function resolveRefDeep(
  doc: OpenApiDocument,
  schema: JsonSchema,
  seen: ReadonlySet<string> = new Set(),
): JsonSchema {
  if (!schema || typeof schema !== 'object') return schema;
  let node: JsonSchema = schema;
  let trail = seen;
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return {};
    trail = new Set(seen).add(schema.$ref);
    const { $ref: _ref, ...siblings } = schema;
    node = { ...resolveRef<JsonSchema>(doc, { $ref: schema.$ref }), ...siblings };
  }
  const out: JsonSchema = { ...node };
  delete out.$ref;
  if (node.properties) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([k, v]) => [k, resolveRefDeep(doc, v, trail)]),
    );
  }
  if (node.items) out.items = resolveRefDeep(doc, node.items, trail);
  return out;
}

export function schemaNameOf(schema: JsonSchema | undefined): string | undefined {
  const ref = schema?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/')
    ? ref.slice('#/components/schemas/'.length)
    : undefined;
}

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

/** Collects property names whose schema carries `x-sensitive: true`, at any depth. */
export function collectSensitive(schema: JsonSchema | undefined, into = new Set<string>(), seen = new Set<object>()) {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return into;
  seen.add(schema);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (child['x-sensitive'] === true) into.add(name);
    collectSensitive(child, into, seen);
  }
  if (schema.items) collectSensitive(schema.items, into, seen);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) collectSensitive(s as JsonSchema, into, seen);
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
    for (const p of params) {
      if (p.in === 'cookie') continue;
      members.push({
        name: p['x-member-name'] ?? pascalCase(p.name),
        location: p.in,
        wireName: p.name,
        required: p.in === 'path' ? true : Boolean(p.required),
        schema: p.schema ?? {},
        ...(p.description ? { description: p.description } : {}),
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
        members.push({
          name,
          location: 'body',
          wireName: name,
          required: required.has(name),
          schema,
          ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
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
      if (p.schema?.['x-sensitive'] === true) sensitive.add(p['x-member-name'] ?? pascalCase(p.name));
    }
    collectSensitive(jsonContent(derefOp.requestBody?.content)?.media.schema, sensitive);
    for (const r of Object.values(derefOp.responses ?? {})) {
      collectSensitive(jsonContent(r.content)?.media.schema, sensitive);
    }

    operations.push({
      operationId,
      name: camelCase(operationId),
      method,
      path,
      ...(op.summary ? { summary: op.summary } : {}),
      ...(op.description ? { description: op.description } : {}),
      deprecated: Boolean(op.deprecated),
      members,
      ...(body ? { body } : {}),
      success,
      errors: responses.filter((r) => r.status >= 400),
      sensitive: [...sensitive].sort(),
    });
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The rules this project adds to Redocly's: what the generators rely on and
 * a generic linter cannot know. Each problem carries a JSON pointer into `file`.
 */
export function checkConventions(doc: OpenApiDocument, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const { path, method, op, shared } of eachOperation(doc)) {
    const at = `#/paths/${escapePointer(path)}/${method}`;
    const names = new Map<string, string>();
    const params = [...shared, ...(op.parameters ?? [])];
    const bodySchema = jsonContent(op.requestBody?.content)?.media.schema;
    const entries: [string, string][] = [
      ...params.map((p): [string, string] => [p['x-member-name'] ?? pascalCase(p.name), `${p.in} parameter ${p.name}`]),
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
        pointer: `${at}/responses`,
        rule: 'chime/one-success-response',
        message: `Operation ${op.operationId} must document exactly one 2xx response; it has ${successes.length}.`,
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
