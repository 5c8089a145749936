/**
 * What a spec change means for consumers, and the changeset it needs.
 *   pnpm spec:diff                          compare specs/ with HEAD
 *   pnpm spec:diff --base v1.2.0            compare with any git ref
 *   pnpm spec:diff --write-changeset        also write .changeset/spec-<ref>.md
 *   pnpm spec:diff --check                  fail when a breaking change has no major changeset
 * Breaking (major): a removed operation or member, a new required member, a
 * narrowed input enum, a changed type, pattern or status. Additions are minor.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffSpecs, loadSpec, SpecError } from '@chime-api/codegen';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    base: { type: 'string', default: 'HEAD' },
    'write-changeset': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

/** The spec as it was at `ref`, laid out in a temporary folder. */
function specAt(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chime-spec-'));
  for (const file of git('ls-tree', '-r', '--name-only', ref, '--', 'specs/').split('\n').filter(Boolean)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), git('show', `${ref}:${file}`));
  }
  return dir;
}

const old = specAt(values.base as string);
try {
  const changes = diffSpecs(
    await loadSpec(join(old, 'specs/chime/openapi.yaml')),
    await loadSpec(join(root, 'specs/chime/openapi.yaml')),
  );
  const bump = changes[0]?.level ?? 'patch';
  if (changes.length === 0) console.log(`spec-diff: no change to the contract since ${values.base}.`);
  for (const c of changes) console.log(`${c.level.padEnd(5)}  ${c.where}: ${c.message}`);
  const fixed: string[] = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')).fixed[0];
  if (values['write-changeset'] && changes.length > 0) {
    const file = join(root, '.changeset', `spec-${git('rev-parse', '--short', values.base as string).trim()}.md`);
    const lines = changes.map((c) => `- ${c.level === 'major' ? '**BREAKING** ' : ''}${c.where}: ${c.message}`);
    writeFileSync(
      file,
      `---\n${fixed.map((p) => `"${p}": ${bump}`).join('\n')}\n---\n\n**spec**: ${bump === 'major' ? '**BREAKING** ' : ''}the UpdateUser spec changed\n\n${lines.join('\n')}\n`,
    );
    console.log(`spec-diff: wrote ${file.slice(root.length + 1)} (${bump})`);
  }
  if (values.check && bump === 'major') {
    const majors = readdirSync(join(root, '.changeset'))
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .some((f) => /:\s*major\s*$/m.test(readFileSync(join(root, '.changeset', f), 'utf8')));
    if (!majors) {
      console.error(
        'spec-diff: this spec change breaks consumers and no changeset is major. Fix: pnpm spec:diff --write-changeset',
      );
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(error instanceof SpecError ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(old, { recursive: true, force: true });
}
