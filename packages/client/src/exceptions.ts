import type { ResponseMetadata } from './metadata.js';
import { redact } from './redact.js';

const utf8 = new TextDecoder();

/** Node's hook for `util.inspect` / `console.log`: errors print their redacted form. */
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
type Inspect = (value: unknown, options: unknown) => string;

export interface ServiceExceptionOptions {
  name?: string;
  Code?: string;
  Message: string;
  $fault: 'client' | 'server';
  $metadata: ResponseMetadata;
  $response: Response;
  /** The parsed error body (or its text when it was not JSON). */
  body?: unknown;
  /** Member names to redact when the error is printed. */
  sensitive?: readonly string[];
}

/**
 * Base of every exception the service can answer with. Generated subclasses
 * (`NotFoundException`, `ThrottledClientException`, ...) narrow with `instanceof`.
 *
 * @example
 * try { await chime.updateUser(input) } catch (e) {
 *   if (e instanceof NotFoundException) console.log(e.Code, e.$metadata.requestId);
 * }
 */
export class ChimeServiceException extends Error {
  override name = 'ChimeServiceException';
  /** The body's `Code`, when the service sent one; the generated subclasses type it with the spec's enum. */
  declare readonly Code: string | undefined;
  declare readonly Message: string;
  /** `client` for 4xx, `server` for 5xx. */
  declare readonly $fault: 'client' | 'server';
  declare readonly $metadata: ResponseMetadata;
  /** The raw HTTP response of the last attempt (its body already read). Not enumerable. */
  declare readonly $response: Response;
  /** The parsed body, unredacted. Not enumerable: serializers that copy own members never see it. */
  declare readonly body: unknown;
  readonly #sensitive: readonly string[];

  constructor({ sensitive = [], body, $response, ...options }: ServiceExceptionOptions) {
    super(options.Message);
    Object.assign(this, options); // name (for the base class), Code, Message, $fault, $metadata
    Object.defineProperties(this, { body: { value: body }, $response: { value: $response } });
    this.#sensitive = sensitive;
  }

  /** A printable form: `name`, `Code`, `Message`, `$fault`, `$metadata` and the body with sensitive members redacted; not the raw response. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), body: redact(this.body, this.#sensitive) };
  }

  /** `console.log(error)` / `util.inspect(error)`: the stack, then the redacted {@link toJSON} form. */
  [inspectCustom](_depth: number, options: unknown, inspect: Inspect): string {
    return `${this.stack}\n${inspect(this.toJSON(), options)}`;
  }
}

/**
 * A call that failed on this side, before or without a service answer: input
 * that cannot be sent (a `..` or empty path member), a failed opt-in
 * validation, a credentials provider that failed, a success body that is
 * not JSON, a paginator the service sent round in a loop, or an unusable endpoint. Its `Code` is PascalCase, like {@link ChimeServiceException}'s.
 */
