/**
 * The built page in Debian's Chromium (playwright-core), against
 * @chime-api/mocks in a service worker: what an admin sees.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { launchChromium, serveStatic } from '@chime-api/test-kit/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../dist');
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build the page first: pnpm --filter admin-web build');
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

async function open(query: string): Promise<Page> {
  const page = await browser.newPage();
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

describe('admin-web in Chromium', () => {
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
    expect(await page.textContent('#errors')).toContain('UserId: must not be blank');
    expect(await page.textContent('#result')).toBe('');
  }, 30_000);

  it('shows the service error by name', async () => {
    const page = await open('mock&scenario=throttled');
    await submit(page, { AccountId: 'acc-1', UserId: 'u-42', LicenseType: 'Basic' });
    await expect.poll(() => page.textContent('#errors')).toBe('ThrottledClientException: Rate exceeded.');
  }, 30_000);
});
