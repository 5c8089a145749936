/**
 * The hostile spec: a small, valid Chime-style document whose every value
 * that reaches generated code carries an injection payload. One operation
 * per payload (its path, member names, docs, examples, enum values, error
 * code, paginator, status and header members, vendor extensions...), and the
 * document-wide values (servers, `x-aws-sigv4`, info, shared schemas) take
 * one payload; so one generation covers every payload in every place. Each
 * payload is code that sets `globalThis.PWNED` to its name once it leaves a
 * string literal, comment or template. Values the loader refuses (a payload
 * in a wire name, a header name, a control character in an enum value...)
 * are left out here and refused in refusals.test.ts.
 */

/** Each payload by name. */
export const PAYLOADS = {
  squote: "'+(globalThis.PWNED='squote')+'",
  dquote: '"+(globalThis.PWNED="dquote")+"',
  backtick: '`+(globalThis.PWNED=`backtick`)+`',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template's placeholder, as a spec would write it
  template: "${globalThis.PWNED='template'}",
  comment: "*/globalThis.PWNED='comment';/*",
  script: "</script>'+(globalThis.PWNED='script')+'<!--",
  lineSeparator: "\u2028globalThis.PWNED='lineSeparator';//",
  paragraphSeparator: "\u2029globalThis.PWNED='paragraphSeparator';//",
  backslash: "\\'+(globalThis.PWNED='backslash')+'\\",
  newline: "\n;globalThis.PWNED='newline';//",
  nul: "nul\u0000'+(globalThis.PWNED='nul')+'",
} as const;

export type PayloadName = keyof typeof PAYLOADS;
export const PAYLOAD_NAMES = Object.keys(PAYLOADS) as PayloadName[];

const pascalName = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const hasControl = (s: string) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s);

/** Whether the operation of payload `name` has its `constructor` and `toString` members in the body (else in the query and a header). */
export const inheritedInBody = (name: PayloadName) => PAYLOAD_NAMES.indexOf(name) % 2 === 0;

/** What the operation of payload `name` is called, and the names of its members (the payload in each that may hold it). */
export function memberNames(name: PayloadName) {
  const p = PAYLOADS[name];
  const P = pascalName(name);
  return {
    operation: `Op${P}`,
    method: `op${P}`,
    path: `/accounts/{accountId}/${name.toLowerCase()}${/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/.test(p) ? p : ''}`,
    token: `${p}Token`,
    limit: `${p}Limit`,
    note: `${p}Note`,
    header: `${p}Header`,
    status: `${p}Status`,
    // an error code travels in a header: printable ASCII only
    errorCode: /^[!-9;-~]+$/.test(p) ? `${P}${p}Exception` : `${P}Exception`,
    // the SDK cannot carry a control character in an enum value
    enumValue: hasControl(p) ? `${P}Value` : `${p}Value`,
  };
}

const errorResponse = (code: string, payload: string) => ({
  description: `Failed: ${payload}`,
  'x-amzn-error-code': code,
  headers: { 'x-amzn-ErrorType': { schema: { type: 'string' } } },
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorBody' },
      examples: { failed: { summary: payload, value: { Code: code, Message: payload } } },
    },
  },
});

function operation(name: PayloadName) {
  const p = PAYLOADS[name];
  const n = memberNames(name);
  const P = pascalName(name);
  return {
    operationId: n.operation,
    summary: `Summary ${p}`,
    description: `Description ${p}`,
    tags: [`Tag ${p}`],
    'x-amzn-host-prefix': `h${name.toLowerCase()}-`,
    'x-amzn-paginator': { inputToken: n.token, outputToken: 'NextToken', limitKey: n.limit, resultKey: 'Results' },
    'x-vendor-note': p,
    parameters: [
      { $ref: '#/components/parameters/AccountId' },
      {
        name: 'next-token',
        in: 'query',
        description: `A token ${p}`,
        'x-member-name': n.token,
        schema: { type: 'string', description: p },
      },
      { name: 'max-results', in: 'query', 'x-member-name': n.limit, schema: { type: 'integer', maximum: 50 } },
      { name: 'x-note', in: 'header', 'x-member-name': n.note, schema: { type: 'string', example: p } },
      // optional members named as what every object inherits (half the operations have them in the body)
      ...(inheritedInBody(name)
        ? []
        : [
            { name: 'to-string', in: 'query', 'x-member-name': 'toString', schema: { type: 'string' } },
            { name: 'x-constructor', in: 'header', 'x-member-name': 'constructor', schema: { type: 'string' } },
          ]),
    ],
    requestBody: {
      required: false,
      description: p,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${P}Request` } } },
    },
    responses: {
      '200': {
        description: `OK ${p}`,
        'x-status-member': n.status,
        headers: {
          'x-request-note': { 'x-member-name': n.header, description: p, schema: { type: 'string' } },
        },
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${P}Response` },
            examples: {
              ok: { summary: p, value: { Results: [{ Text: p, Kind: n.enumValue }], NextToken: p } },
            },
          },
        },
      },
      '400': errorResponse(n.errorCode, p),
    },
  };
}

