/**
 * The mocks in a real browser: Debian's Chromium (never a downloaded build),
 * driven by playwright-core, with MSW's service worker, on 127.0.0.1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const require = (await import('node:module')).createRequire(import.meta.url);
const workerScript = readFileSync(join(dirname(require.resolve('msw/package.json')), 'lib/mockServiceWorker.js'));

let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. Install Debian's: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  const bundle = await build({
    entryPoints: [join(here, 'browser/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    conditions: ['browser'],
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', '<!doctype html><title>chime mocks</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', script],
    '/mockServiceWorker.js': ['text/javascript', workerScript],
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'service-worker-allowed': '/' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
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
    ]);
  }, 60_000);
});
