/**
 * What a spec change means for consumers, and the changeset it needs.
 *   pnpm spec:diff                          compare specs/ (as on disk) with the base
 *   pnpm spec:diff --base v1.2.0            compare with any git ref
 *   pnpm spec:diff --write-changeset        also write .changeset/spec-<base>.md
 *   pnpm spec:diff --check                  fail when a breaking change has no major changeset
 * The base, by default: the merge-base with the default branch (main) on any
 * other branch, or the last release tag (`@chime-api/<pkg>@<version>`, which
 * `changeset publish` creates) on main itself, whichever is more recent; HEAD
 * when there is neither. So the verdict survives committing the change.
 * Breaking (major): see diffSpecs in packages/codegen/src/diff.ts and the README's table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffSpecs, loadSpec, SpecError, uncoveredPackages } from '@chime-api/codegen';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    base: { type: 'string' },
    'write-changeset': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: 'pipe' }).trim();
const tryGit = (...args: string[]) => {
  try {
    return git(...args);
  } catch {
    return undefined;
  }
};

/** The default base (see the header) and why it was chosen. */
function defaultBase(): { ref: string; label: string } {
  const head = git('rev-parse', 'HEAD');
  const main = ['origin/main', 'main'].find((ref) => tryGit('rev-parse', '--verify', '--quiet', `${ref}^{commit}`));
  const forkPoint = main && tryGit('merge-base', 'HEAD', main);
  const tag = tryGit('describe', '--tags', '--abbrev=0', '--match', '@chime-api/*@*', 'HEAD');
  // On main itself the merge-base is HEAD, which says nothing: there the last release tag is the base.
  const branch = tryGit('symbolic-ref', '--short', '--quiet', 'HEAD');
  const onMain = branch ? branch === 'main' : forkPoint === head;
  const fork = forkPoint && !onMain ? { ref: forkPoint, label: `the merge-base with ${main}` } : undefined;
  const release = tag ? { ref: tag, label: `the last release tag ${tag}` } : undefined;
  if (fork && release) {
    // Whichever is more recent: a release made on this branch, or the point it left main.
    const tagged = git('rev-parse', `${release.ref}^{commit}`);
    const newer = tagged !== fork.ref && tryGit('merge-base', '--is-ancestor', fork.ref, tagged) !== undefined;
    return newer ? release : fork;
  }
  const why = main ? 'HEAD is on main' : 'there is no main branch';
  return fork ?? release ?? { ref: 'HEAD', label: `HEAD (${why} and there is no release tag yet)` };
}

const base = values.base ? { ref: values.base, label: values.base } : defaultBase();
const baseCommit = git('rev-parse', `${base.ref}^{commit}`);
const shortBase = git('rev-parse', '--short', baseCommit);
const atBase = (file: string) => tryGit('show', `${baseCommit}:${file}`);

/** The spec as it was at the base, laid out in a temporary folder. */
function specAtBase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chime-spec-'));
  for (const file of git('ls-tree', '-r', '--name-only', baseCommit, '--', 'specs/').split('\n').filter(Boolean)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), execFileSync('git', ['show', `${baseCommit}:${file}`], { cwd: root }));
  }
  return dir;
}

/** Public workspace packages that hold generated files: a spec change reaches each of them. */
function generatedPackages(): string[] {
  const names: string[] = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const src = join(root, 'packages', dir, 'src');
    const generated =
      existsSync(join(src, 'generated')) ||
      (existsSync(src) && readdirSync(src, { recursive: true }).some((f) => String(f).endsWith('.gen.ts')));
    if (!pkg.private && generated) names.push(pkg.name);
  }
  return names.sort();
}

const major = (version: string | undefined) => Number(version?.split('.')[0] ?? Number.NaN);

const old = specAtBase();
try {
  const changes = diffSpecs(
    await loadSpec(join(old, 'specs/chime/openapi.yaml')),
    await loadSpec(join(root, 'specs/chime/openapi.yaml')),
  );
  const bump = changes[0]?.level ?? 'patch';
  console.log(`spec-diff: comparing specs/ with ${base.label} (${shortBase}).`);
  if (changes.length === 0) console.log('spec-diff: no change to the contract.');
  for (const c of changes) console.log(`${c.level.padEnd(5)}  ${c.where}: ${c.message}`);
  const packages = generatedPackages();
  if (values['write-changeset'] && changes.length > 0) {
    const file = join(root, '.changeset', `spec-${shortBase}.md`);
    const lines = changes.map((c) => `- ${c.level === 'major' ? '**BREAKING** ' : ''}${c.where}: ${c.message}`);
    writeFileSync(
      file,
      `---\n${packages.map((p) => `"${p}": ${bump}`).join('\n')}\n---\n\n**spec**: ${bump === 'major' ? '**BREAKING** ' : ''}the spec changed\n\n${lines.join('\n')}\n`,
    );
    console.log(`spec-diff: wrote ${file.slice(root.length + 1)} (${bump})`);
  }
  if (values.check) {
    const dir = join(root, '.changeset');
    const newChangesets = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.md') && f !== 'README.md' && atBase(`.changeset/${f}`) === undefined)
        .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
    );
    const majorBumped = packages.filter((name) => {
      const path = `packages/${name.split('/')[1]}/package.json`;
      const then = atBase(path);
      const now = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined;
      return then && now && major(JSON.parse(now).version) > major(JSON.parse(then).version);
    });
    const missing = uncoveredPackages(changes, { packages, newChangesets, majorBumped });
    if (missing.length > 0) {
      console.error(
        `spec-diff: this spec change breaks consumers, and no changeset added since ${base.label} makes ${missing.join(', ')} major` +
          `${Object.keys(newChangesets).length ? ` (new changesets: ${Object.keys(newChangesets).join(', ')})` : ''}.` +
          ' Fix: pnpm spec:diff --write-changeset, then commit the changeset.',
      );
      process.exitCode = 1;
    } else {
      console.log('spec-diff: check passed.');
    }
  }
} catch (error) {
  console.error(error instanceof SpecError ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(old, { recursive: true, force: true });
}
