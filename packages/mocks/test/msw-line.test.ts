/**
 * Which msw this run is on: the package's msw 2 by default, msw 3 under
 * vitest.msw3.config.ts (MSW_LINE=3); the tests and the mocks share that one copy.
 */
import { RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { chimeMocks, handlers } from '../src/index.js';

describe('the msw of this run', () => {
  it('is the line the config asks for, and the mocks build their handlers with it', async () => {
    const { default: manifest } = await import('msw/package.json', { with: { type: 'json' } });
    expect(manifest.version.split('.')[0]).toBe(process.env.MSW_LINE ?? '2');
    expect(handlers.every((handler) => handler instanceof RequestHandler)).toBe(true);
    expect(chimeMocks.updateUser.networkError()).toBeInstanceOf(RequestHandler);
  });
});
