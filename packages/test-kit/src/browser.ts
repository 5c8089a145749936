/**
 * What the browser tests share: Debian's Chromium (never a downloaded build),
 * launched by playwright-core with the flags this machine needs, and a static
 * server on 127.0.0.1. Imported by packages/mocks and examples/admin-web tests.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium, no sandbox (root), no background traffic to the closed network. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: apt-get update && apt-get install -y chromium, or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
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
}

export interface StaticFile {
  type: string;
  body: string | Uint8Array;
}

/** Serves `lookup(pathname)` on 127.0.0.1 (404 when it returns nothing) until `close()`. */
export async function serveStatic(lookup: (pathname: string) => StaticFile | undefined) {
  const server = createServer((req, res) => {
    const file = lookup(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'service-worker-allowed': '/' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
