/**
 * Everything the mocks take from MSW, in one place: a later major version of
 * MSW changes here only. msw is the app's (a peer dependency, 2 or 3) and
 * everything used here is the same in both: `HttpHandler` (its `parse`),
 * `once`, `HttpResponse`, `delay`, `getResponse`. Tested with msw 2.15.0 and
 * 3.0.5 (vitest.msw3.config.ts).
 */
import { getResponse, HttpHandler, HttpResponse, type RequestHandler, delay as wait } from 'msw';

export type { HttpHandler, RequestHandler };

/**
 * A handler that matches with `match(request)` (the route table) rather than
 * a path: MSW asks it through `parse`, which every supported msw awaits
 * (msw's own custom predicates need 2.11+), and hands what it found to the
 * resolver as `params`, so a request is routed once. A request it does not
 * match is never counted against `once`.
 */
class RoutedHandler<Match> extends HttpHandler {
  constructor(
    label: string,
    private readonly match: (request: Request) => Match | undefined,
    resolve: (request: Request, match: Match) => Response | Promise<Response>,
    once: boolean,
  ) {
    super(
      /.+/,
      label,
      ({ request, params }) => resolve(request, (params as unknown as { match: Match }).match),
      once ? { once: true } : {},
    );
  }

  override async parse(args: { request: Request }) {
    const match = this.match(args.request);
    return {
      match: match === undefined ? { matches: false, params: {} } : { matches: true, params: { match } as never },
      cookies: {},
    };
  }
}

/** A handler for the requests `match` finds something for (any method: the route table checks it). */
export function handle<Match>(
  label: string,
  match: (request: Request) => Match | undefined,
  resolve: (request: Request, match: Match) => Response | Promise<Response>,
  once: boolean,
): HttpHandler {
  return new RoutedHandler(label, match, resolve, once);
}

/** A JSON response. */
export const json = (body: unknown, init: ResponseInit): Response =>
  HttpResponse.json(body as Record<string, unknown>, init) as Response;

/** A response without a body (204, or a 2xx whose output is all headers). */
export const empty = (init: ResponseInit): Response => new HttpResponse(null, init) as Response;

/** A network error: `fetch` rejects with a TypeError. */
export const networkError = (): Response => HttpResponse.error() as Response;

/** True when a handler answered with a network error. */
export const isNetworkError = (response: Response): boolean => response.type === 'error';

/** Waits `ms` milliseconds (MSW's `delay`, which also works in a service worker). */
export const delay = (ms: number) => wait(ms);

/** Runs `request` through `handlers` outside any interception (for the HTTP server). */
export const responseFor = (handlers: readonly RequestHandler[], request: Request) =>
  getResponse(handlers as RequestHandler[], request);
