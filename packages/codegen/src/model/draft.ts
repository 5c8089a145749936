/**
 * Drafts OpenAPI operations from the Chime model in this project's
 * conventions (see specs/chime/openapi.yaml and the README's "Operations from
 * the model"):
 *
 * - path members are `in: path` parameters, query and header members are
 *   `in: query` / `in: header` parameters, each with `x-member-name` (the
 *   member name users pass); body members make one `<Input>Body` schema
 *   (`<Input>` itself when every member is in the body);
 * - a shape with constraints (enum, pattern, length, range, sensitive) is a
 *   component named after the shape; plain strings, integers and booleans are
 *   inline; lists and maps are inline arrays/objects with their bounds;
 * - timestamps: ISO 8601 as `type: string, format: date-time`; epoch seconds
 *   (rest-json's default in a body) as `type: number` with
 *   `x-amzn-timestamp-format: unixTimestamp`;
 * - `x-sensitive: true` where the model says `sensitive`,
 *   `x-amzn-idempotency-token: true` on idempotency tokens;
 * - errors are shared responses with `x-amzn-error-code` and the
 *   `x-amzn-ErrorType` header; where one operation has two exceptions at one
 *   status (400 BadRequest + ResourceLimitExceeded, 403 Forbidden +
 *   AccessDenied), one response carries both in `x-amzn-error-codes`;
 * - a literal query in `requestUri` goes after `#` in the path key
 *   (`/accounts/{accountId}/users/{userId}#operation=logout`);
 * - a host prefix is `x-amzn-host-prefix` (what runtimes apply to whatever
 *   endpoint they use) plus an operation `servers` entry for docs and tools;
 * - paginated operations carry `x-amzn-paginator`;
 * - examples are made from the shapes and marked `x-draft: true`.
 */
import { kebabToPascal, lowerFirst } from '../kit/naming.js';
import type { JsonSchema } from '../types.js';
import { exampleValue } from './examples.js';
import { boundsOf, specTypeOf, timestampSchema } from './mapping.js';
import {
  DEFAULT_RESPONSE_CODE,
  ecmaPattern,
  firstSentence,
  type LoadedModel,
  type ModelMemberRef,
  type ModelOperation,
  type ModelShape,
  pathKeyOf,
  plainText,
  splitRequestUri,
  timestampFormatOf,
  type WireLocation,
  wireLocation,
} from './model.js';

/** What is already in the spec the drafts go into (names are reused, never redefined). */
export interface ExistingNames {
  schemas: ReadonlySet<string>;
  responses: ReadonlySet<string>;
  headers: ReadonlySet<string>;
  tags: ReadonlySet<string>;
  /** The root server URL, to which host prefixes are applied. */
  serverUrl: string;
}

/** New content for a spec: every map holds only entries the spec lacks. */
export interface Draft {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  schemas: Record<string, JsonSchema>;
  responses: Record<string, Record<string, unknown>>;
  headers: Record<string, Record<string, unknown>>;
  tags: { name: string; description: string }[];
}

export const DRAFT_EXAMPLE_SUMMARY = 'Draft made from the model shapes by pnpm spec:import; review and replace it.';

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** The tag of an operation: the last literal segment of its path (`/accounts/{a}/users/{u}` → `Users`). */
export function tagOf(requestUri: string): string {
  const literal = splitRequestUri(requestUri)
    .path.split('/')
    .filter((s) => s && !s.startsWith('{'));
  return kebabToPascal(literal.at(-1) ?? 'Service');
}

function constrained(shape: ModelShape): boolean {
  return (
    shape.enum !== undefined ||
    shape.pattern !== undefined ||
    shape.min !== undefined ||
    shape.max !== undefined ||
    shape.sensitive === true
  );
}

/** The shared error headers every error response carries. */
export const ERROR_HEADERS = {
  ErrorType: {
    description: "The exception shape name (restJson1 `x-amzn-ErrorType`); clients read it before the body's `Code`.",
    required: true,
    schema: { type: 'string' },
  },
  RequestId: { description: 'The request ID the service assigned.', schema: { type: 'string' } },
};

