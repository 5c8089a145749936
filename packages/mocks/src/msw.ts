/**
 * Everything the mocks take from MSW, in one place: the next major version
 * of MSW changes here only. Tested with msw 2.15; it needs no API newer than
 * 2.0's (a RegExp path with named groups, `once`, `HttpResponse`, `getResponse`).
 */
import { getResponse, type HttpHandler, HttpResponse, http, type RequestHandler, delay as wait } from 'msw';

export type { HttpHandler, RequestHandler };

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches one operation's URL under some base URLs and reads its path members. */
export interface UrlMatcher {
  readonly pattern: RegExp;
  /** The path members of a matching URL, by wire name, percent-decoded. */
  params(url: string): Record<string, string>;
}

/**
 * The URL pattern of one operation under absolute base URLs
 * (`https://chime.us-east-1.amazonaws.com`, `http://localhost:3000/api/chime`),
 * or under any origin and prefix when a base is `'*'`. A RegExp path is
 * matched by MSW as is (no origin of its own added), against the URL without
 * its query and hash.
 */
export function urlMatcher(bases: readonly string[], template: string): UrlMatcher {
  const prefixes = bases.map((b) => (b === '*' ? '[^/]+://[^/]+(?:/[^?#]*?)?' : literal(b.replace(/\/+$/, ''))));
  const names: string[] = [];
  const path = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return literal(part);
      names.push(name);
      return '([^/?#]+)';
    })
    .join('');
  const pattern = new RegExp(`^(?:${prefixes.join('|')})${path}/?$`);
  return {
    pattern,
    params(url) {
      const match = pattern.exec(url.replace(/[?#].*$/, ''));
      const out: Record<string, string> = {};
      names.forEach((name, i) => {
        const raw = match?.[i + 1];
        if (raw === undefined) return;
        try {
          out[name] = decodeURIComponent(raw);
        } catch {
          out[name] = raw; // a malformed escape stays as sent; validation judges it
        }
      });
      return out;
    },
  };
}

/** A handler for `method` requests whose URL matches `pattern`. */
export function handle(
  method: string,
  pattern: RegExp,
  resolve: (request: Request) => Response | Promise<Response>,
  once: boolean,
): HttpHandler {
  const on = http[method.toLowerCase() as 'post'];
  return on(pattern, ({ request }) => resolve(request), once ? { once: true } : {});
}

/** A JSON response. */
export const json = (body: unknown, init: ResponseInit): Response =>
  HttpResponse.json(body as Record<string, unknown>, init) as Response;

/** A network error: `fetch` rejects with a TypeError. */
export const networkError = (): Response => HttpResponse.error() as Response;

/** True when a handler answered with a network error. */
export const isNetworkError = (response: Response): boolean => response.type === 'error';

/** Waits `ms` milliseconds (MSW's `delay`, which also works in a service worker). */
export const delay = (ms: number) => wait(ms);

/** Runs `request` through `handlers` outside any interception (for the HTTP server). */
export const responseFor = (handlers: readonly RequestHandler[], request: Request) =>
  getResponse(handlers as RequestHandler[], request);
