/**
 * The built page in Debian's Chromium (playwright-core), against
 * @chime-api/mocks in a service worker: what an admin sees. `ADMIN_WEB_MSW=3`
 * tests the msw 3 build (dist/msw3/, the Node matrix runs it) instead of the
 * msw 2 one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { launchChromium, serveStatic } from '@chime-api/test-kit/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const onMsw3 = process.env.ADMIN_WEB_MSW === '3';
const dist = join(import.meta.dirname, onMsw3 ? '../dist/msw3' : '../dist');
const mswVersion = (createRequire(import.meta.url)(`${onMsw3 ? 'msw3' : 'msw'}/package.json`) as { version: string })
  .version;
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`No ${dist}/index.html: build the page first: pnpm --filter admin-web build`);
  browser = await launchChromium();
  server = await serveStatic((pathname) => {
    const file = join(dist, pathname === '/' ? 'index.html' : normalize(pathname));
    if (!file.startsWith(dist) || !existsSync(file)) return undefined;
    return { type: types[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
  });
  origin = server.origin;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Console warnings and errors of each page: msw reports a worker script of another version there. */
const consoleProblems = new Map<Page, string[]>();

async function open(query: string): Promise<Page> {
  const page = await browser.newPage();
  const problems: string[] = [];
  consoleProblems.set(page, problems);
  page.on('console', (message) => {
    // (the browser's own request for /favicon.ico gets a 404 from the static server)
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (message.type() === 'warning' || message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${origin}/?${query}`);
  await page.waitForSelector('button:not([disabled])');
  return page;
}

async function submit(page: Page, values: { AccountId: string; UserId: string; LicenseType: string }) {
  await page.fill('#AccountId', values.AccountId);
  await page.fill('#UserId', values.UserId);
  await page.selectOption('#LicenseType', values.LicenseType);
  await page.click('button');
}

describe(`admin-web in Chromium, on msw ${mswVersion}`, () => {
  it('runs the msw the app installed: its worker script, matching the bundled library', async () => {
    const page = await open('mock');
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const url = registration.active?.scriptURL ?? '';
      return { url, script: await (await fetch(url)).text() };
    });
    expect(new URL(worker.url).pathname).toBe('/mockServiceWorker.js');
    expect(worker.script).toContain(`const PACKAGE_VERSION = '${mswVersion}'`);
    await submit(page, { AccountId: 'acc-1', UserId: 'u-1', LicenseType: 'Plus' });
    await expect.poll(() => page.textContent('#result')).toBe('Licence updated: u-1 is now Plus');
    // msw warns here when the worker script comes from another msw version than the library
    expect(consoleProblems.get(page)).toEqual([]);
  }, 30_000);

  it('updates a licence and shows the result', async () => {
    const page = await open('mock');
    await submit(page, { AccountId: 'acc-1', UserId: 'u-42', LicenseType: 'Pro' });
    await expect.poll(() => page.textContent('#result')).toBe('Licence updated: u-42 is now Pro');
    expect(await page.textContent('#errors')).toBe('');
    await page.screenshot({ path: join(import.meta.dirname, '../dist/updated.png') });
  }, 30_000);

  it('shows what is wrong with the form before sending', async () => {
    const page = await open('mock');
    await submit(page, { AccountId: 'acc-1', UserId: '   ', LicenseType: 'Enterprise' });
    await expect
      .poll(() => page.textContent('#errors'))
      .toContain('LicenseType: must be one of "Basic", "Plus", "Pro", "ProTrial"; found "Enterprise"');
    // a blank id is named as blank, before its pattern is tried
    expect(await page.textContent('#errors')).toContain('UserId: must not be blank');
    expect(await page.textContent('#result')).toBe('');
  }, 30_000);

  it('shows the service error by name', async () => {
    const page = await open('mock&scenario=throttled');
    await submit(page, { AccountId: 'acc-1', UserId: 'u-42', LicenseType: 'Basic' });
    await expect.poll(() => page.textContent('#errors')).toBe('ThrottledClientException: Rate exceeded.');
  }, 30_000);
});
