/**
 * The @chime-api/client target, into packages/client/src/:
 *   schema.gen.ts      openapi-typescript `paths` and `components`
 *   operations.gen.ts  flat input / Date-revived output types and the operation table
 *   errors.gen.ts      one exception class per error response
 * Generic over the spec: nothing here names an operation.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { doc, generatedHeader, key, literal, q } from '../kit/emit.js';
import type { NameResolver } from '../kit/names.js';
import { CLIENT_RESERVED_VALUES, checkValueNames, pascal } from '../kit/naming.js';
import { eachObject, resolveRef, schemaNameOf, subschemas } from '../kit/schema.js';
import type { LoadedSpec } from '../load.js';
import { type Operation, type TimestampFormat, timestampFormatOf } from '../operations.js';
import type { GeneratedFiles } from '../target.js';
import type { JsonSchema, OpenApiDocument, OperationObject, ResponseObject } from '../types.js';

/** More timestamp paths than this under one operation's output is refused: the client lists each one. */
const MAX_DATE_PATHS = 10_000;

const withTimestamps = new WeakMap<OpenApiDocument, Map<TimestampFormat, Set<string>>>();

/**
 * The component schemas with a timestamp of `format` anywhere below them,
 * through refs: found once per document by walking each component without
 * following refs, then back along the refs. {@link datePaths} skips every
 * ref to another component, so a `$ref` DAG (each schema referring to the
 * next twice) costs its size, not 2^depth walks.
 */
function componentsWithTimestamps(bundled: OpenApiDocument, format: TimestampFormat): Set<string> {
  let byFormat = withTimestamps.get(bundled);
  if (!byFormat) {
    byFormat = new Map();
    withTimestamps.set(bundled, byFormat);
  }
  const known = byFormat.get(format);
  if (known) return known;
  const found = new Set<string>();
  const referrers = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(bundled.components?.schemas ?? {})) {
    eachObject(schema, (node) => {
      const target = schemaNameOf(node as JsonSchema);
      if (target !== undefined) referrers.set(target, [...(referrers.get(target) ?? []), name]);
      const own =
        target === undefined ? timestampFormatOf(bundled, node as JsonSchema) : node['x-amzn-timestamp-format'];
      if (own === format) found.add(name);
      return undefined;
    });
  }
  const queue = [...found];
  for (let i = 0; i < queue.length; i++)
    for (const referrer of referrers.get(queue[i] as string) ?? [])
      if (!found.has(referrer)) {
        found.add(referrer);
        queue.push(referrer);
      }
  byFormat.set(format, found);
  return found;
}

/** Every property path (e.g. `['User', 'RegisteredOn']`, `*` for array items) whose schema is `format: date-time`. */
function datePaths(
  bundled: OpenApiDocument,
  schema: JsonSchema | undefined,
  prefix: string[] = [],
  seen = new Set<object>(),
  format: TimestampFormat = 'date-time',
  found = { count: 0 },
): string[][] {
  const component = schemaNameOf(schema);
  if (component !== undefined && !componentsWithTimestamps(bundled, format).has(component)) return [];
  const node = schema ? resolveRef(bundled, schema) : undefined;
  if (!node || typeof node !== 'object' || seen.has(node)) return [];
  const here = timestampFormatOf(bundled, schema);
  if (here === format && ++found.count > MAX_DATE_PATHS)
    throw new Error(
      `More than ${MAX_DATE_PATHS} ${format} members below one output (the client lists each path to revive): a $ref that repeats a schema with timestamps at every level? Share fewer copies of it.`,
    );
  if (here) return here === format ? [prefix] : [];
  const next = new Set(seen).add(node);
  const out: string[][] = [];
  for (const { keyword, key: name, schema: child } of subschemas(node)) {
    // a combinator's branches describe the same value; a map's values have no fixed key to revive under
    if (keyword === 'properties') out.push(...datePaths(bundled, child, [...prefix, name], next, format, found));
    else if (keyword === 'items') out.push(...datePaths(bundled, child, [...prefix, '*'], next, format, found));
    else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf')
      out.push(...datePaths(bundled, child, prefix, next, format, found));
  }
  return out;
}

