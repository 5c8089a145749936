/**
 * msw is the app's: a peer dependency, so the app's copy is the only one that
 * loads (two copies broke handlers with `handler.dispose is not a function`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, Record<string, string>>;
const own = manifest(new URL('../package.json', import.meta.url));
const installed = manifest(new URL('../node_modules/msw/package.json', import.meta.url)).version as unknown as string;

describe('package.json', () => {
  it('declares msw as a peer dependency only, never as a dependency', () => {
    expect(own.dependencies?.msw).toBeUndefined();
    expect(own.peerDependencies?.msw).toMatch(/^\^2\.\d+\.\d+$/);
  });

  it('tests against a pinned msw that the peer range admits', () => {
    const pinned = own.devDependencies?.msw as string;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
    const [major, minor, patch] = pinned.split('.').map(Number) as [number, number, number];
    const [lowMajor, lowMinor, lowPatch] = String(own.peerDependencies?.msw).slice(1).split('.').map(Number) as [
      number,
      number,
      number,
    ];
    expect(major).toBe(lowMajor);
    expect(minor * 1e6 + patch).toBeGreaterThanOrEqual(lowMinor * 1e6 + lowPatch);
  });
});
