import { readFileSync } from 'node:fs';

/** The 1-based line of the first line holding `needle` in the file at `path` (0 when none does). */
export const lineOf = (path: string, needle: string): number =>
  readFileSync(path, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;
