/** A JSON Schema node as OpenAPI 3.1 writes it, plus the vendor extensions we read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  'x-sensitive'?: boolean;
  [key: string]: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  'x-member-name'?: string;
  'x-amzn-idempotency-token'?: boolean;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  examples?: Record<string, { summary?: string; value?: unknown; $ref?: string }>;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, { schema?: JsonSchema; required?: boolean; $ref?: string }>;
  content?: Record<string, MediaTypeObject>;
  'x-amzn-error-code'?: string;
  /** The output member that carries the HTTP status (a 2xx without a body). */
  'x-status-member'?: string;
  $ref?: string;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaTypeObject>; $ref?: string };
  responses?: Record<string, ResponseObject>;
  deprecated?: boolean;
  /** Prepended to the endpoint's host (`messaging-`): see the README's "Operations from the official model". */
  'x-amzn-host-prefix'?: string;
  /** botocore's paginator for the operation. */
  'x-amzn-paginator'?: Paginator;
  /** This project's: `true` makes an operation a read for the query layer (GETs are), `false` a write. */
  'x-chime-query'?: boolean;
  /** This project's: the reads (operationIds) whose cached results a successful call makes stale. */
  'x-chime-invalidates'?: string[];
}

/** How an operation pages (botocore's `paginators-1.json`). */
export interface Paginator {
  inputToken: string;
  outputToken: string;
  limitKey?: string;
  resultKey?: string | string[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: { url: string; description?: string }[];
  paths?: Record<string, Record<string, OperationObject | ParameterObject[] | string>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, ResponseObject>;
    securitySchemes?: Record<string, Record<string, unknown>>;
    [key: string]: unknown;
  };
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}
