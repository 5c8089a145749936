/**
 * msw is the app's: a peer dependency, so the app's copy is the only one that
 * loads (two copies broke handlers with `handler.dispose is not a function`).
 * The range admits msw 2 and msw 3, and the package tests one pinned version
 * of each (`msw`, and `msw3` = npm:msw@3 for vitest.msw3.config.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, Record<string, string>>;
const own = manifest(new URL('../package.json', import.meta.url));
const installed = (name: string) =>
  manifest(new URL(`../node_modules/${name}/package.json`, import.meta.url)).version as unknown as string;

/** The lower bounds of a `^a.b.c || ^d.e.f` range. */
const lowerBounds = (range: string) =>
  range.split('||').map((part) => {
    const match = /^\s*\^(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`msw peer range part ${JSON.stringify(part)} is not ^major.minor.patch`);
    return match.slice(1).map(Number) as [number, number, number];
  });

/** True when `version` is admitted by `^low`. */
const admits = (low: [number, number, number], version: string) => {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  return major === low[0] && minor * 1e6 + patch >= low[1] * 1e6 + low[2];
};

describe('package.json', () => {
  it('declares msw as a peer dependency only, never as a dependency', () => {
    expect(own.dependencies?.msw).toBeUndefined();
    expect(lowerBounds(own.peerDependencies?.msw as string).map(([major]) => major)).toEqual([2, 3]);
  });

  it('tests against a pinned msw 2 and a pinned msw 3 that the peer range admits', () => {
    const bounds = lowerBounds(own.peerDependencies?.msw as string);
    const msw2 = own.devDependencies?.msw as string;
    const msw3 = /^npm:msw@(\d+\.\d+\.\d+)$/.exec(own.devDependencies?.msw3 ?? '')?.[1];
    expect(msw2).toMatch(/^2\.\d+\.\d+$/);
    expect(msw3).toMatch(/^3\.\d+\.\d+$/);
    expect(installed('msw')).toBe(msw2);
    expect(installed('msw3')).toBe(msw3);
    expect(bounds.some((low) => admits(low, msw2))).toBe(true);
    expect(bounds.some((low) => admits(low, msw3 as string))).toBe(true);
  });
});
