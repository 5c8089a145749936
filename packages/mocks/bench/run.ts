/**
 * @chime-api/mocks benchmark (pnpm bench): requests/sec through the generated
 * handlers (parse, validate, answer from the example, reflect the request)
 * beside a hand-written MSW handler returning a static body, in one run; and
 * how the generated mocks scale from 1 to 100 operations.
 */

import { measure, report } from '@chime-api/test-kit/bench';
import { getResponse, HttpResponse, http } from 'msw';
import { definitions } from '../src/handlers.gen.js';
import { chimeMocks } from '../src/index.js';
import { createMocks, type OperationDefinition } from '../src/runtime.js';

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

// 100 operations: the spec's, repeated under 100 path prefixes
const base = definitions[0] as OperationDefinition;
const many = Array.from({ length: 100 }, (_, i) => ({
  ...base,
  name: `${base.name}${i}`,
  operation: { ...base.operation, path: `/v${i}${base.operation.path}` },
}));
const hundred = createMocks(many).handlers;
const one = createMocks([many[0] as OperationDefinition]).handlers;
const firstUrl = url.replace('.com/', '.com/v0/');
const lastUrl = url.replace('.com/', '.com/v99/');
const at = (u: string) => () =>
  new Request(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

const r = await measure({
  'hand-written static handler': via(handWritten, request),
  'generated handlers (chimeMocks)': via(chimeMocks.handlers, request),
  '1 operation': via(one, at(firstUrl)),
  '100 operations, first registered': via(hundred, at(firstUrl)),
  '100 operations, last registered': via(hundred, at(lastUrl)),
});

const hz = (name: string) => r[name]?.hz as number;
report('@chime-api/mocks', [
  {
    name: 'generated ÷ hand-written static handler (requests/s)',
    value: hz('generated handlers (chimeMocks)') / hz('hand-written static handler'),
    op: '>=',
    target: 0.7,
    detail: `${Math.round(hz('generated handlers (chimeMocks)'))} vs ${Math.round(hz('hand-written static handler'))} req/s`,
  },
  {
    name: '100 operations (last registered) ÷ 1 operation (requests/s)',
    value: hz('100 operations, last registered') / hz('1 operation'),
    op: '>=',
    detail: `${Math.round(hz('100 operations, last registered'))} vs ${Math.round(hz('1 operation'))} req/s; first registered: ${Math.round(hz('100 operations, first registered'))}`,
  },
]);
