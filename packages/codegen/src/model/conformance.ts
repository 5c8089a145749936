/**
 * `pnpm spec:conformance`: holds the hand-authored spec to the official model,
 * fact by fact. For every operation in the spec: method, URI (path and literal
 * query), success status, host prefix, paginator; for every input and output
 * member at any depth: location, wire name, type, required, enum, pattern,
 * length, range, timestamp format, sensitive mark, idempotency token; every
 * error and its status, and the error bodies; the signing name. Each drift
 * names the operation, the member and both values.
 */
import { relative } from 'node:path';
import { resolveRef } from '../kit/schema.js';
import { loadSpec } from '../load.js';
import type { JsonSchema, OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from '../types.js';
import { boundKeywords, specTypeOf, timestampFormatOfSchema } from './mapping.js';
import {
  DEFAULT_RESPONSE_CODE,
  ecmaPattern,
  type LoadedModel,
  type ModelMemberRef,
  type ModelShape,
  requestUriOf,
  timestampFormatOf,
  type WireLocation,
  wireLocation,
} from './model.js';

export interface Drift {
  /** The operationId, or `(service)` for document-wide facts. */
  operation: string;
  /** Where: `input LicenseType`, `output User.UserRegistrationStatus`, `error 404`. */
  member?: string;
  /** The component that holds the fact, when the member refers to one (`#/components/schemas/License`). */
  component?: string;
  /** Which fact: `enum`, `required`, `status`, ... */
  fact: string;
  spec: string;
  model: string;
}

export interface ConformanceReport {
  spec: string;
  operations: number;
  members: number;
  facts: number;
  modelOperations: number;
  drift: Drift[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const show = (value: unknown): string => {
  if (value === undefined) return 'none';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
};

/** A schema with its `$ref` chain followed; siblings of a `$ref` override what it points to. */
function deref(doc: OpenApiDocument, node: JsonSchema | undefined): JsonSchema {
  const layers: JsonSchema[] = [];
  let current: JsonSchema | undefined = node;
  const seen = new Set<string>();
  while (current && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    layers.push(current);
    current = resolveRef<JsonSchema>(doc, { $ref: current.$ref });
  }
  const merged: JsonSchema = { ...(current ?? {}) };
  for (const layer of layers.reverse()) {
    const { $ref: _ref, ...siblings } = layer;
    Object.assign(merged, siblings);
  }
  delete merged.$ref;
  return merged;
}

/** The last `$ref` of a chain (`#/components/schemas/License`): where a shared fact is written. */
function lastRef(doc: OpenApiDocument, node: JsonSchema): string | undefined {
  let last: string | undefined;
  let current: JsonSchema | undefined = node;
  while (current && typeof current.$ref === 'string' && current.$ref !== last) {
    last = current.$ref;
    current = resolveRef<JsonSchema>(doc, { $ref: current.$ref });
  }
  return last;
}

function jsonSchemaOf(content: Record<string, { schema?: JsonSchema }> | undefined): JsonSchema | undefined {
  return content?.['application/json']?.schema;
}

function specType(schema: JsonSchema): string | undefined {
  const t = schema.type;
  return Array.isArray(t) ? t.filter((x) => x !== 'null').join('|') : t;
}

interface MemberFacts {
  location: WireLocation;
  wireName: string;
  required: boolean;
  schema: JsonSchema;
  idempotencyToken: boolean;
}

class Checker {
  readonly drift: Drift[] = [];
  facts = 0;
  members = 0;
  private readonly compared = new Set<string>();

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly model: LoadedModel,
  ) {}

  private get shapes() {
    return this.model.service.shapes;
  }

  /** Records one fact; a difference is a drift. */
  fact(operation: string, member: string | undefined, fact: string, spec: unknown, model: unknown, component?: string) {
    this.facts += 1;
    const a = show(spec);
    const b = show(model);
    if (a !== b) {
      this.drift.push({
        operation,
        ...(member ? { member } : {}),
        fact,
        spec: a,
        model: b,
        ...(component ? { component } : {}),
      });
    }
  }

  service() {
    const { metadata } = this.model.service;
    const schemes = Object.values(this.doc.components?.securitySchemes ?? {});
    const sigv4 = schemes.find((s) => s['x-aws-sigv4']) as { 'x-aws-sigv4'?: { service?: string } } | undefined;
    this.fact(
      '(service)',
      'securitySchemes x-aws-sigv4',
      'signing name',
      sigv4?.['x-aws-sigv4']?.service,
      metadata.signingName ?? metadata.endpointPrefix,
    );
    this.fact(
      '(service)',
      'securitySchemes',
      'signature',
      schemes.some((s) => s['x-amazon-apigateway-authtype'] === 'awsSigv4') ? 'v4' : undefined,
      metadata.signatureVersion,
    );
    const host = this.doc.servers?.[0]?.url ? new URL(this.doc.servers[0].url).hostname : undefined;
    this.fact('(service)', 'servers[0]', 'endpoint prefix', host?.split('.')[0], metadata.endpointPrefix);
  }

  operation(pathKey: string, method: string, op: OperationObject & Record<string, unknown>) {
    const id = op.operationId ?? `${method.toUpperCase()} ${pathKey}`;
    const model = this.model.service.operations[id];
    if (!model) {
      this.fact(id, undefined, 'operation', `${method.toUpperCase()} ${pathKey}`, 'no such operation');
      return;
    }
    this.fact(id, undefined, 'method', method.toUpperCase(), model.http.method);
    this.fact(id, undefined, 'URI', requestUriOf(pathKey), model.http.requestUri);
    const successes = Object.keys(op.responses ?? {}).filter((s) => /^2\d\d$/.test(s));
    this.fact(id, undefined, 'success status', successes.join(', '), model.http.responseCode ?? DEFAULT_RESPONSE_CODE);
    const prefix = model.endpoint?.hostPrefix;
    this.fact(id, undefined, 'host prefix', op['x-amzn-host-prefix'], prefix);
    const servers = op.servers as { url: string }[] | undefined;
    if (servers?.length && this.doc.servers?.[0]) {
      const root = new URL(this.doc.servers[0].url).hostname;
      this.fact(id, 'servers[0]', 'host', new URL(servers[0]?.url ?? '').hostname, `${prefix ?? ''}${root}`);
    }
    const paginator = this.model.paginators.pagination[id];
    this.fact(
      id,
      undefined,
      'paginator',
      op['x-amzn-paginator'],
      paginator && {
        inputToken: paginator.input_token,
        outputToken: paginator.output_token,
        ...(paginator.limit_key ? { limitKey: paginator.limit_key } : {}),
        resultKey: paginator.result_key,
      },
    );

    // input
    const specIn = new Map<string, MemberFacts>();
    for (const raw of op.parameters ?? []) {
      const p = resolveRef<ParameterObject & Record<string, unknown>>(this.doc, raw as never);
      if (p.in === 'cookie') continue;
      specIn.set(p['x-member-name'] ?? p.name, {
        location: p.in,
        wireName: p.name,
        required: p.in === 'path' ? true : Boolean(p.required),
        schema: { ...(p.schema ?? {}), ...(p['x-amzn-idempotency-token'] ? { 'x-amzn-idempotency-token': true } : {}) },
        idempotencyToken: p['x-amzn-idempotency-token'] === true,
      });
    }
    const requestBody = op.requestBody ? resolveRef(this.doc, op.requestBody) : undefined;
    this.bodyMembers(jsonSchemaOf(requestBody?.content), specIn);
    const input = model.input ? this.shapes[model.input.shape] : undefined;
    this.members_(id, 'input', input, specIn);

    // output
    const success = successes[0] ? resolveRef<ResponseObject>(this.doc, op.responses?.[successes[0]] ?? {}) : undefined;
    const specOut = new Map<string, MemberFacts>();
    for (const [name, raw] of Object.entries(success?.headers ?? {})) {
      const h = resolveRef<{ schema?: JsonSchema; required?: boolean; 'x-member-name'?: string }>(
        this.doc,
        raw as never,
      );
      if (!h['x-member-name']) continue; // x-amzn-RequestId and the like are not model members
      specOut.set(h['x-member-name'], {
        location: 'header',
        wireName: name,
        required: Boolean(h.required),
        schema: h.schema ?? {},
        idempotencyToken: false,
      });
    }
    this.bodyMembers(jsonSchemaOf(success?.content), specOut);
    const output = model.output ? this.shapes[model.output.shape] : undefined;
    this.members_(id, 'output', output, specOut);

    // errors
    const specErrors = new Map<string, number>();
    const bodies = new Map<string, JsonSchema | undefined>();
    for (const [status, raw] of Object.entries(op.responses ?? {})) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const r = resolveRef<ResponseObject>(this.doc, raw) as ResponseObject & Record<string, unknown>;
      const codes = (r['x-amzn-error-codes'] as string[] | undefined) ?? [r['x-amzn-error-code']].filter(Boolean);
      for (const code of codes as string[]) {
        specErrors.set(code, Number(status));
        bodies.set(code, jsonSchemaOf(r.content));
      }
    }
    const modelErrors = new Map<string, number>();
    for (const e of model.errors ?? []) {
      const shape = this.shapes[e.shape] as ModelShape;
      modelErrors.set(e.shape, shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400));
    }
    for (const name of [...new Set([...specErrors.keys(), ...modelErrors.keys()])].sort()) {
      this.fact(id, `error ${name}`, 'status', specErrors.get(name), modelErrors.get(name));
      const body = bodies.get(name);
      if (body && modelErrors.has(name)) this.shape(id, `error ${name}`, name, body, 'body');
    }
  }

  private bodyMembers(schemaNode: JsonSchema | undefined, into: Map<string, MemberFacts>) {
    if (!schemaNode) return;
    const body = deref(this.doc, schemaNode);
    const required = new Set(body.required ?? []);
    for (const [name, prop] of Object.entries(body.properties ?? {})) {
      const merged = deref(this.doc, prop);
      into.set(name, {
        location: 'body',
        wireName: name,
        required: required.has(name),
        schema: prop,
        idempotencyToken: merged['x-amzn-idempotency-token'] === true,
      });
    }
  }

  private members_(
    id: string,
    side: 'input' | 'output',
    shape: ModelShape | undefined,
    spec: Map<string, MemberFacts>,
  ) {
    const required = new Set(shape?.required ?? []);
    const modelMembers = new Map<string, ModelMemberRef>(Object.entries(shape?.members ?? {}));
    for (const name of [...new Set([...spec.keys(), ...modelMembers.keys()])].sort()) {
      const where = `${side} ${name}`;
      const s = spec.get(name);
      const m = modelMembers.get(name);
      this.members += 1;
      if (!s || !m) {
        this.fact(
          id,
          where,
          'member',
          s ? `present (${s.location})` : undefined,
          m ? `present (${wireLocation(m)})` : undefined,
        );
        continue;
      }
      const location = wireLocation(m);
      this.fact(id, where, 'location', s.location, location);
      this.fact(id, where, 'wire name', s.wireName, location === 'body' ? name : (m.locationName ?? name));
      this.fact(id, where, 'required', s.required, location === 'path' ? true : required.has(name));
      this.fact(id, where, 'idempotency token', s.idempotencyToken, m.idempotencyToken === true);
      this.shape(id, where, m.shape, s.schema, location);
    }
  }

  /** Compares a schema with a model shape, recursing into structures, lists and maps. */
  shape(id: string, where: string, shapeName: string, node: JsonSchema, location: WireLocation) {
    const key = typeof node.$ref === 'string' ? `${shapeName} ${node.$ref} ${location}` : undefined;
    const siblings = Object.keys(node).filter((k) => k !== '$ref' && k !== 'description');
    if (key && siblings.length === 0) {
      if (this.compared.has(key)) return; // a shared component is compared once
      this.compared.add(key);
    }
    const shape = this.shapes[shapeName] as ModelShape;
    const schema = deref(this.doc, node);
    const component = lastRef(this.doc, node);
    const fact = (name: string, spec: unknown, model: unknown) => this.fact(id, where, name, spec, model, component);
    fact('type', specType(schema), specTypeOf(shape, location));
    // the shape's min and max, under the keywords its type puts them in (minLength, minimum, minItems, ...)
    const bounds = () => {
      const keywords = boundKeywords(shape);
      if (!keywords) return;
      fact(keywords[0], schema[keywords[0]], shape.min);
      fact(keywords[1], schema[keywords[1]], shape.max);
    };
    fact('sensitive', schema['x-sensitive'] === true, shape.sensitive === true);
    switch (shape.type) {
      case 'string':
        fact('enum', schema.enum, shape.enum);
        fact(
          'pattern',
          typeof schema.pattern === 'string' ? ecmaPattern(schema.pattern) : schema.pattern,
          shape.pattern === undefined ? undefined : ecmaPattern(shape.pattern),
        );
        bounds();
        break;
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
        bounds();
        break;
      case 'timestamp': {
        fact('timestamp format', timestampFormatOfSchema(schema), timestampFormatOf(shape, location));
        break;
      }
      case 'list':
        bounds();
        if (schema.items && shape.member) this.shape(id, `${where}[]`, shape.member.shape, schema.items, location);
        break;
      case 'map': {
        bounds();
        const values = schema.additionalProperties;
        if (values && typeof values === 'object' && shape.value)
          this.shape(id, `${where}{}`, shape.value.shape, values, location);
        const keys = schema.propertyNames as JsonSchema | undefined;
        if (keys && shape.key) this.shape(id, `${where}{key}`, shape.key.shape, keys, location);
        break;
      }
      case 'structure': {
        const props = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const modelRequired = new Set(shape.required ?? []);
        const members = shape.members ?? {};
        for (const name of [...new Set([...Object.keys(props), ...Object.keys(members)])].sort()) {
          const at = `${where}.${name}`;
          const prop = props[name];
          const member = members[name];
          this.members += 1;
          if (!prop || !member) {
            this.fact(id, at, 'member', prop ? 'present' : undefined, member ? 'present' : undefined);
            continue;
          }
          this.fact(id, at, 'required', required.has(name), modelRequired.has(name), component);
          this.fact(
            id,
            at,
            'idempotency token',
            deref(this.doc, prop)['x-amzn-idempotency-token'] === true,
            member.idempotencyToken === true,
          );
          this.shape(id, at, member.shape, prop, 'body');
        }
        break;
      }
    }
  }
}