/** Component schemas that hold a timestamp (date-time or epoch seconds) somewhere below them: their client types get `Date`. */
function revivedSchemas(bundled: OpenApiDocument): Set<string> {
  const schemas = bundled.components?.schemas ?? {};
  return new Set(
    Object.keys(schemas).filter((name) => {
      const ref = { $ref: `#/components/schemas/${name}` };
      if (timestampFormatOf(bundled, ref)) return false; // the scalar itself keeps its wire type
      return (['date-time', 'unixTimestamp'] as const).some(
        (format) => datePaths(bundled, ref, [], new Set(), format).length > 0,
      );
    }),
  );
}

/** `revived`: the schemas whose client type differs from the wire's, by name, with their client identifiers. */
function clientTypeOf(bundled: OpenApiDocument, schema: JsonSchema, revived: Map<string, string>): string | undefined {
  const name = schemaNameOf(schema);
  const node = resolveRef(bundled, schema);
  if (timestampFormatOf(bundled, schema)) return 'Date';
  if (name && revived.has(name)) return revived.get(name);
  if (node.type === 'array' && node.items) {
    const item = clientTypeOf(bundled, node.items, revived);
    return item ? (item.includes(' | ') ? `(${item})[]` : `${item}[]`) : undefined;
  }
  // a union with a timestamp in a variant: each variant as the client has it, when each can be named
  const variants = [node.oneOf, node.anyOf].find((v): v is JsonSchema[] => Array.isArray(v) && v.length > 0);
  if (variants && typeof node.type !== 'string' && !node.properties) {
    const types = variants.map((v) => clientTypeOf(bundled, v, revived));
    if (types.every((t) => t === undefined)) return undefined;
    const named = variants.map((v, i) => {
      const variant = schemaNameOf(v);
      return (
        types[i] ?? (variant ? `Schemas[${q(variant)}]` : resolveRef(bundled, v).type === 'null' ? 'null' : undefined)
      );
    });
    return named.every((t) => t !== undefined) ? named.join(' | ') : undefined;
  }
  return undefined;
}

