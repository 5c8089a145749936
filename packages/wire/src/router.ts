/**
 * The route table: finds the operation a request is for by origin, method,
 * path template and literal query, in time that depends on the request's
 * length and not on how many operations there are. The mocks compile one per
 * `createChimeMocks()`; the SDK middleware one over the whole table (`'*'`).
 *
 * - Origins: a map from each base's origin (the spec's servers, `baseUrl`,
 *   and each with every host prefix of the spec: `messaging-chime…`) to its
 *   path prefix; `'*'` takes any origin and any path prefix.
 * - Paths: a segment trie per method; a literal segment wins over a
 *   `{member}` (as AWS's routers do), with backtracking when it leads nowhere.
 * - Literal queries (`#operation=logout` in the spec's path key): among the
 *   operations at one method and path, the one whose every literal pair the
 *   request carries (the most pairs first), else the plain one.
 */
import { prefixableHost } from './host.js';
import { carriesPairs, literalPairs } from './query.js';

/** What the router needs to know of an operation. */
export interface Routable {
  readonly method: string;
  /** The path template, without the literal query. */
  readonly path: string;
  /** The literal query (`operation=logout`), if any. */
  readonly query?: string;
  readonly hostPrefix?: string;
}

/** A base URL the mocks answer, compiled. */
interface Base {
  /** The base's own host name carries this prefix (`messaging-`); '' for the base itself. */
  readonly hostPrefix: string;
  /** An IP literal or `localhost`: no prefixed name exists, so prefixed operations answer here unprefixed. */
  readonly loopback: boolean;
  /** The path prefix, in segments (`/api/chime` → ['api', 'chime']). */
  readonly segments: readonly string[];
}

interface Node {
  readonly literal: Map<string, Node>;
  param?: { readonly name: string; readonly node: Node };
  /** The operation without a literal query at this method and path. */
  plain?: number;
  /** Operations told apart by a literal query, the most pairs first. */
  readonly queried: { readonly index: number; readonly pairs: [string, string][] }[];
}

/** What a request routes to. */
export type Route =
  | { kind: 'operation'; index: number; params: Record<string, string> }
  /**
   * A method and path whose operations all carry a literal query, or one with a plain operation
   * beside them, reached with a literal-query value none of them has (`?operation=bogus`).
   */
  | {
      kind: 'unknown-query';
      method: string;
      template: string;
      sent: string | undefined;
      known: string[];
      plain: number | undefined;
    };

const newNode = (): Node => ({ literal: new Map(), queried: [] });

/** The map's value at `key`, made and set first when missing. */
function at<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** `127.0.0.1`, `[::1]`, `localhost`: hosts a client sends to without a host prefix. */
export const isLoopbackOrIp = (hostname: string): boolean => !prefixableHost(hostname);

const segmentsOf = (pathname: string, asWritten = false): string[] => {
  const parts = pathname.split('/');
  parts.shift(); // before the leading '/'
  if (!asWritten && parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // a trailing slash
  return parts;
};

const decode = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed escape stays as sent; validation judges it
  }
};

export interface Router {
  /**
   * The route of a request, or undefined when no operation answers its origin, method and path.
   * A URL given as text is read as written, never parsed (the URL parser resolves `..`).
   */
  route(method: string, url: URL | string): Route | undefined;
}

