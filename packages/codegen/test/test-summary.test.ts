/**
 * scripts/test-summary.mjs, the closing line of the README's test command:
 * with --matrix it counts every runner's reports, Node 20's and each matrix
 * line's, and a report that is missing counts as a failure. Run in a
 * scratch repository laid out like this one.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, '../../../scripts/test-summary.mjs');
let repo: string;

const write = (path: string, value: unknown) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), JSON.stringify(value));
};
/** A vitest JSON report with these counts. */
const report = (passed: number, failed: number) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [{ status: failed ? 'failed' : 'passed', assertionResults: [{}] }],
});
/** Runs the summary in the scratch repository: its output, and whether it exited 0. */
const summary = (...args: string[]) =>
  run(process.execPath, [script, ...args], { cwd: repo }).then(
    ({ stdout }) => ({ stdout, ok: true }),
    (error: { stdout: string }) => ({ stdout: error.stdout, ok: false }),
  );

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'chime-summary-'));
  write('packages/client/package.json', { scripts: { test: 'vitest run' } });
  write('packages/client/.vitest-results.json', report(30, 0));
  write('examples/msw3-consumer/package.json', { scripts: {} });
  write('scripts/node-matrix.json', {
    lines: [
      {
        node: '22.23.5',
        suites: [
          { dir: 'packages/client' },
          { dir: 'packages/client', name: 'msw3' },
          { dir: 'examples/msw3-consumer' },
        ],
      },
      { node: '24.22.3', suites: [{ dir: 'packages/client' }] },
    ],
  });
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('test-summary', () => {
  it('without --matrix: the workspace reports only', async () => {
    expect(await summary()).toEqual({ stdout: '30 passed, 0 failed\n', ok: true });
  });

  it('--matrix: every runner counted, each line reported, in the closing line', async () => {
    write('packages/client/.vitest-results.node22.json', report(29, 1));
    write('packages/client/.vitest-results.node22-msw3.json', report(28, 0));
    write('examples/msw3-consumer/.vitest-results.node22.json', report(6, 0));
    write('packages/client/.vitest-results.node24.json', report(30, 0));
    const { stdout, ok } = await summary('--matrix');
    expect(stdout.trim().split('\n')).toEqual([
      `test-summary: Node ${process.versions.node.split('.')[0]} (pnpm test): 30 passed, 0 failed`,
      'test-summary: Node 22.23.5: 63 passed, 1 failed',
      'test-summary: Node 24.22.3: 30 passed, 0 failed',
      '123 passed, 1 failed',
    ]);
    expect(ok).toBe(false);
  });

  it('--matrix: a suite that wrote no report is a failure, named', async () => {
    write('packages/client/.vitest-results.node22.json', report(30, 0));
    write('examples/msw3-consumer/.vitest-results.node22.json', report(6, 0));
    write('packages/client/.vitest-results.node24.json', report(30, 0));
    const { stdout, ok } = await summary('--matrix');
    expect(stdout).toContain(
      'test-summary: no packages/client/.vitest-results.node22-msw3.json (those tests did not run); counted as 1 failed',
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('96 passed, 1 failed');
    expect(ok).toBe(false);
  });
});