export class Drafter {
  readonly draft: Draft = { paths: {}, schemas: {}, responses: {}, headers: {}, tags: [] };
  private readonly uses = new Map<string, number>();

  constructor(
    private readonly model: LoadedModel,
    private readonly existing: ExistingNames,
  ) {
    for (const op of Object.values(model.service.operations)) {
      for (const e of op.errors ?? []) this.uses.set(e.shape, (this.uses.get(e.shape) ?? 0) + 1);
    }
  }

  private get shapes() {
    return this.model.service.shapes;
  }

  private shape(name: string): ModelShape {
    const shape = this.shapes[name];
    if (!shape) throw new Error(`The model has no shape ${name}.`);
    return shape;
  }

  private hasSchema(name: string) {
    return this.existing.schemas.has(name) || name in this.draft.schemas;
  }

  /** The schema of a member of shape `name` travelling in `location` (a `$ref` or inline). */
  schemaFor(name: string, location: WireLocation): JsonSchema {
    const shape = this.shape(name);
    switch (shape.type) {
      case 'string':
        if (!constrained(shape)) return { type: 'string' };
        return this.component(name, () => this.stringSchema(shape));
      case 'integer':
      case 'long':
        if (shape.min === undefined && shape.max === undefined) return { type: specTypeOf(shape, location) };
        return this.component(name, () => ({ type: specTypeOf(shape, location), ...boundsOf(shape) }));
      case 'float':
      case 'double':
      case 'boolean':
        return { type: specTypeOf(shape, location), ...boundsOf(shape) };
      case 'timestamp': {
        const schema = timestampSchema(shape, location);
        // one component per shape and wire format; query/header timestamps are inline
        return location === 'body' ? this.component(name, () => schema) : schema;
      }
      case 'list': {
        const items = this.schemaFor(shape.member?.shape as string, location);
        return {
          type: specTypeOf(shape, location),
          items,
          ...boundsOf(shape),
        };
      }
      case 'map':
        return {
          type: specTypeOf(shape, location),
          propertyNames: this.schemaFor(shape.key?.shape as string, location),
          additionalProperties: this.schemaFor(shape.value?.shape as string, location),
          ...boundsOf(shape),
        };
      case 'structure':
        return this.component(name, () => this.structureSchema(shape));
      default:
        throw new Error(`spec:import does not know the model type ${shape.type} (shape ${name}).`);
    }
  }

  private stringSchema(shape: ModelShape): JsonSchema {
    return {
      type: specTypeOf(shape, 'body'),
      ...(shape.documentation ? { description: plainText(shape.documentation) } : {}),
      ...(shape.enum ? { enum: [...shape.enum] } : {}),
      ...(shape.pattern !== undefined ? { pattern: ecmaPattern(shape.pattern) } : {}),
      ...boundsOf(shape),
      ...(shape.sensitive ? { 'x-sensitive': true } : {}),
    };
  }

  /** Registers component `name` (built once; a cycle sees the `$ref`) and returns its `$ref`. */
  private component(name: string, build: () => JsonSchema): JsonSchema {
    if (!this.hasSchema(name)) {
      this.draft.schemas[name] = {}; // placeholder: a recursive shape refers to itself
      this.draft.schemas[name] = build();
    }
    return ref('schemas', name);
  }

  /** A member's property schema: its shape's schema plus description and member-level marks. */
  private memberSchema(member: ModelMemberRef, location: WireLocation): JsonSchema {
    const base = this.schemaFor(member.shape, location);
    const description = plainText(member.documentation);
    return {
      ...base,
      ...(description ? { description } : {}),
      ...(member.idempotencyToken ? { 'x-amzn-idempotency-token': true } : {}),
    };
  }

