/**
 * The HTTP mock server of @chime-api/mocks in an app that installed msw 3:
 * requests answered through msw 3's `getResponse`, on 127.0.0.1. (Its own
 * file: the setupServer of the other file would intercept these fetches.)
 */
import { createChimeMocks } from '@chime-api/mocks';
import { type RunningMockServer, startMockServer } from '@chime-api/mocks/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ handlers: createChimeMocks({ store: {} }).handlers });
});
afterAll(() => mock.close());

const post = (path: string, body: unknown) =>
  fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the HTTP mock server on msw 3', () => {
  it('answers, validates and keeps state through msw 3’s getResponse', async () => {
    expect(new URL(mock.url).hostname).toBe('127.0.0.1');
    const ok = await post('/accounts/a1/users/u1', { LicenseType: 'Plus' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ User: { UserId: 'u1', LicenseType: 'Plus' } });
    const bad = await post('/accounts/a1/users/u1', { LicenseType: 'Gold' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-ErrorType')).toBe('BadRequestException');
    // the store kept the update
    const again = await post('/accounts/a1/users/u1', {});
    expect(await again.json()).toMatchObject({ User: { LicenseType: 'Plus' } });
  });
});
