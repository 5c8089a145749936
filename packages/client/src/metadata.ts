/** What the client knows of one call once it is over, as the AWS SDK reports it. */
export interface ResponseMetadata {
  /** The HTTP status of the last attempt (0 when no response arrived). */
  httpStatusCode: number;
  /** The service's `x-amzn-RequestId` of the last attempt. */
  requestId?: string;
  /** How many attempts were made, retries included. */
  attempts: number;
  /** Milliseconds spent waiting between attempts. */
  totalRetryDelay: number;
}

/** A `fetch` that takes a Request, as openapi-fetch calls it. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Wraps a fetch: signing, retries, logging. The first in a list is the outermost. */
export type FetchMiddleware = (next: FetchLike) => FetchLike;

/** Attempts made for a response or an error, recorded by the retry middleware. */
export const attemptsOf = new WeakMap<object, { attempts: number; totalRetryDelay: number }>();

/** Per-call settings that must follow a request through clones (retries, signing). */
export interface RequestContext {
  timeoutMs?: number;
  /** The serialized body, so a retry can resend it without cloning the stream. */
  body?: string;
}

const contexts = new WeakMap<Request, RequestContext>();

export function contextOf(request: Request): RequestContext | undefined {
  return contexts.get(request);
}

export function setContext(request: Request, context: RequestContext): void {
  contexts.set(request, context);
}

/**
 * `new Request(request, init)` that keeps the call's context (its timeout):
 * middleware that rebuilds a request should use it.
 */
export function deriveRequest(request: Request, init?: RequestInit): Request {
  const next = new Request(request, init);
  const context = contexts.get(request);
  if (context) contexts.set(next, context);
  return next;
}

/**
 * A fresh copy of `request` for another attempt: rebuilt from the body text
 * the client recorded (cheap), or `request.clone()` for requests it did not
 * build. Keeps the call's context either way.
 */
export function replayRequest(request: Request): Request {
  const context = contexts.get(request);
  if (context?.body === undefined) return cloneRequest(request);
  const next = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: context.body,
    signal: request.signal,
  });
  contexts.set(next, context);
  return next;
}

/** `request.clone()` that keeps the call's context. */
export function cloneRequest(request: Request): Request {
  const next = request.clone();
  const context = contexts.get(request);
  if (context) contexts.set(next, context);
  return next;
}

/** An operation's output with the call's metadata, as the AWS SDK's `…CommandOutput` has it (non-enumerable at run time). */
export type WithMetadata<T> = T & { readonly $metadata: ResponseMetadata };
