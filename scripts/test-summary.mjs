#!/usr/bin/env node
// Sums every package's vitest JSON report (.vitest-results.json, written by
// each package's `test` script) into one closing line: `N passed, N failed`.
// With --matrix it also counts the reports of every line of the Node matrix
// (.vitest-results.node<major>[-name].json, written by scripts/test-node-matrix.mjs
// for the suites scripts/node-matrix.json lists), and prints each runner's
// share before the closing line. A report that is missing counts as 1 failed.
// Run from the repository root: node scripts/test-summary.mjs [--matrix]
// (pnpm test runs it without)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const total = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
const runners = [];

/** Adds one vitest JSON report to `tally`, or records it as missing. */
function count(report, tally) {
  if (!existsSync(report)) {
    missing.push(report);
    tally.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  tally.passed += r.numPassedTests;
  tally.failed += r.numFailedTests;
  tally.skipped += r.numPendingTests + r.numTodoTests;
  // a suite that failed to load counts as one failure, so it cannot pass silently
  tally.failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
}

const workspace = { name: `Node ${process.versions.node.split('.')[0]} (pnpm test)`, passed: 0, failed: 0, skipped: 0 };
runners.push(workspace);
for (const group of ['packages', 'examples']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group).sort()) {
    const pkg = join(group, name, 'package.json');
    if (!existsSync(pkg) || !JSON.parse(readFileSync(pkg, 'utf8')).scripts?.test) continue;
    count(join(group, name, '.vitest-results.json'), workspace);
  }
}

if (process.argv.includes('--matrix')) {
  const { loadLines, reportFile } = await import('./node-matrix.mjs');
  for (const line of loadLines(process.cwd())) {
    const runner = { name: `Node ${line.node}`, passed: 0, failed: 0, skipped: 0 };
    runners.push(runner);
    for (const suite of line.suites) {
      count(join(suite.dir, reportFile(line, suite)), runner);
    }
  }
}

for (const where of missing) console.log(`test-summary: no ${where} (those tests did not run); counted as 1 failed`);
for (const runner of runners) {
  total.passed += runner.passed;
  total.failed += runner.failed;
  total.skipped += runner.skipped;
  if (runners.length > 1) console.log(`test-summary: ${runner.name}: ${runner.passed} passed, ${runner.failed} failed`);
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exitCode = total.failed > 0 ? 1 : 0;