function schemas(name: PayloadName) {
  const p = PAYLOADS[name];
  const n = memberNames(name);
  const P = pascalName(name);
  return {
    [`${P}Enum`]: { type: 'string', title: p, description: `Enum ${p}`, enum: [n.enumValue, `${P}Other`] },
    [`${P}Item`]: {
      type: 'object',
      title: `Title ${p}`,
      description: `Item ${p}`,
      additionalProperties: false,
      properties: {
        Text: { type: 'string', description: p, example: p, default: p, maxLength: 200, 'x-sensitive': true },
        Kind: { $ref: `#/components/schemas/${P}Enum` },
      },
    },
    [`${P}Request`]: {
      type: 'object',
      description: `Request ${p}`,
      additionalProperties: false,
      properties: {
        Text: { type: 'string', description: p, examples: [p], maxLength: 200, 'x-sensitive': true },
        Kind: { $ref: `#/components/schemas/${P}Enum`, description: p },
        // optional body members named as what every object inherits: absent, they must not read as present
        ...(inheritedInBody(name)
          ? { constructor: { type: 'string', maxLength: 20 }, toString: { type: 'string', maxLength: 20 } }
          : {}),
        When: { type: 'number', 'x-amzn-timestamp-format': 'unixTimestamp', description: p },
        Code: { type: 'string', pattern: '^[a-z]+$', 'x-pattern-message': `must be lower case ${p}` },
      },
    },
    [`${P}Response`]: {
      type: 'object',
      additionalProperties: false,
      properties: {
        Results: { type: 'array', items: { $ref: `#/components/schemas/${P}Item` } },
        NextToken: { type: 'string' },
      },
    },
  };
}

/** Every payload in one string: the document-wide values carry it. */
export const ALL_PAYLOADS = Object.values(PAYLOADS).join('');

/** `x-aws-sigv4` of a hostile document whose document-wide values carry `global`. */
export const signingOf = (global: string) => ({ service: `svc${global}`, region: `us-east-1${global}` });

/** The hostile document: an operation per payload in `names`; the document-wide values carry `global` (every payload). */
export function hostileSpec(names: readonly PayloadName[] = PAYLOAD_NAMES, global: string = ALL_PAYLOADS) {
  const g = global;
  const paths: Record<string, unknown> = {};
  const components: Record<string, unknown> = {
    ErrorBody: {
      type: 'object',
      description: `Error ${g}`,
      properties: { Code: { type: 'string' }, Message: { type: 'string' } },
    },
    NonEmptyString: { type: 'string', pattern: '.*\\S.*', 'x-pattern-message': `must not be blank ${g}` },
  };
  // a schema named `__proto__` is a schema like any other (an own key, as JSON.parse makes it)
  Object.defineProperty(components, '__proto__', {
    value: { type: 'object', description: g, properties: { Name: { type: 'string', maxLength: 5 } } },
    enumerable: true,
  });
  for (const name of names) {
    paths[memberNames(name).path] = { post: operation(name) };
    Object.assign(components, schemas(name));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Hostile ${g}`,
      description: `Every value carries a payload ${g}`,
      version: '1.0.0',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      { url: `https://hostile.example.test/${encodeURIComponent(g)}`, description: g },
      // braces would be server variables
      { url: `https://other.example.test/${g.replace(/[{}]/g, '')}`, description: g },
    ],
    security: [{ sigv4: [] }],
    paths,
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: g,
          'x-aws-sigv4': signingOf(g),
        },
      },
      parameters: {
        AccountId: {
          name: 'accountId',
          in: 'path',
          required: true,
          'x-member-name': 'AccountId',
          description: g,
          schema: { $ref: '#/components/schemas/NonEmptyString' },
        },
      },
      schemas: components,
    },
  };
}
