/**
 * The generator's own cache, in the git-ignored `packages/codegen/.cache/`:
 * entries named by a content hash of everything that decides them, so an
 * entry is either exactly right or never found. It only ever saves time:
 * `CHIME_NO_CACHE=1` (set by `pnpm check-generated`) turns it off, and every
 * step then runs for real.
 */
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './load.js';

export const cacheRoot = join(repoRoot, 'packages', 'codegen', '.cache');

/** Whether the cache is on (`CHIME_NO_CACHE` unset or `0`). */
export function cacheEnabled(): boolean {
  const off = process.env.CHIME_NO_CACHE;
  return !off || off === '0';
}

/** A sha256 of the given parts, in order. */
export function contentHash(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? `${part.length}:${part}` : part);
  return hash.digest('hex');
}

/** The entry `key` of cache `kind` (a folder under .cache/), or undefined. Synchronous: it is on the way to starting a JVM. */
export function cacheGet<T>(kind: string, key: string): T | undefined {
  if (!cacheEnabled()) return undefined;
  try {
    const file = join(cacheRoot, kind, `${key}.json`);
    const value = JSON.parse(readFileSync(file, 'utf8')) as T;
    // a hit counts as new: the entries kept are the most recently used
    const now = new Date();
    utimesSync(file, now, now);
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Stores `value` as entry `key` (written whole, then renamed, so a reader never
 * sees half of it) and keeps only the `keep` most recently used entries of `kind`.
 */
export async function cachePut(kind: string, key: string, value: unknown, keep = 64): Promise<void> {
  if (!cacheEnabled()) return;
  const dir = join(cacheRoot, kind);
  try {
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `${key}.${process.pid}.tmp`);
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, join(dir, `${key}.json`));
    const entries = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    if (entries.length <= keep) return;
    const dated = await Promise.all(
      entries.map(async (name) => ({ name, at: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })),
    );
    dated.sort((a, b) => b.at - a.at);
    await Promise.all(dated.slice(keep).map(({ name }) => rm(join(dir, name), { force: true })));
  } catch {
    // a cache that cannot be written costs time on the next run, nothing else
  }
}