function revivedTypes(
  bundled: OpenApiDocument,
  revived: Map<string, string>,
  errorSchemas: Set<string>,
  names: Record<string, string>,
): string {
  const schemas = bundled.components?.schemas ?? {};
  let out = '';
  for (const name of Object.keys(schemas).sort()) {
    if (errorSchemas.has(name)) continue;
    const schema = schemas[name] as JsonSchema;
    if (!revived.has(name)) {
      out += `${doc(schema.description, '', schema.deprecated === true)}export type ${names[name]} = Schemas[${q(name)}];\n\n`;
      continue;
    }
    const required = new Set(schema.required ?? []);
    const replaced = Object.entries(schema.properties ?? {})
      .map(([prop, child]) => [prop, clientTypeOf(bundled, child, revived)] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
    const omitted = replaced.map(([prop]) => q(prop)).join(' | ');
    const fields = replaced.map(([prop, type]) => `${key(prop)}${required.has(prop) ? '' : '?'}: ${type}`).join('; ');
    out += `${doc(`${schema.description ?? name} (timestamp members as \`Date\`)`, '', schema.deprecated === true)}export type ${names[name]} = Omit<Schemas[${q(name)}], ${omitted}> & { ${fields} };\n\n`;
  }
  return out;
}

/** The scalar type a path, query or header member's schema declares, for the runtime's checks and conversions. */
function scalarType(bundled: OpenApiDocument, schema: JsonSchema | undefined): string | undefined {
  const type = schema ? resolveRef(bundled, schema).type : undefined;
  return typeof type === 'string' && ['string', 'integer', 'number', 'boolean'].includes(type) ? type : undefined;
}

/** A query or header list member's item type (`{ type: 'array', items: 'string' }` in the table). */
function itemType(bundled: OpenApiDocument, schema: JsonSchema | undefined): string | undefined {
  const node = schema ? resolveRef(bundled, schema) : undefined;
  return node?.type === 'array' ? (scalarType(bundled, node.items) ?? 'string') : undefined;
}
const tsScalar = (type: string | undefined) =>
  type === 'integer' || type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';

/** Output members the success response maps from its headers and its status (see HeaderMemberSpec). */
function successMappings(spec: LoadedSpec, op: Operation) {
  const raw = (spec.bundled.paths?.[op.path]?.[op.method] as OperationObject | undefined)?.responses?.[
    String(op.success.status)
  ];
  const response = raw ? resolveRef<ResponseObject>(spec.bundled, raw) : undefined;
  const headers = Object.entries(response?.headers ?? {}).map(([header, ref]) => {
    const node = resolveRef(spec.bundled, ref) as { schema?: JsonSchema; required?: boolean; 'x-member-name'?: string };
    return {
      name: node['x-member-name'] ?? header,
      header: header.toLowerCase(),
      type: scalarType(spec.bundled, node.schema),
      required: Boolean(node.required),
    };
  });
  const statusMember = response?.['x-status-member'];
  return { headers, statusMember: typeof statusMember === 'string' ? statusMember : undefined };
}

/** What any call can reject with besides the operation's documented exceptions (src/exceptions.ts in the client). */
const CALL_ERRORS = ['ChimeServiceException', 'ChimeClientError', 'ChimeNetworkError'];

function operationTypes(spec: LoadedSpec, op: Operation, revived: Map<string, string>): string {
  const P = `paths[${q(op.path)}][${q(op.method)}]`;
  const I = `${op.typeName}Input`;
  let out = '';
  if (op.body)
    out += `type ${op.typeName}Body = NonNullable<${P}['requestBody']>['content'][${q(op.body.contentType)}];\n\n`;
  out += doc(
    `Input of ${op.operationId}, flat like the boto3 call: path and body members at one level.`,
    '',
    op.deprecated,
  );
  out += `export interface ${I} {\n`;
  for (const m of op.members) {
    const type =
      m.location === 'body'
        ? `${op.typeName}Body[${q(m.wireName)}]`
        : `NonNullable<${P}['parameters'][${q(m.location)}]>[${q(m.wireName)}]`;
    // Required<…>[K] rather than NonNullable<…[K]>: the type reads as a plain union in messages
    const optionalBody = m.location === 'body' && !m.required;
    // a timestamp is a Date whatever its wire form; an idempotency token is filled by the client when left out
    const optional = !m.required || m.idempotencyToken;
    const memberType = m.timestamp ? 'Date' : optionalBody ? `Required<${op.typeName}Body>[${q(m.wireName)}]` : type;
    const deprecated = m.schema.deprecated === true || resolveRef(spec.bundled, m.schema).deprecated === true;
    out += `${doc(m.description, '  ', deprecated)}  ${key(m.name)}${optional ? '?' : ''}: ${memberType};\n`;
  }
  out += '}\n\n';
  const success = op.success.schema;
  const wireBody = success
    ? (clientTypeOf(spec.bundled, success, revived) ??
      `NonNullable<${P}['responses'][${op.success.status}]['content']>[${q(op.success.contentType ?? 'application/json')}]`)
    : 'Record<never, never>';
  // a writeOnly member is sent, never answered: the output leaves it out
  const writeOnly = Object.entries(success ? (resolveRef(spec.bundled, success).properties ?? {}) : {})
    .filter(([, child]) => child.writeOnly === true || resolveRef(spec.bundled, child).writeOnly === true)
    .map(([name]) => q(name));
  const bodyType = writeOnly.length ? `Omit<${wireBody}, ${writeOnly.join(' | ')}>` : wireBody;
  const { headers, statusMember } = successMappings(spec, op);
  const mapped = [
    ...headers.map((h) => `${key(h.name)}${h.required ? '' : '?'}: ${tsScalar(h.type)}`),
    ...(statusMember ? [`${key(statusMember)}: number`] : []),
  ];
  const outputType = mapped.length ? `${bodyType} & { ${mapped.join('; ')} }` : bodyType;
  out += `${doc(`Output of ${op.operationId} with the call's \`$metadata\`${op.success.description ? `: ${op.success.description}` : ''}`, '', op.deprecated)}export type ${op.typeName}Output = WithMetadata<${outputType}>;\n\n`;
  const errors = op.errors.flatMap((e) => (e.errorCode ? [pascal(e.errorCode)] : []));
  // what the call can reject with, as `catch` and TanStack Query's `error` see it: the documented
  // exceptions first, then the base class (a status the spec does not document, a proxy's 502)
  // and the client's own errors
  out += `${doc(`Everything ${op.operationId} can reject with, narrowable with \`instanceof\`: the exceptions it documents${errors.length ? ` (${errors.join(', ')})` : ''}, \`ChimeServiceException\` for an answer the spec does not document, \`ChimeClientError\` (input that cannot be sent, a failed validation or credentials provider) and \`ChimeNetworkError\` (no response, a timeout, an abort).`)}export type ${op.typeName}Error = ${[...errors, ...CALL_ERRORS].join(' | ')};\n\n`;
  return out;
}

/**
 * The runtime steps (src/wire.ts in the client) an operation's data fields
 * call for, in the order they run: the spec constant lists only these, so a
 * bundle carries the code of the features its operations use. The client's
 * `withWireSteps` derives the same from a spec written by hand.
 */
function wireSteps(spec: LoadedSpec, op: Operation): { request: string[]; response: string[] } {
  const { headers, statusMember } = successMappings(spec, op);
  const has = (format: TimestampFormat) => datePaths(spec.bundled, op.success.schema, [], new Set(), format).length > 0;
  const pick = (steps: [string, unknown][]) => steps.filter(([, needed]) => needed).map(([step]) => step);
  return {
    request: pick([
      ['fillTokens', op.members.some((m) => m.idempotencyToken)],
      ['encodeTimestamps', op.members.some((m) => m.timestamp)],
      ['prefixHost', op.hostPrefix],
      ['encodeQuery', op.literalQuery || op.members.some((m) => m.location === 'query')],
      ['encodeHeaders', op.members.some((m) => m.location === 'header')],
    ]),
    response: pick([
      ['readHeaders', headers.length > 0 || statusMember],
      ['reviveDates', has('date-time')],
      ['reviveEpochs', has('unixTimestamp')],
    ]),
  };
}

function operationTable(spec: LoadedSpec, op: Operation): string {
  const members = op.members
    .map((m) => {
      // the schema's type: the runtime refuses a path member of another type before sending
      const items = m.location === 'body' ? undefined : itemType(spec.bundled, m.schema);
      const type = m.location === 'body' ? undefined : items ? 'array' : scalarType(spec.bundled, m.schema);
      const extra = [
        type ? `type: ${q(type)}` : '',
        items ? `items: ${q(items)}` : '',
        m.timestamp ? `timestamp: ${q(m.timestamp)}` : '',
        m.idempotencyToken ? 'idempotencyToken: true' : '',
      ]
        .filter(Boolean)
        .map((field) => `, ${field}`)
        .join('');
      return `    { name: ${q(m.name)}, in: ${q(m.location)}, wireName: ${q(m.wireName)}, required: ${m.required}${extra} },`;
    })
    .join('\n');
  const { headers, statusMember } = successMappings(spec, op);
  const outputHeaders = headers
    .map((h) => `{ name: ${q(h.name)}, header: ${q(h.header)}${h.type ? `, type: ${q(h.type)}` : ''} }`)
    .join(', ');
  const pathList = (format: TimestampFormat) =>
    datePaths(spec.bundled, op.success.schema, [], new Set(), format)
      .map((p) => `[${p.map(q).join(', ')}]`)
      .join(', ');
  const dates = pathList('date-time');
  const epochs = pathList('unixTimestamp');
  const paginator = op.paginator ? literal(op.paginator) : '';
  const errors = op.errors.map((e) => `${e.status}: ${q(e.errorCode ?? '')}`).join(', ');
  const steps = wireSteps(spec, op);
  return `${doc(`How ${op.operationId} travels on the wire (its entry in \`operations\`).`)}export const ${spec.names.client.operation(op).spec} = {
  operationId: ${q(op.operationId)},
  method: ${q(op.method.toUpperCase())},
  path: ${q(op.template)},
${op.literalQuery ? `  query: ${q(op.literalQuery)},\n` : ''}${op.hostPrefix ? `  hostPrefix: ${q(op.hostPrefix)},\n` : ''}  members: [
${members}
  ],
  successStatus: ${op.success.status},
  datePaths: [${dates}],
${epochs ? `  epochPaths: [${epochs}],\n` : ''}${paginator ? `  paginator: ${paginator},\n` : ''}${outputHeaders ? `  outputHeaders: [${outputHeaders}],\n` : ''}${statusMember ? `  statusMember: ${q(statusMember)},\n` : ''}  errors: { ${errors} },
  sensitive: [${op.sensitive.map(q).join(', ')}],
${steps.request.length ? `  requestSteps: [${steps.request.join(', ')}],\n` : ''}${steps.response.length ? `  responseSteps: [${steps.response.join(', ')}],\n` : ''}} as const satisfies OperationSpec;

`;
}

/** What a deprecated operation's doc comment adds: the spec's description (which says what to use instead). */
const deprecation = (op: Operation) =>
  op.deprecated ? ` The spec marks it deprecated${op.description ? `: ${op.description}` : '.'}` : '';

/**
 * The operation's standalone function (`updateUser(client, input)`) and, when
 * it pages, its paginator (`paginateListUsers(client, input)`): each references
 * its own spec constant only, so a bundler drops every operation it does not call.
 */
function operationFunctions(op: Operation, names: NameResolver): string {
  const { operationId } = op;
  const { method: name, spec, input, output, paginate: paginator } = names.client.operation(op);
  const summary = op.summary ? `${op.summary.replace(/\.?\s*$/, '.')} ` : '';
  let out = `${doc(`${summary}Sends ${operationId} (\`await ${name}(client, input)\`) through a client from \`createChimeBaseClient\` or \`createChimeClient\`; a bundle that imports it carries this operation's spec only.${deprecation(op)}`, '', op.deprecated)}export function ${name}(client: ChimeBaseClient, input: ${input}, options?: CallOptions): Promise<${output}> {
  return client.send(${spec}, input, options) as Promise<${output}>;
}

`;
  if (op.paginator) {
    const Options = op.paginator.limitKey ? 'PaginateOptions' : 'CallOptions';
    out += `${doc(`Every page of ${operationId}, following \`${op.paginator.outputToken}\` into \`${op.paginator.inputToken}\` until the service sends none${op.paginator.limitKey ? `; \`pageSize\` sets \`${op.paginator.limitKey}\`` : ''}: \`for await (const page of ${paginator}(client, input))\`.`, '', op.deprecated)}export function ${paginator}(client: ChimeBaseClient, input: ${input}, options?: ${Options}): AsyncGenerator<${output}, void, undefined> {
  return paginate(client, ${spec}, input, options) as AsyncGenerator<${output}, void, undefined>;
}

`;
  }
  return out;
}

/**
 * The values each operation adds to the module (`updateUser`, `updateUserSpec`,
 * `paginateListUsers`), checked for clashes with each other and the client's own.
 */
function checkClientValues(operations: readonly Operation[], names: NameResolver): void {
  checkValueNames('client', CLIENT_RESERVED_VALUES, operations, (op) => {
    const { method, spec, paginate } = names.client.operation(op);
    return [method, spec, ...(paginate ? [paginate] : [])];
  });
}

/**
 * The validate option (src/validate.ts) looks an operation's validators up
 * by the `operationId` its table entry carries: the validation target must
 * key them the same, or a call would validate nothing and send.
 */
function checkValidatorKeys(operations: readonly Operation[], names: NameResolver): void {
  for (const op of operations) {
    const { loaderKey } = names.validation.operation(op);
    if (loaderKey !== op.operationId)
      throw new Error(
        `client target: the validators of ${op.operationId} are keyed ${JSON.stringify(loaderKey)}, but the client's validate option looks them up by operationId; make names.validation.operation(op).loaderKey the operationId (packages/codegen/src/kit/names.ts).`,
      );
  }
}

