/**
 * The official Amazon Chime service model (botocore `chime/2018-05-01`), as
 * `scripts/fetch-model.sh` caches it from Debian's python3-botocore: its types,
 * its loader, and the few botocore rules (default status, timestamp formats)
 * that spec:import and spec:conformance both rely on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitPathKey } from '@chime-api/wire';
import { repoRoot } from '../load.js';

/** Where the fetch script puts the model; `CHIME_MODEL_DIR` points elsewhere. */
export const defaultModelDir = resolve(repoRoot, '.cache/botocore/chime/2018-05-01');

export interface ModelMemberRef {
  shape: string;
  documentation?: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
  deprecated?: boolean;
}

export interface ModelShape {
  type:
    | 'structure'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'list'
    | 'map'
    | 'float'
    | 'double'
    | 'blob';
  documentation?: string;
  members?: Record<string, ModelMemberRef>;
  required?: string[];
  member?: ModelMemberRef;
  key?: ModelMemberRef;
  value?: ModelMemberRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  sensitive?: boolean;
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
  exception?: boolean;
  fault?: boolean;
  error?: { httpStatusCode: number; code?: string; senderFault?: boolean };
  payload?: string;
}

export interface ModelOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
  documentation?: string;
  endpoint?: { hostPrefix: string };
  deprecated?: boolean;
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: string;
    serviceFullName: string;
    serviceId: string;
    signatureVersion: string;
    signingName?: string;
    uid: string;
  };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

export interface Paginators {
  pagination: Record<string, { input_token: string; output_token: string; limit_key?: string; result_key: string }>;
}

export interface LoadedModel {
  dir: string;
  service: ServiceModel;
  paginators: Paginators;
}

/** Thrown when the model is not where it should be; the message says how to fetch it. */
export class ModelMissingError extends Error {
  override name = 'ModelMissingError';
}

/**
 * Reads the cached model. Fails with the command that fetches it when it is missing.
 * @example
 * const { service } = loadModel();
 * Object.keys(service.operations).length; // 191
 */
export function loadModel(dir: string = process.env.CHIME_MODEL_DIR ?? defaultModelDir): LoadedModel {
  const servicePath = resolve(dir, 'service-2.json');
  const paginatorsPath = resolve(dir, 'paginators-1.json');
  if (!existsSync(servicePath) || !existsSync(paginatorsPath)) {
    throw new ModelMissingError(
      `The Chime service model is not in ${dir} (service-2.json, paginators-1.json). Fetch it with \`bash scripts/fetch-model.sh\` (scripts/setup.sh runs it), or point CHIME_MODEL_DIR at botocore's data/chime/2018-05-01.`,
    );
  }
  return {
    dir,
    service: JSON.parse(readFileSync(servicePath, 'utf8')) as ServiceModel,
    paginators: JSON.parse(readFileSync(paginatorsPath, 'utf8')) as Paginators,
  };
}

/** The success status botocore uses when the model sets none. */
export const DEFAULT_RESPONSE_CODE = 200;

/** `requestUri` split into its path template and its literal query (`operation=logout`), if any. */
export function splitRequestUri(requestUri: string): { path: string; literalQuery?: string } {
  const at = requestUri.indexOf('?');
  return at < 0 ? { path: requestUri } : { path: requestUri.slice(0, at), literalQuery: requestUri.slice(at + 1) };
}

/**
 * The OpenAPI path key of an operation. OpenAPI allows one operation per method
 * and path, and Redocly (`path-not-include-query`) and openapi-typescript both
 * refuse a `?` in a path key, so a literal query travels after `#`:
 * `/accounts/{accountId}/users/{userId}#operation=logout`. Runtimes send it as
 * the query (`?operation=logout`, before any query members); see the README.
 */
export function pathKeyOf(requestUri: string): string {
  const { path, literalQuery } = splitRequestUri(requestUri);
  return literalQuery === undefined ? path : `${path}#${literalQuery}`;
}

/** The model's `requestUri` written by a path key (the inverse of {@link pathKeyOf}). */
export function requestUriOf(pathKey: string): string {
  const [template, literal] = splitPathKey(pathKey);
  return literal ? `${template}?${literal}` : template;
}

export type WireLocation = 'path' | 'query' | 'header' | 'body';

export function wireLocation(member: ModelMemberRef): WireLocation {
  switch (member.location) {
    case 'uri':
      return 'path';
    case 'querystring':
      return 'query';
    case 'header':
      return 'header';
    default:
      return 'body';
  }
}

/**
 * The timestamp format on the wire: the shape's own, else rest-json's default
 * for where it travels (body: epoch seconds, query and path: ISO 8601, header: RFC 822).
 */
export function timestampFormatOf(shape: ModelShape, location: WireLocation): 'iso8601' | 'unixTimestamp' | 'rfc822' {
  if (shape.timestampFormat) return shape.timestampFormat;
  if (location === 'body') return 'unixTimestamp';
  if (location === 'header') return 'rfc822';
  return 'iso8601';
}

/** Model documentation (HTML) as one line of Markdown-ish plain text. */
export function plainText(html: string | undefined): string {
  if (!html) return '';
  return html
    .replace(/<code>([\s\S]*?)<\/code>/g, '`$1`')
    .replace(/<\/?(p|ul|ol|li|b|i|a|note|important|br|dd|dl|dt|note)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:])/g, '$1')
    .trim();
}

/** The first sentence of a documentation string (an operation's summary). */
export function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return (match?.[1] ?? text).trim();
}

/** Characters that keep their backslash in a Unicode-mode ECMAScript pattern (syntax, `/`, `-`, escape letters). */
const KEEP_ESCAPED = /[\^$\\.*+?()[\]{}|/\-A-Za-z0-9]/;

/**
 * The model's pattern (Java-style) as a JSON Schema pattern: ECMAScript with
 * the `u` flag, which Ajv and Redocly use, rejects needless escapes such as
 * `\:`, `\_` or `\@`; they are dropped (`\:` and `:` match the same). Every
 * other character is kept, so the pattern means what the model's means.
 * @example ecmaPattern('[A-Za-z0-9\\:\\-\\_]') // '[A-Za-z0-9:\\-_]'
 */
export function ecmaPattern(pattern: string): string {
  return pattern.replace(/\\(.)/gsu, (escaped, char: string) => (KEEP_ESCAPED.test(char) ? escaped : char));
}
