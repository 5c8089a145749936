/**
 * The route table against a reference on many generated operation tables and
 * requests (differential): the reference tries every operation's template as
 * a regular expression, as the mocks did before the route table, and picks
 * the most specific match (a literal segment over a `{member}`, from the
 * left), then the literal query, then the host.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/data.js';
import { createRouter, type Routable, type Route } from '../src/router.js';

const BASES = ['https://svc.example.test', 'http://127.0.0.1:9000/api'];
const PREFIXES = ['', 'p1-', 'p2-'];

const pick = <T>(random: () => number, xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;

function table(random: () => number): Routable[] {
  const ops: Routable[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const depth = 1 + Math.floor(random() * 3);
    const parts = Array.from({ length: depth }, (_, d) => pick(random, ['a', 'b', `{m${d}}`, `{n${d}}`]));
    const op: Routable = {
      method: pick(random, ['GET', 'POST']),
      path: `/${parts.join('/')}`,
      ...(random() < 0.4 ? { query: `operation=${pick(random, ['q1', 'q2'])}` } : {}),
      ...(random() < 0.3 ? { hostPrefix: pick(random, PREFIXES.slice(1)) } : {}),
    };
    // one operation per method, path shape and literal query, as in a spec
    const key = `${op.method} ${op.path.replace(/\{[^}]+\}/g, '{}')} ${op.query ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ops.push(op);
  }
  return ops;
}

/** The reference: every template as a RegExp, the most specific match, then query, then host. */
function reference(ops: readonly Routable[], method: string, url: URL): Route | undefined {
  for (const base of BASES) {
    const baseUrl = new URL(base);
    // the base's own host, or it with a prefix some operation has
    const used = ['', ...ops.flatMap((op) => (op.hostPrefix ? [op.hostPrefix] : []))];
    const prefixed = used.find((p) => url.hostname === `${p}${baseUrl.hostname}` && url.port === baseUrl.port);
    if (prefixed === undefined || url.protocol !== baseUrl.protocol) continue;
    if (prefixed !== '' && /^\d/.test(baseUrl.hostname)) continue;
    const basePath = baseUrl.pathname.replace(/\/$/, '');
    if (!url.pathname.startsWith(`${basePath}/`)) continue;
    const rest = url.pathname.slice(basePath.length);
    const matches = ops
      .map((op, index) => ({ op, index }))
      .filter(({ op }) => op.method === method)
      .map(({ op, index }) => {
        const names: string[] = [];
        const source = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        const match = new RegExp(`^${source}/?$`).exec(rest);
        return match ? { op, index, names, values: match.slice(1) } : undefined;
      })
      .filter((m) => m !== undefined);
    if (matches.length === 0) continue;
    // most specific: compare the templates segment by segment, a literal before a member
    const rank = (path: string) =>
      path
        .split('/')
        .map((s) => (s.startsWith('{') ? '1' : '0'))
        .join('');
    const best = matches.map((m) => rank(m.op.path)).sort()[0];
    const group = matches.filter((m) => rank(m.op.path) === best);
    const plain = group.find((m) => m.op.query === undefined);
    const sent = url.searchParams.get('operation');
    // `operation=` is a literal query only where some operation has one; elsewhere it is any query member
    const literal = group.some((m) => m.op.query !== undefined);
    const chosen = sent === null || !literal ? plain : group.find((m) => m.op.query === `operation=${sent}`);
    if (!chosen) {
      return {
        kind: 'unknown-query',
        method,
        template: (group[0] as { op: Routable }).op.path,
        sent: sent === null ? undefined : `operation=${sent}`,
        known: group.flatMap((m) => (m.op.query ? [m.op.query] : [])),
        plain: plain?.index,
      };
    }
    const hostFits =
      (chosen.op.hostPrefix ?? '') === prefixed || (prefixed === '' && /^\d|^localhost$/.test(baseUrl.hostname));
    if (!hostFits) continue;
    const params = Object.fromEntries(chosen.names.map((n, i) => [n, decodeURIComponent(chosen.values[i] as string)]));
    return { kind: 'operation', index: chosen.index, params };
  }
  return undefined;
}

function request(random: () => number): [string, URL] {
  const base = new URL(pick(random, BASES));
  if (!/^\d/.test(base.hostname)) base.hostname = `${pick(random, PREFIXES)}${base.hostname}`;
  const depth = 1 + Math.floor(random() * 3);
  const parts = Array.from({ length: depth }, () => pick(random, ['a', 'b', 'x', 'a%20b', 'q%2Fr']));
  const query = pick(random, ['', '?operation=q1', '?operation=q2', '?operation=zz', '?k=v&operation=q2']);
  const slash = random() < 0.1 ? '/' : '';
  return [pick(random, ['GET', 'POST']), new URL(`${base.href.replace(/\/$/, '')}/${parts.join('/')}${slash}${query}`)];
}

/** Unknown-query routes name their known queries in any order. */
const normal = (route: Route | undefined) =>
  route?.kind === 'unknown-query' ? { ...route, known: [...route.known].sort() } : route;

describe('the route table', () => {
  it('routes like the reference on 200 generated tables × 200 requests', () => {
    let routed = 0;
    let unknown = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const ops = table(random);
      const router = createRouter(ops, BASES);
      for (let n = 0; n < 200; n++) {
        const [method, url] = request(random);
        const expected = normal(reference(ops, method, url));
        const actual = normal(router.route(method, url));
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          expect({ seed, ops, method, url: url.href, actual }).toEqual({
            seed,
            ops,
            method,
            url: url.href,
            actual: expected,
          });
        }
        if (actual?.kind === 'operation') routed++;
        if (actual?.kind === 'unknown-query') unknown++;
      }
    }
    // the generated requests reach every outcome often (a reference that never matches proves nothing)
    expect(routed).toBeGreaterThan(2_000);
    expect(unknown).toBeGreaterThan(500);
  });

  it("'*' answers any origin under any path prefix, the shortest prefix first", () => {
    const router = createRouter([{ method: 'GET', path: '/users/{id}' }], ['*']);
    expect(router.route('GET', new URL('https://anything.example/api/v2/users/u%2F1'))).toEqual({
      kind: 'operation',
      index: 0,
      params: { id: 'u/1' },
    });
    expect(router.route('GET', new URL('https://anything.example/users'))).toBeUndefined();
  });
});