/**
 * Checks the spec at `specPath` (loaded and linted first) against the model.
 * @example
 * const report = await checkConformance('specs/chime/openapi.yaml', loadModel());
 * report.drift; // [] when the spec matches the model
 */
export async function checkConformance(specPath: string, model: LoadedModel): Promise<ConformanceReport> {
  const spec = await loadSpec(specPath);
  const doc = spec.bundled;
  const checker = new Checker(doc, model);
  checker.service();
  let operations = 0;
  for (const pathKey of Object.keys(doc.paths ?? {}).sort()) {
    const item = (doc.paths?.[pathKey] ?? {}) as Record<string, unknown>;
    for (const method of METHODS) {
      const op = item[method];
      if (op && typeof op === 'object') {
        operations += 1;
        checker.operation(pathKey, method, op as OperationObject & Record<string, unknown>);
      }
    }
  }
  return {
    spec: relative(process.cwd(), specPath) || specPath,
    operations,
    members: checker.members,
    facts: checker.facts,
    modelOperations: Object.keys(model.service.operations).length,
    drift: checker.drift,
  };
}

/** The report as the CLI prints it: one line when clean, one line per drift otherwise. */
export function formatConformance(report: ConformanceReport): string {
  const scope = `${report.operations} operation${report.operations === 1 ? '' : 's'} (of the model's ${report.modelOperations}), ${report.members} members, ${report.facts} facts`;
  if (report.drift.length === 0) {
    return `spec:conformance: ${report.spec} matches the Chime model (botocore chime 2018-05-01): ${scope}, no drift.`;
  }
  const lines = report.drift.map(
    (d) =>
      `  ${d.operation}${d.member ? ` ${d.member}` : ''}: ${d.fact}: spec ${d.spec}, model ${d.model}${d.component ? ` (at ${d.component})` : ''}`,
  );
  return [
    `spec:conformance: ${report.spec} drifts from the Chime model (botocore chime 2018-05-01) in ${report.drift.length} fact${report.drift.length === 1 ? '' : 's'} (checked ${scope}):`,
    ...lines,
    'Make the spec say what the model says (README: "Operations from the official model"), then run `pnpm spec:conformance` again.',
  ].join('\n');
}