  /** `members` of a structure that travel in the body, as an object schema. */
  private structureSchema(
    shape: ModelShape,
    members = Object.entries(shape.members ?? {}),
    description = plainText(shape.documentation),
  ): JsonSchema {
    const required = (shape.required ?? []).filter((r) => members.some(([m]) => m === r));
    return {
      type: 'object',
      ...(description ? { description } : {}),
      ...(required.length ? { required } : {}),
      // exceptions may grow fields; every other structure is closed, as the model is
      ...(shape.exception ? {} : { additionalProperties: false }),
      properties: Object.fromEntries(members.map(([m, member]) => [m, this.memberSchema(member, 'body')])),
      ...(shape.sensitive ? { 'x-sensitive': true } : {}),
    };
  }

  private draftExample(shapeName: string, members?: string[]): Record<string, unknown> {
    const value = exampleValue(this.model.service, shapeName, (s) => timestampFormatOf(s, 'body')) as Record<
      string,
      unknown
    >;
    if (members) for (const key of Object.keys(value)) if (!members.includes(key)) delete value[key];
    return { draft: { summary: DRAFT_EXAMPLE_SUMMARY, 'x-draft': true, value } };
  }

  /** The error response for one status: one exception, or several that share it. */
  private errorResponse(exceptions: string[]): Record<string, unknown> {
    const sorted = [...exceptions].sort(
      (a, b) => (this.uses.get(b) ?? 0) - (this.uses.get(a) ?? 0) || a.localeCompare(b),
    );
    const name = sorted.join('Or');
    if (this.existing.responses.has(name) || name in this.draft.responses) return ref('responses', name);
    for (const header of ['ErrorType', 'RequestId'] as const) {
      if (!this.existing.headers.has(header)) this.draft.headers[header] = ERROR_HEADERS[header];
    }
    const primary = sorted[0] as string;
    this.schemaFor(primary, 'body'); // the others at this status share its body (Code, Message)
    const examples: Record<string, unknown> = {};
    for (const e of sorted) {
      const shape = this.shape(e);
      const codeShape = shape.members?.Code?.shape;
      const codes = (codeShape ? (this.shape(codeShape).enum ?? []) : []) as string[];
      const code = codes.filter((c) => e.startsWith(c)).sort((a, b) => b.length - a.length)[0] ?? codes[0];
      const message = plainText(shape.documentation) || `${e}.`;
      examples[lowerFirst(e)] = {
        summary: DRAFT_EXAMPLE_SUMMARY,
        'x-draft': true,
        value: { ...(code ? { Code: code } : {}), Message: message },
      };
    }
    this.draft.responses[name] = {
      description: sorted.map((e) => plainText(this.shape(e).documentation) || e).join(' Or: '),
      'x-amzn-error-code': primary,
      ...(sorted.length > 1 ? { 'x-amzn-error-codes': sorted } : {}),
      headers: {
        'x-amzn-ErrorType': ref('headers', 'ErrorType'),
        'x-amzn-RequestId': ref('headers', 'RequestId'),
      },
      content: { 'application/json': { schema: ref('schemas', primary), examples } },
    };
    return ref('responses', name);
  }

  private hostPrefixedServer(prefix: string) {
    const url = new URL(this.existing.serverUrl);
    url.hostname = `${prefix}${url.hostname}`;
    return {
      url: url.href.replace(/\/$/, ''),
      description: `The endpoint with the model's host prefix \`${prefix}\`.`,
    };
  }

