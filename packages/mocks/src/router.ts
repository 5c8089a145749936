/**
 * The route table: finds the operation a request is for by origin, method,
 * path template and literal query, in time that depends on the request's
 * length and not on how many operations there are. Compiled once per
 * `createChimeMocks()`, read by the one dispatching handler and by every
 * per-operation scenario.
 *
 * - Origins: a map from each base's origin (the spec's servers, `baseUrl`,
 *   and each with every host prefix of the spec: `messaging-chime…`) to its
 *   path prefix; `'*'` takes any origin and any path prefix.
 * - Paths: a segment trie per method; a literal segment wins over a
 *   `{member}` (as AWS's routers do), with backtracking when it leads nowhere.
 * - Literal queries (`#operation=logout` in the spec's path key): the query
 *   pair picks among the operations at one method and path.
 */

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
  /** Operations told apart by a literal query: key (`operation`) → value (`logout`) → operation index. */
  readonly byQuery: Map<string, Map<string, number>>;
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

const newNode = (): Node => ({ literal: new Map(), byQuery: new Map() });

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
export const isLoopbackOrIp = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);

const segmentsOf = (pathname: string): string[] => {
  const parts = pathname.split('/');
  parts.shift(); // before the leading '/'
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // a trailing slash
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
  /** The route of a request, or undefined when no operation of these mocks answers its origin, method and path. */
  route(method: string, url: URL): Route | undefined;
}

/**
 * @param operations every operation, by index
 * @param bases absolute base URLs (`https://chime.us-east-1.amazonaws.com`, `http://localhost:3000/api/chime`) or `'*'`
 */
export function createRouter(operations: readonly Routable[], bases: readonly string[]): Router {
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
      const [pair = ''] = op.query.split('&');
      const eq = pair.indexOf('=');
      const key = decode(eq < 0 ? pair : pair.slice(0, eq));
      const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
      at(node.byQuery, key, () => new Map<string, number>()).set(value, index);
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
    if (/^\d|^\[/.test(url.hostname)) continue; // an IP literal has no prefixed name
    for (const prefix of prefixes) {
      const prefixed = new URL(url.href);
      prefixed.hostname = `${prefix}${url.hostname}`;
      add(prefixed.origin, prefix);
    }
  }

  /** The node a path reaches, with its `{member}` segments (raw), literal segments first. */
  const walk = (node: Node, parts: readonly string[], i: number, raw: string[]): Node | undefined => {
    if (i === parts.length) return node.plain !== undefined || node.byQuery.size > 0 ? node : undefined;
    const part = parts[i] as string;
    const literal = node.literal.get(part);
    if (literal) {
      const found = walk(literal, parts, i + 1, raw);
      if (found) return found;
    }
    if (node.param && part !== '') {
      raw.push(part);
      const found = walk(node.param.node, parts, i + 1, raw);
      if (found) return found;
      raw.pop();
    }
    return undefined;
  };

  const resolve = (method: string, node: Node, raw: readonly string[], url: URL): Route => {
    let index = node.plain;
    let unknown: string | undefined;
    for (const [key, values] of node.byQuery) {
      const sent = url.searchParams.get(key);
      if (sent === null) continue;
      const picked = values.get(sent);
      if (picked !== undefined) {
        index = picked;
        unknown = undefined;
        break;
      }
      unknown ??= `${key}=${sent}`;
    }
    if (unknown !== undefined || index === undefined) {
      return {
        kind: 'unknown-query',
        method,
        template: templates.get(node) ?? '',
        sent: unknown,
        known: [...node.byQuery].flatMap(([key, values]) => [...values.keys()].map((v) => `${key}=${v}`)),
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
      const parts = segmentsOf(url.pathname);
      for (const base of byOrigin.get(url.origin) ?? []) {
        if (base.segments.length > parts.length) continue;
        if (!base.segments.every((s, i) => parts[i] === s)) continue;
        const raw: string[] = [];
        const node = walk(tree, parts, base.segments.length, raw);
        if (!node) continue;
        const route = resolve(method, node, raw, url);
        if (hostFits(route, base)) return route;
      }
      if (!any) return undefined;
      // '*': any origin and any path prefix, the shortest prefix first
      for (let start = 0; start <= parts.length; start++) {
        const raw: string[] = [];
        const node = walk(tree, parts, start, raw);
        if (node) return resolve(method, node, raw, url);
      }
      return undefined;
    },
  };
}