/** Origin, path and query of a URL; read from the text when given as text. */
function partsOf(url: URL | string): { origin: string; pathname: string; query: URLSearchParams } {
  if (typeof url !== 'string') return { origin: url.origin, pathname: url.pathname, query: url.searchParams };
  const [, scheme = '', host = '', rest = ''] = /^([a-z][a-z\d+.-]*:)\/\/(?:[^/?#@]*@)?([^/?#]*)(.*)$/i.exec(url) ?? [];
  const [pathname = '', search = ''] = rest.split('#')[0]?.split(/\?(.*)/) ?? [];
  return { origin: `${scheme}//${host}`.toLowerCase(), pathname, query: new URLSearchParams(search) };
}

/**
 * @param operations every operation, by index
 * @param bases absolute base URLs (`https://chime.us-east-1.amazonaws.com`, `http://localhost:3000/api/chime`) or `'*'`
 * @param options `asWritten`: every segment counts, an empty one (`/users//x`, a trailing slash) filling a
 *   `{member}` too, so a client can refuse a path member that cannot be sent; by default an empty
 *   segment fills none and a trailing slash is ignored, as a server reads a path
 */
export function createRouter(
  operations: readonly Routable[],
  bases: readonly string[],
  { asWritten = false }: { asWritten?: boolean } = {},
): Router {
  const trees = new Map<string, Node>();
  const templates = new Map<Node, string>();
  operations.forEach((op, index) => {
    const method = op.method.toUpperCase();
    let node = at(trees, method, newNode);
    for (const part of segmentsOf(op.path)) {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name !== undefined) {
        // two templates with differently named members at one position share the node; each reads its own name
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        node = at(node.literal, part, newNode);
      }
    }
    if (!templates.has(node)) templates.set(node, op.path); // the first, in the spec's order
    if (op.query) {
      node.queried.push({ index, pairs: literalPairs(op.query) });
      node.queried.sort((a, b) => b.pairs.length - a.pairs.length);
    } else node.plain = index;
  });
  // every param name along each template, in order, to read path members by wire name
  const paramNames = operations.map((op) =>
    segmentsOf(op.path)
      .map((part) => /^\{([^}]+)\}$/.exec(part)?.[1])
      .filter((n): n is string => n !== undefined),
  );
  const prefixes = [...new Set(operations.map((op) => op.hostPrefix ?? '').filter((p) => p !== ''))];

  const any = bases.includes('*');
  const byOrigin = new Map<string, Base[]>();
  for (const base of bases) {
    if (base === '*') continue;
    const url = new URL(base);
    const segments = segmentsOf(url.pathname);
    const loopback = isLoopbackOrIp(url.hostname);
    const add = (origin: string, hostPrefix: string) => {
      at(byOrigin, origin, (): Base[] => []).push({ hostPrefix, loopback: loopback && hostPrefix === '', segments });
    };
    add(url.origin, '');
    if (loopback) continue; // an IP literal or localhost has no prefixed name
    for (const prefix of prefixes) {
      const prefixed = new URL(url.href);
      prefixed.hostname = `${prefix}${url.hostname}`;
      add(prefixed.origin, prefix);
    }
  }

  /** The node a path reaches, with its `{member}` segments (raw), literal segments first. */
  const walk = (node: Node, parts: readonly string[], i: number, raw: string[]): Node | undefined => {
    if (i === parts.length) return node.plain !== undefined || node.queried.length > 0 ? node : undefined;
    const part = parts[i] as string;
    const literal = node.literal.get(part);
    if (literal) {
      const found = walk(literal, parts, i + 1, raw);
      if (found) return found;
    }
    if (node.param && (asWritten || part !== '')) {
      raw.push(part);
      const found = walk(node.param.node, parts, i + 1, raw);
      if (found) return found;
      raw.pop();
    }
    return undefined;
  };

  const resolve = (method: string, node: Node, raw: readonly string[], query: URLSearchParams): Route => {
    let index = node.queried.find((q) => carriesPairs(q.pairs, query))?.index;
    let unknown: string | undefined;
    if (index === undefined) {
      // a literal key sent with a value (or with pairs) no operation here has; else the plain operation
      for (const [key] of node.queried.flatMap((q) => q.pairs)) {
        const sent = query.get(key);
        if (sent !== null) {
          unknown = `${key}=${sent}`;
          break;
        }
      }
      if (unknown === undefined) index = node.plain;
    }
    if (unknown !== undefined || index === undefined) {
      return {
        kind: 'unknown-query',
        method,
        template: templates.get(node) ?? '',
        sent: unknown,
        known: node.queried.map((q) => q.pairs.map(([key, value]) => `${key}=${value}`).join('&')),
        plain: node.plain,
      };
    }
    const params: Record<string, string> = {};
    (paramNames[index] ?? []).forEach((name, i) => {
      params[name] = decode(raw[i] as string);
    });
    return { kind: 'operation', index, params };
  };

  /** Host check: the operation's prefix is the base's, or the base is a loopback host (no prefix there). */
  const hostFits = (route: Route, base: Base | undefined) => {
    if (!base || route.kind !== 'operation') return true;
    const wanted = operations[route.index]?.hostPrefix ?? '';
    return wanted === base.hostPrefix || (base.loopback && base.hostPrefix === '');
  };

  return {
    route(method, url) {
      const tree = trees.get(method.toUpperCase());
      if (!tree) return undefined;
      const { origin, pathname, query } = partsOf(url);
      const parts = segmentsOf(pathname, asWritten);
      for (const base of byOrigin.get(origin) ?? []) {
        if (base.segments.length > parts.length) continue;
        if (!base.segments.every((s, i) => parts[i] === s)) continue;
        const raw: string[] = [];
        const node = walk(tree, parts, base.segments.length, raw);
        if (!node) continue;
        const route = resolve(method, node, raw, query);
        if (hostFits(route, base)) return route;
      }
      if (!any) return undefined;
      // '*': any origin and any path prefix, the shortest prefix first
      for (let start = 0; start <= parts.length; start++) {
        const raw: string[] = [];
        const node = walk(tree, parts, start, raw);
        if (node) return resolve(method, node, raw, query);
      }
      return undefined;
    },
  };
}
