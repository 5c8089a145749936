/** Which requests the mocks answer: the spec's servers and `baseUrl`, nothing else. */
import { createChimeClient } from '@chime-api/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChimeMocks, handlers, MockDefinitionError } from '../src/index.js';
import { failure } from './setup.js';

const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.unstubAllGlobals();
});
afterAll(() => server.close());

const update = (endpoint: string) =>
  createChimeClient({ endpoint, retry: false }).updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });

describe('the default handlers', () => {
  it("answer the spec's server", async () => {
    await expect(update('https://chime.us-east-1.amazonaws.com')).resolves.toHaveProperty('User.UserId', 'u1');
  });

  it('leave another backend with the same path unhandled, for onUnhandledRequest to catch', async () => {
    const error = await failure(
      fetch('https://my-backend.example.com/api/v2/accounts/42/users/7', { method: 'POST', body: '{}' }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error & { cause?: unknown }).cause ?? error)).toMatch(/onUnhandledRequest/);
  });

  it('leave a proxy unhandled until baseUrl names it', async () => {
    expect(await failure(update('http://localhost:3000/api/chime'))).toBeInstanceOf(Error);
  });
});

describe('baseUrl', () => {
  it('a proxy with a path prefix: answered there (and still at the spec server), not elsewhere', async () => {
    server.use(...createChimeMocks({ baseUrl: 'http://localhost:3000/api/chime/' }).handlers);
    await expect(update('http://localhost:3000/api/chime')).resolves.toHaveProperty('User.UserId', 'u1');
    await expect(update('https://chime.us-east-1.amazonaws.com')).resolves.toHaveProperty('User.UserId', 'u1');
    expect(await failure(update('http://localhost:3000/other'))).toBeInstanceOf(Error);
    expect(await failure(update('http://localhost:3001/api/chime'))).toBeInstanceOf(Error);
  });

  it('a relative URL is resolved against the page location (jsdom, happy-dom, a browser)', async () => {
    vi.stubGlobal('location', new URL('http://localhost:5173/app/index.html'));
    server.use(...createChimeMocks({ baseUrl: '/api/chime' }).handlers);
    await expect(update('http://localhost:5173/api/chime')).resolves.toHaveProperty('User.UserId', 'u1');
  });

  it('a relative URL without a page location fails at once, saying what to give instead', () => {
    expect(() => createChimeMocks({ baseUrl: '/api/chime' })).toThrow(MockDefinitionError);
    expect(() => createChimeMocks({ baseUrl: '/api/chime' })).toThrow(
      "baseUrl '/api/chime' is relative and there is no page location to resolve it against; give an absolute URL such as 'http://localhost:3000/api/chime'.",
    );
  });

  it("'*' answers any origin, as an explicit choice", async () => {
    server.use(...createChimeMocks({ baseUrl: '*' }).handlers);
    await expect(update('https://my-backend.example.com/api/v2')).resolves.toHaveProperty('User.UserId', 'u1');
  });
});
