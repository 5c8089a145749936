/**
 * @chime-api/mocks benchmark (pnpm bench): requests/sec through the generated
 * handlers (parse, validate, answer from the example, reflect the request)
 * beside a hand-written MSW handler returning a static body, in one run; a
 * request to mocks of 191 operations beside mocks of one (one dispatcher and
 * its route table: the cost must not grow with the spec); and the HTTP mock
 * server under load (autocannon, bounded, 127.0.0.1 only) beside the same
 * server with the static MSW handler and beside a bare node:http server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { measure, report } from '@chime-api/test-kit/bench';
import autocannon from 'autocannon';
import { getResponse, HttpResponse, http } from 'msw';
import { definitions } from '../src/handlers.gen.js';
import { chimeMocks, createChimeMocks } from '../src/index.js';
import { createMocks, type OperationDefinition } from '../src/runtime.js';
import { startMockServer } from '../src/server.js';

const body = JSON.stringify({ LicenseType: 'Pro' });
const url = 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1';
const request = () => new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const staticBody = { User: { UserId: 'u1', AccountId: 'a1', LicenseType: 'Pro' } };
const handWritten = [http.post('*/accounts/:accountId/users/:userId', () => HttpResponse.json(staticBody))];

const via = (handlers: Parameters<typeof getResponse>[0], make: () => Request) => async () => {
  const response = await getResponse(handlers, make());
  if (response?.status !== 200) throw new Error(`benchmark setup: got ${response?.status}`);
  await response.json();
};

// 191 operations (the official model's count): the spec's, repeated under 191 path prefixes and spread over
// the four methods the model uses, with literal-query siblings; the request goes to the last one defined
const OPERATIONS = 191;
const base = definitions[0] as OperationDefinition;
const methods = ['POST', 'GET', 'PUT', 'DELETE'];
const many = Array.from({ length: OPERATIONS }, (_, i) => ({
  ...base,
  name: `${base.name}${i}`,
  operation: {
    ...base.operation,
    method: i === OPERATIONS - 1 ? 'POST' : (methods[i % 4] as string),
    path: `/v${Math.floor(i / 2)}${base.operation.path}`,
    ...(i % 2 === 1 || i === OPERATIONS - 1 ? { query: `operation=op${i}` } : {}),
  },
}));
const last = many[OPERATIONS - 1] as OperationDefinition;
const manyMocks = createMocks(many).handlers;
const one = createMocks([{ ...last, operation: { ...last.operation, path: base.operation.path } }]).handlers;
const lastUrl = `${url.replace('.com/', `.com/v${Math.floor((OPERATIONS - 1) / 2)}/`)}?${last.operation.query ?? ''}`;
const at = (u: string) => () =>
  new Request(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
// one operation at the same URL shape (its literal query included), so both sides do the same work
const oneUrl = `${url}?${last.operation.query ?? ''}`;

const r = await measure({
  'hand-written static handler': via(handWritten, request),
  'generated handlers (chimeMocks)': via(chimeMocks.handlers, request),
  '1 operation': via(one, at(oneUrl)),
  [`${OPERATIONS} operations`]: via(manyMocks, at(lastUrl)),
});

const hz = (name: string) => r[name]?.hz as number;

// --- the HTTP server: the same POST, a fixed number of requests per round, rounds interleaved
const REQUESTS = 2_000;
const ROUNDS = 3;
const mockServer = await startMockServer({ handlers: createChimeMocks({ store: {} }).handlers });
const staticServer = await startMockServer({ handlers: handWritten });
const bare = createServer((req, res) => {
  // what a competent hand-written stub does: read the body, answer a static JSON
  req.resume();
  req.on('end', () => {
    const payload = JSON.stringify(staticBody);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const servers: Record<string, string> = {
  'mock server (generated handlers, store)': mockServer.url,
  'same server, static MSW handler': staticServer.url,
  'bare node:http server': `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
};
const perSecond: Record<string, number[]> = Object.fromEntries(Object.keys(servers).map((n) => [n, []]));
const names = Object.keys(servers);
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names.map((_, i) => names[(i + round) % names.length] as string)) {
    const result = await autocannon({
      url: `${servers[name]}/accounts/a1/users/u1`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: 8,
      amount: REQUESTS,
    });
    if (result.errors || result.non2xx || result.timeouts) {
      throw new Error(`benchmark setup: ${name} answered ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    const seconds = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
    perSecond[name]?.push(result.requests.total / seconds);
  }
}
await Promise.all([mockServer.close(), staticServer.close(), new Promise((resolve) => bare.close(resolve))]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rps = (name: string) => median(perSecond[name] ?? []);
const [generatedServer, staticMswServer, bareServer] = names.map(rps) as [number, number, number];
report('@chime-api/mocks', [
  {
    name: 'generated ÷ hand-written static handler (requests/s)',
    value: hz('generated handlers (chimeMocks)') / hz('hand-written static handler'),
    op: '>=',
    target: 0.7,
    detail: `${Math.round(hz('generated handlers (chimeMocks)'))} vs ${Math.round(hz('hand-written static handler'))} req/s`,
  },
  {
    name: `${OPERATIONS} operations ÷ 1 operation, one dispatcher (requests/s)`,
    value: hz(`${OPERATIONS} operations`) / hz('1 operation'),
    op: '>=',
    target: 0.8,
    detail: `${Math.round(hz(`${OPERATIONS} operations`))} vs ${Math.round(hz('1 operation'))} req/s, to the last operation defined`,
  },
  {
    name: 'HTTP mock server ÷ the same server with a static MSW handler (requests/s)',
    value: generatedServer / staticMswServer,
    op: '>=',
    target: 0.7,
    detail: `${Math.round(generatedServer)} vs ${Math.round(staticMswServer)} req/s, median of ${ROUNDS} rounds of ${REQUESTS}`,
  },
  {
    name: 'HTTP mock server ÷ a bare node:http server (requests/s)',
    value: generatedServer / bareServer,
    op: '>=',
    detail: `${Math.round(generatedServer)} vs ${Math.round(bareServer)} req/s`,
  },
]);
