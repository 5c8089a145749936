/**
 * The built page in Debian's Chromium (playwright-core, test-kit's launcher),
 * against @chime-api/mocks in a service worker: the same scenarios a person
 * meets, in a real browser.
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

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`No ${dist}/index.html: build the page first: pnpm --filter admin-react build`);
  browser = await launchChromium();
  server = await serveStatic((pathname) => {
    const file = join(dist, pathname === '/' ? 'index.html' : normalize(pathname));
    if (!file.startsWith(dist) || !existsSync(file)) return undefined;
    return { type: types[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const problems = new Map<Page, string[]>();

async function submit(query: string, values: { AccountId: string; UserId: string; LicenseType: string }) {
  const page = await browser.newPage();
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (error) => seen.push(error.message));
  await page.goto(`${server.origin}/?${query}`);
  await page.getByLabel('Account ID', { exact: true }).fill(values.AccountId);
  await page.getByLabel('User ID', { exact: true }).fill(values.UserId);
  await page.getByLabel('Licence', { exact: true }).selectOption(values.LicenseType);
  await page.getByRole('button', { name: 'Update licence' }).click();
  return page;
}

describe('admin-react in Chromium, the mocks in a service worker', () => {
  it('changes the licence and shows the returned user', async () => {
    const page = await submit('mock', { AccountId: 'acc-1', UserId: 'u-42', LicenseType: 'Pro' });
    await expect.poll(() => page.locator('output p').textContent()).toBe('Licence updated: u-42 is now Pro');
    expect(problems.get(page)).toEqual([]);
  }, 30_000);

  it('shows what is wrong with the form before sending', async () => {
    const page = await submit('mock', { AccountId: 'acc-1', UserId: '  ', LicenseType: 'Basic' });
    await expect.poll(() => page.locator('#UserId-error').textContent()).toContain('must not be blank');
    expect(await page.locator('output').count()).toBe(0);
  }, 30_000);

  it.each([
    ['notFound', /^No such user in this account \(/],
    ['badRequest', /^The service refused the change: /],
    ['throttled', /^Too many requests: wait a moment, then try again\.Try again$/],
  ])(
    '%s: the typed error in words',
    async (scenario, message) => {
      const page = await submit(`mock&scenario=${scenario}`, {
        AccountId: 'acc-1',
        UserId: 'u-1',
        LicenseType: 'Plus',
      });
      await expect
        .poll(() => page.getByRole('alert', { name: 'error' }).textContent(), { timeout: 20_000 })
        .toMatch(message);
    },
    30_000,
  );
});
