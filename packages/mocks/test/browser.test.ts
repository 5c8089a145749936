/**
 * The mocks in a real browser: Debian's Chromium (never a downloaded build),
 * driven by playwright-core, with MSW's service worker, on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, type StaticFile, serveStatic } from '@chime-api/test-kit/browser';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const require = (await import('node:module')).createRequire(import.meta.url);
// under vitest.msw3.config.ts (MSW_LINE=3) the page bundles msw 3 and gets msw 3's worker script
const msw = process.env.MSW_LINE === '3' ? 'msw3' : 'msw';
const workerScript = readFileSync(join(dirname(require.resolve(`${msw}/package.json`)), 'lib/mockServiceWorker.js'));

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  browser = await launchChromium();
  const bundle = await build({
    entryPoints: [join(here, 'browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    conditions: ['browser'],
    alias: { msw },
    logLevel: 'silent',
  });
  const files: Record<string, StaticFile> = {
    '/': {
      type: 'text/html',
      body: '<!doctype html><title>chime mocks</title><script type="module" src="/page.js"></script>',
    },
    '/page.js': { type: 'text/javascript', body: bundle.outputFiles[0]?.contents ?? new Uint8Array() },
    '/mockServiceWorker.js': { type: 'text/javascript', body: workerScript },
  };
  server = await serveStatic((path) => files[path]);
  origin = server.origin;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('in Chromium with the service worker', () => {
  it('runs the scenarios through the client', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin);
    await page.waitForFunction(() => (window as unknown as { __results?: unknown }).__results, null, {
      timeout: 30_000,
    });
    const results = await page.evaluate(
      () => (window as unknown as { __results: { name: string; ok: boolean; detail: string }[] }).__results,
    );
    expect(errors).toEqual([]);
    expect(results).toEqual([
      { name: 'happy path', ok: true, detail: 'browser-user:Plus:2019-05-01T16:02:35.000Z' },
      { name: 'throttled once, then retried', ok: true, detail: 'attempts=2' },
      { name: 'invalid request', ok: true, detail: 'BadRequestException:BadRequest:400' },
      { name: 'strict store', ok: true, detail: 'NotFoundException' },
      { name: 'relative baseUrl', ok: true, detail: 'via-proxy:/api/chime/accounts/acc/users/via-proxy' },
    ]);
  }, 60_000);
});