/** `x-aws-sigv4` of the first security scheme that has one: its string `service` and `region`, nothing else. */
function signingDefaults(spec: LoadedSpec): { service?: string; region?: string } {
  const schemes = Object.values(spec.bundled.components?.securitySchemes ?? {});
  const sigv4 = schemes.find((s) => s['x-aws-sigv4'])?.['x-aws-sigv4'] as Record<string, unknown> | undefined;
  return Object.fromEntries(
    (['service', 'region'] as const).flatMap((name) =>
      typeof sigv4?.[name] === 'string' ? [[name, sigv4[name] as string]] : [],
    ),
  );
}

function operationsModule(spec: LoadedSpec, resolver: NameResolver): string {
  const names = spec.clientTypeNames;
  const revived = new Map([...revivedSchemas(spec.bundled)].map((name) => [name, resolver.client.schemaType(name)]));
  const errorSchemas = new Set(spec.operations.flatMap((op) => op.errors.map((e) => e.schemaName ?? '')));
  const errorNames = [...new Set(spec.operations.flatMap((op) => op.errors.map((e) => e.errorCode ?? '')))]
    .filter(Boolean)
    .map(resolver.client.exception)
    .sort();
  const sensitive = spec.sensitive;
  checkClientValues(spec.operations, resolver);
  checkValidatorKeys(spec.operations, resolver);
  const pages = spec.operations.some((op) => op.paginator);
  const steps = [
    ...new Set(
      spec.operations.flatMap((op) => {
        const { request, response } = wireSteps(spec, op);
        return [...request, ...response];
      }),
    ),
  ].sort();
  return `${generatedHeader()}import type { CallOptions, ChimeBaseClient } from './core.js';
import type { ${CALL_ERRORS.join(', ')} } from './exceptions.js';
import type { WithMetadata } from './metadata.js';
import type { OperationSpec, OperationTable } from './operation-table.js';
${pages ? "import { type PaginateOptions, paginate } from './paginate.js';\n" : ''}import type { components, paths } from './schema.gen.js';
${steps.length ? `import { ${steps.join(', ')} } from './wire.js';\n` : ''}${errorNames.length ? `import type { ${errorNames.join(', ')} } from './errors.gen.js';\n` : ''}
type Schemas = components['schemas'];

${revivedTypes(spec.bundled, revived, errorSchemas, names)}${spec.operations.map((op) => operationTypes(spec, op, revived)).join('')}${spec.operations.map((op) => operationTable(spec, op)).join('')}${spec.operations.map((op) => operationFunctions(op, resolver)).join('')}/** How each operation travels on the wire, by method name; read by \`createChimeClient\`, the mocks and the SDK middleware. */
export const operations = {
${spec.operations
  .map((op) => resolver.client.operation(op))
  .map(({ method, spec }) => `  ${method}: ${spec},\n`)
  .join('')}} as const satisfies OperationTable;

/** Input, output and error types of each operation, by method name. */
export interface OperationTypes {
${spec.operations
  .map((op) => {
    const n = resolver.client.operation(op);
    return `${doc(op.deprecated ? `${op.operationId}.${deprecation(op)}` : undefined, '  ', op.deprecated)}  ${n.method}: { input: ${n.input}; output: ${n.output}; error: ${n.error} };\n`;
  })
  .join('')}}

/** Member names the spec marks \`x-sensitive\`: redacted wherever the client prints. */
export const sensitiveMembers: readonly string[] = [${sensitive.map(q).join(', ')}];

/** The spec's default server. */
export const defaultEndpoint = ${q(spec.bundled.servers?.[0]?.url ?? '')};

/** SigV4 signing defaults declared on the spec's security scheme (\`x-aws-sigv4\`). */
export const signing: { readonly service?: string; readonly region?: string } = ${literal(signingDefaults(spec))};
`;
}