  /** Drafts one operation into {@link draft}. */
  operation(op: ModelOperation): void {
    const key = pathKeyOf(op.http.requestUri);
    const method = op.http.method.toLowerCase();
    const doc = plainText(op.documentation);
    const summary = firstSentence(doc) || `${op.name}.`;
    const tag = tagOf(op.http.requestUri);
    if (!this.existing.tags.has(tag) && !this.draft.tags.some((t) => t.name === tag)) {
      this.draft.tags.push({ name: tag, description: `Amazon Chime ${tag} operations (drafted from the model).` });
    }

    const input = op.input ? this.shape(op.input.shape) : undefined;
    const inputMembers = Object.entries(input?.members ?? {});
    const required = new Set(input?.required ?? []);
    const parameters = inputMembers
      .filter(([, m]) => wireLocation(m) !== 'body')
      .map(([name, member]) => {
        const location = wireLocation(member);
        const description = plainText(member.documentation);
        return {
          name: member.locationName ?? name,
          in: location,
          required: location === 'path' ? true : required.has(name),
          ...(description ? { description } : {}),
          'x-member-name': name,
          ...(member.idempotencyToken ? { 'x-amzn-idempotency-token': true } : {}),
          schema: this.schemaFor(member.shape, location),
        };
      });
    const bodyMembers = inputMembers.filter(([, m]) => wireLocation(m) === 'body');
    let requestBody: Record<string, unknown> | undefined;
    if (input && op.input && bodyMembers.length > 0) {
      const bodyName = bodyMembers.length === inputMembers.length ? op.input.shape : `${op.input.shape}Body`;
      const description =
        bodyName === op.input.shape
          ? plainText(input.documentation)
          : `The body members of ${op.input.shape} (the others travel in the path, query or headers).`;
      if (!this.hasSchema(bodyName)) {
        this.draft.schemas[bodyName] = {};
        this.draft.schemas[bodyName] = this.structureSchema(input, bodyMembers, description);
      }
      requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: ref('schemas', bodyName),
            examples: this.draftExample(
              op.input.shape,
              bodyMembers.map(([m]) => m),
            ),
          },
        },
      };
    }

    const status = String(op.http.responseCode ?? DEFAULT_RESPONSE_CODE);
    const output = op.output ? this.shape(op.output.shape) : undefined;
    const outputMembers = Object.entries(output?.members ?? {});
    const outBody = outputMembers.filter(([, m]) => wireLocation(m) === 'body');
    const outHeaders = outputMembers.filter(([, m]) => wireLocation(m) === 'header');
    const success: Record<string, unknown> = {
      description: plainText(output?.documentation) || `${op.name} succeeded.`,
    };
    if (outHeaders.length > 0) {
      success.headers = Object.fromEntries(
        outHeaders.map(([name, member]) => [
          member.locationName ?? name,
          {
            description: plainText(member.documentation) || name,
            'x-member-name': name,
            schema: this.schemaFor(member.shape, 'header'),
          },
        ]),
      );
    }
    if (output && op.output && outBody.length > 0) {
      const bodyName = outBody.length === outputMembers.length ? op.output.shape : `${op.output.shape}Body`;
      if (!this.hasSchema(bodyName)) {
        this.draft.schemas[bodyName] = {};
        this.draft.schemas[bodyName] = this.structureSchema(output, outBody);
      }
      success.content = {
        'application/json': {
          schema: ref('schemas', bodyName),
          examples: this.draftExample(
            op.output.shape,
            outBody.map(([m]) => m),
          ),
        },
      };
    }

    const byStatus = new Map<number, string[]>();
    for (const e of op.errors ?? []) {
      const code = this.shape(e.shape).error?.httpStatusCode ?? (this.shape(e.shape).fault ? 500 : 400);
      byStatus.set(code, [...(byStatus.get(code) ?? []), e.shape]);
    }
    const responses: Record<string, unknown> = { [status]: success };
    for (const code of [...byStatus.keys()].sort((a, b) => a - b)) {
      responses[String(code)] = this.errorResponse(byStatus.get(code) as string[]);
    }

    const paginator = this.model.paginators.pagination[op.name];
    const prefix = op.endpoint?.hostPrefix;
    const operation: Record<string, unknown> = {
      operationId: op.name,
      tags: [tag],
      summary,
      ...(doc && doc !== summary ? { description: doc } : {}),
      ...(op.deprecated ? { deprecated: true } : {}),
      ...(prefix ? { 'x-amzn-host-prefix': prefix, servers: [this.hostPrefixedServer(prefix)] } : {}),
      ...(paginator
        ? {
            'x-amzn-paginator': {
              inputToken: paginator.input_token,
              outputToken: paginator.output_token,
              ...(paginator.limit_key ? { limitKey: paginator.limit_key } : {}),
              resultKey: paginator.result_key,
            },
          }
        : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
    this.draft.paths[key] ??= {};
    (this.draft.paths[key] as Record<string, Record<string, unknown>>)[method] = operation;
  }
}
