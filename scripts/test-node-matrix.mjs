#!/usr/bin/env node
// The Node matrix: the workspace runs on Node 20 (`pnpm test`); this runs the
// suites that differ by runtime again on each line of scripts/node-matrix.json
// (Node 22 and 24: the packages' vitest suites, the msw 3 consumer, admin-web
// on msw 3, the packed consumer with msw 3), each with that line's pinned
// binary from the npm registry (node-linux-<arch>, under .tools/node<major>/)
// first on PATH, so what a suite spawns (node, npm, pnpm, tsc) runs on it too.
// Each suite writes `.vitest-results.node<major>[-name].json` in its directory;
// `node scripts/test-summary.mjs --matrix` counts them. Lint, typecheck and
// build do not depend on the runtime and run once, on Node 20.
// Run (after pnpm build): node scripts/test-node-matrix.mjs [22|24 ...]
//      node scripts/test-node-matrix.mjs --install   (installs the binaries only; setup.sh runs it)
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { loadLines, major, reportFile, root } from './node-matrix.mjs';

const lines = loadLines();

/** Where the pinned binary of `version` lives; installs it with npm when it is missing or another version. */
function nodeBinary(version) {
  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) {
    throw new Error(
      `node-matrix: the registry's node-linux-* binaries need Linux on x64 or arm64, not ${process.platform}/${process.arch}.`,
    );
  }
  const pkg = `node-linux-${process.arch}`;
  const prefix = join(root, '.tools', `node${major(version)}`);
  const bin = join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (existsSync(bin) && spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${version}`)
    return bin;
  console.log(`node-matrix: installing ${pkg}@${version} into ${relative(root, prefix)}/`);
  const npm = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, `${pkg}@${version}`],
    { stdio: 'inherit' },
  );
  if (npm.status !== 0 || !existsSync(bin)) {
    console.error(
      `node-matrix: npm could not install ${pkg}@${version}. Check that npm reaches the registry (npm ping), then rerun: bash scripts/setup.sh`,
    );
    process.exit(1);
  }
  return bin;
}

const args = process.argv.slice(2);
if (args.includes('--install')) {
  try {
    for (const line of lines) nodeBinary(line.node);
  } catch (error) {
    // setup still succeeds elsewhere: only the matrix needs these binaries
    console.log(`${error.message} Skipped: \`pnpm test:matrix\` cannot run on this machine.`);
  }
  process.exit(0);
}
const unknown = args.filter((a) => !lines.some((line) => major(line.node) === a));
if (unknown.length > 0) {
  console.error(
    `node-matrix: no line ${unknown.join(', ')} in scripts/node-matrix.json; the lines are ${lines.map((l) => major(l.node)).join(', ')}.`,
  );
  process.exit(2);
}

const ran = [];
for (const line of lines.filter((l) => args.length === 0 || args.includes(major(l.node)))) {
  const bin = nodeBinary(line.node);
  for (const suite of line.suites) {
    const report = reportFile(line, suite);
    const cwd = join(root, suite.dir);
    rmSync(join(cwd, report), { force: true });
    console.log(
      `\nnode-matrix: Node ${line.node} · ${suite.dir}${suite.config ? ` · ${suite.config}` : ''}${suite.env ? ` · ${new URLSearchParams(suite.env).toString().replace(/&/g, ' ')}` : ''}`,
    );
    const started = process.hrtime.bigint();
    const result = spawnSync(
      bin,
      [
        join('node_modules', 'vitest', 'vitest.mjs'),
        'run',
        ...(suite.config ? ['--config', suite.config] : []),
        ...(suite.exclude ?? []).flatMap((glob) => ['--exclude', glob]),
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      {
        cwd,
        stdio: 'inherit',
        env: { ...process.env, ...suite.env, PATH: `${dirname(bin)}${delimiter}${process.env.PATH}` },
      },
    );
    ran.push({
      line: line.node,
      dir: suite.name ? `${suite.dir} (${suite.name})` : suite.dir,
      ok: result.status === 0,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    });
  }
}

console.log('\nnode-matrix:');
for (const r of ran)
  console.log(`  Node ${r.line}  ${r.dir.padEnd(32)} ${r.ok ? 'passed' : 'FAILED'}  ${r.seconds.toFixed(1)} s`);
const total = ran.reduce((sum, r) => sum + r.seconds, 0);
console.log(`  ${ran.length} suites in ${total.toFixed(0)} s`);
process.exitCode = ran.every((r) => r.ok) ? 0 : 1;