/** The TS type of an error body's `Code` when the spec makes it an enum (`components['schemas']['ErrorCode']`). */
function codeType(bundled: OpenApiDocument, body: JsonSchema | undefined): string | undefined {
  const property = body ? resolveRef(bundled, body).properties?.Code : undefined;
  const node = property ? resolveRef(bundled, property) : undefined;
  if (!property || !Array.isArray(node?.enum)) return undefined;
  const name = schemaNameOf(property);
  return name ? `components['schemas'][${q(name)}]` : node.enum.map(literal).join(' | ');
}

function errorsModule(spec: LoadedSpec, names: NameResolver): string {
  const byCode = new Map<string, { status: number; description?: string; schema?: JsonSchema }>();
  for (const op of spec.operations) {
    for (const e of op.errors) if (e.errorCode && !byCode.has(e.errorCode)) byCode.set(e.errorCode, e);
  }
  const codes = [...byCode.keys()].sort();
  const classes = codes
    .map((code) => {
      const { status, description, schema } = byCode.get(code) as {
        status: number;
        description?: string;
        schema?: JsonSchema;
      };
      const fault = status >= 500 ? 'server' : 'client';
      const Code = codeType(spec.bundled, schema);
      return `${doc(`${description ?? code} HTTP ${status}.`)}export class ${names.client.exception(code)} extends ChimeServiceException {
  static readonly status = ${status};
  override readonly name: ${q(code)} = ${q(code)};
  override readonly $fault: ${q(fault)} = ${q(fault)};
${Code ? `  /** The body's \`Code\`, as the spec enumerates it. */\n  declare readonly Code: ${Code} | undefined;\n` : ''}}
`;
    })
    .join('\n');
  const usesSchemas = codes.some((code) => codeType(spec.bundled, byCode.get(code)?.schema)?.startsWith('components'));
  return `${generatedHeader()}import { ChimeServiceException } from './exceptions.js';
${usesSchemas ? "import type { components } from './schema.gen.js';\n" : ''}
${classes}
/** Every exception class, by the name the \`x-amzn-ErrorType\` header carries. */
export const exceptionClasses = { ${codes
    .map((code) => [code, names.client.exception(code)])
    .map(([code, name]) => (name === code ? code : `${key(code as string)}: ${name}`))
    .join(', ')} } as const;
`;
}

/** Generates the client's three modules from the loaded spec. */
export async function client(spec: LoadedSpec, names: NameResolver = spec.names): Promise<GeneratedFiles> {
  const ast = await openapiTS(spec.bundled as never, { alphabetize: true, exportType: false });
  return {
    files: {
      'schema.gen.ts': `${generatedHeader()}${astToString(ast)}`,
      'operations.gen.ts': operationsModule(spec, names),
      'errors.gen.ts': errorsModule(spec, names),
    },
  };
}
