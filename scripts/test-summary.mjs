#!/usr/bin/env node
// Sums every package's vitest JSON report (.vitest-results.json, written by
// each package's `test` script) into one closing line: `N passed, N failed`.
// Run: node scripts/test-summary.mjs (pnpm test runs it after the tests).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const group of ['packages', 'examples']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group).sort()) {
    const pkg = join(group, name, 'package.json');
    if (!existsSync(pkg) || !JSON.parse(readFileSync(pkg, 'utf8')).scripts?.test) continue;
    const report = join(group, name, '.vitest-results.json');
    if (!existsSync(report)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    // a suite that failed to load counts as one failure, so it cannot pass silently
    failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  }
}
for (const where of missing)
  console.log(`test-summary: ${where} wrote no report (its tests did not run); counted as 1 failed`);
failed += missing.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