export class ChimeClientError extends Error {
  override name = 'ChimeClientError';
  constructor(
    message: string,
    /** Machine-readable reason: `InvalidInput`, `ValidationFailed`, `CredentialsError`, `InvalidResponse`, `InvalidConfiguration` (client options that cannot work). */
    readonly Code:
      | 'InvalidInput'
      | 'ValidationFailed'
      | 'CredentialsError'
      | 'InvalidResponse'
      | 'InvalidConfiguration',
    /** Per-member problems, when known (paths only, never values). */
    readonly issues: readonly { path: string; message: string }[] = [],
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/**
 * A call that got no response: the network failed (`NetworkError`), an
 * attempt outlived `timeoutMs` (`TimeoutError`) or the caller's AbortSignal
 * fired (`AbortError`). The original error is its `cause`; `$metadata` says
 * how many attempts were made. Only `NetworkError` and `TimeoutError` are retried.
 *
 * @example
 * catch (e) { if (isNetworkError(e) && e.Code === 'TimeoutError') showRetryButton(); }
 */
export class ChimeNetworkError extends Error {
  override name = 'ChimeNetworkError';
  readonly Code: 'NetworkError' | 'TimeoutError' | 'AbortError';

  constructor(
    cause: unknown,
    /** `httpStatusCode` 0, and how many attempts were made. */
    public $metadata: ResponseMetadata = { httpStatusCode: 0, attempts: 1, totalRetryDelay: 0 },
  ) {
    const name = (cause as Error | null | undefined)?.name;
    const Code = name === 'TimeoutError' || name === 'AbortError' ? name : 'NetworkError';
    super(`No response (${describeCause(cause)}); check the endpoint, network and timeoutMs.`, { cause });
    this.Code = Code;
  }
}

/**
 * A thrown value as text for a message, whatever was thrown: its `message`,
 * else `String(value)` when that works. Never throws (a
 * Symbol or a prototype-less object cannot go into a template literal).
 */
export function describeCause(cause: unknown): string {
  try {
    return String((cause as Error | null | undefined)?.message ?? cause);
  } catch {
    return typeof cause; // a prototype-less object
  }
}

/** True for a {@link ChimeNetworkError}: no response (network failure, timeout or abort). */
export const isNetworkError = (error: unknown): error is ChimeNetworkError => error instanceof ChimeNetworkError;

/**
 * The exception name as restJson1 resolves it: the `x-amzn-ErrorType` header
 * first, then a `code`/`Code` body member, then `__type`. Anything after `:` is
 * dropped and anything before `#` (a namespace) is dropped.
 */
export function resolveErrorCode(headers: Headers, body: unknown): string | undefined {
  const clean = (raw: unknown) =>
    typeof raw === 'string' ? (raw.split(':')[0]?.split('#').pop()?.trim() as string) || undefined : undefined;
  const header = clean(headers.get('x-amzn-errortype'));
  if (header) return header;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    return clean(record.code) ?? clean(record.Code) ?? clean(record.__type);
  }
  return undefined;
}

/**
 * A response body as restJson1 clients read it: parsed JSON, `undefined` when
 * empty or whitespace only, and the text itself when it is not JSON (an HTML error page, a
 * truncated body), never a crash. At most `maxBytes` (default 10 MiB) are read: a longer body,
 * declared or sent, is cancelled and refused with a {@link ChimeClientError} `InvalidResponse`;
 * a body that stops arriving (the network, `timeoutMs`, the caller's signal) is a {@link ChimeNetworkError}.
 */
export async function readBody(response: Response, maxBytes = 10 * 1024 * 1024): Promise<unknown> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let declared = Number(response.headers.get('content-length')); reader; declared = 0) {
    if (size > maxBytes || declared > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new ChimeClientError(
        `The HTTP ${response.status} response body is over ${maxBytes} bytes (maxResponseBytes).`,
        'InvalidResponse',
      );
    }
    const chunk = await reader.read().catch((cause: unknown) => {
      throw new ChimeNetworkError(cause);
    });
    if (chunk.done) break;
    size += chunk.value.length;
    chunks.push(chunk.value);
  }
  // one chunk (the usual small body) is decoded as it came; several are joined first
  let bytes = chunks[0] ?? new Uint8Array();
  if (chunks.length > 1) {
    bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
  }
  const text = utf8.decode(bytes);
  // empty or whitespace only: no body (JSON.parse would throw on both)
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A redirect refused, as the AWS SDKs do (they follow none): requests go out with
 * `redirect: 'manual'`, so signed headers and credentials (`x-amz-security-token`)
 * never reach the host a response points to.
 */
export function refuseRedirect(operationId: string, response: Response): void {
  if (response.type === 'opaqueredirect' || (response.status > 299 && response.status < 400)) {
    void response.body?.cancel().catch(() => undefined);
    throw new ChimeClientError(
      `${operationId}: HTTP ${response.status} redirect to ${response.headers.get('location') ?? 'elsewhere'} not followed, so credentials stay with the endpoint; set endpoint to the URL that answers.`,
      'InvalidResponse',
    );
  }
}
