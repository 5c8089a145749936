// The Node matrix as data (scripts/node-matrix.json) and the name of each
// suite's report, shared by scripts/test-node-matrix.mjs (writes the reports)
// and scripts/test-summary.mjs --matrix (counts them).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

/**
 * The lines of `<dir>/scripts/node-matrix.json` (this repository's by default).
 * @returns {{ node: string, suites: { dir: string, name?: string, config?: string, env?: Record<string, string> }[] }[]}
 */
export const loadLines = (dir = root) => JSON.parse(readFileSync(join(dir, 'scripts/node-matrix.json'), 'utf8')).lines;

/** `22.23.5` → `22` */
export const major = (version) => version.split('.')[0];

/** The vitest JSON report of one suite on one line, relative to the suite's directory. */
export const reportFile = (line, suite) =>
  `.vitest-results.node${major(line.node)}${suite.name ? `-${suite.name}` : ''}.json`;
