/**
 * The `pnpm dev` figure of the benchmark: a save of the spec → the new `dist/`
 * of every package the watcher rebuilds imports and shows the change. The
 * watcher runs in this process on a copy of specs/chime, writing each
 * target into a scratch copy of its package's src/ (inside the package, so
 * its imports resolve from the package's node_modules) and building it to a
 * scratch dist/. The benchmark polls every 10 ms until each dist's
 * JavaScript holds the word the save added (a new enum value and the
 * operation's summary), then a child process imports every dist entry and
 * checks the word again: it must pass. Both times are from the save; one
 * bare `node -e "import(dist)"` of the same entries is timed beside them.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { defaultBuilds, watch } from '../src/dev.js';
import { repoRoot, targets } from '../src/index.js';

const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// prints "ok" when every entry imports and every dist folder's JavaScript holds the word
const probe = `
const [word, ...dists] = process.argv.slice(1);
const { readdirSync, readFileSync } = await import('node:fs');
const { join } = await import('node:path');
for (const dist of dists) {
  await import(join(dist, 'index.js'));
  const js = readdirSync(dist).filter((f) => f.endsWith('.js'));
  if (!js.some((f) => readFileSync(join(dist, f), 'utf8').includes(word))) process.exit(0);
}
console.log('ok');
`;

async function probeOnce(word: string, dists: string[]): Promise<boolean> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe, word, ...dists]).catch(() => ({
    stdout: '',
  }));
  return stdout.trim() === 'ok';
}

/** Whether every dist folder's JavaScript holds the word (read in this process: cheap enough to poll). */
function shows(word: string, dists: string[]): boolean {
  return dists.every((dist) => {
    try {
      return readdirSync(dist).some((f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes(word));
    } catch {
      return false;
    }
  });
}

export interface WatchFigures {
  packages: string[];
  rounds: number;
  /**
   * Median milliseconds from a save to every dist's JavaScript holding it
   * (polled every 10 ms; an import probe started right then must pass).
   */
  saveToDist: number;
  /** Median milliseconds from a save to the end of that import probe. */
  saveToImported: number;
  /** Median milliseconds from a save to its declarations line. */
  declarations: number;
  /** One bare import of every dist entry, milliseconds (median of 5). */
  importOnce: number;
}

export async function watchBench(rounds = 5): Promise<WatchFigures> {
  const spec = join(mkdtempSync(join(tmpdir(), 'chime-dev-bench-')), 'chime');
  cpSync(join(repoRoot, 'specs/chime'), spec, { recursive: true });
  const specFile = join(spec, 'openapi.yaml');
  const original = readFileSync(specFile, 'utf8');
  const watched = targets.filter((t) => t.name !== 'sdk');
  const outRoot = join(repoRoot, 'packages/codegen/.tmp/bench-watch');
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  const scratches: string[] = [];
  const builds: string[] = [];
  const dists: string[] = [];
  /** The dists whose JavaScript shows the edit. */
  const carrying: string[] = [];
  const packages: string[] = [];
  for (const tsconfig of defaultBuilds(watched)) {
    const pkg = dirname(tsconfig);
    const name = pkg.slice(join(repoRoot, 'packages').length + 1);
    const scratch = join(pkg, '.tmp/bench-watch');
    rmSync(scratch, { recursive: true, force: true });
    cpSync(join(pkg, 'src'), join(scratch, 'src'), { recursive: true });
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist' },
        include: ['src'],
      }),
    );
    symlinkSync(join(scratch, 'src'), join(outRoot, name));
    scratches.push(scratch);
    builds.push(join(scratch, 'tsconfig.json'));
    // a package whose generated code does not carry the edited enum (the query package: operations and
    // types only, so the edit changes its declarations alone) has no new JavaScript to wait for
    const carries = readdirSync(join(pkg, 'src')).some(
      (f) => f.endsWith('.gen.ts') && readFileSync(join(pkg, 'src', f), 'utf8').includes('ProTrial'),
    );
    dists.push(join(scratch, 'dist'));
    if (carries) carrying.push(join(scratch, 'dist'));
    packages.push(name);
  }

  const lines: string[] = [];
  const waitFor = async (test: (line: string) => boolean, from: number) => {
    for (let waited = 0; !lines.slice(from).some(test); waited += 20) {
      if (waited > 120_000) throw new Error(`pnpm dev benchmark: timed out; the watcher printed:\n${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const save = (word: string) =>
    writeFileSync(
      specFile,
      original
        .replace('enum: [Basic, Plus, Pro, ProTrial]', `enum: [Basic, Plus, Pro, ProTrial, ${word}]`)
        .replace(
          'summary: Updates user details for a specified user ID.',
          `summary: Updates user details for a specified user ID (${word}).`,
        ),
    );

  const watcher = await watch({ spec: specFile, outRoot, targets: watched, builds, log: (line) => lines.push(line) });
  const toDist: number[] = [];
  const toImported: number[] = [];
  const toDeclarations: number[] = [];
  try {
    await waitFor((l) => l.includes('declarations'), 0);
    // round 0 warms up (the first save after start compiles the transpiler's code paths)
    for (let round = 0; round <= rounds; round++) {
      const word = `Bench${Date.now().toString(36)}${round}`;
      const from = lines.length;
      const saved = performance.now();
      save(word);
      while (!shows(word, carrying)) {
        if (performance.now() - saved > 120_000 || lines.slice(from).some((l) => l.includes('save not applied'))) {
          throw new Error(`pnpm dev benchmark: ${word} never showed in ${carrying.join(', ')}:\n${lines.join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const shown = performance.now() - saved;
      if (!(await probeOnce(word, carrying))) {
        throw new Error(`pnpm dev benchmark: a dist with ${word} does not import:\n${lines.join('\n')}`);
      }
      const imported = performance.now() - saved;
      await waitFor((l) => l.includes('declarations'), from);
      const declared = performance.now() - saved;
      if (round > 0) {
        toDist.push(shown);
        toImported.push(imported);
        toDeclarations.push(declared);
      }
    }
  } finally {
    watcher.close();
  }
  const imports: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run(process.execPath, [
      '--input-type=module',
      '-e',
      `for (const d of process.argv.slice(1)) await import(d + '/index.js')`,
      ...dists,
    ]);
    imports.push(performance.now() - start);
  }
  for (const lineOf of lines.slice(-4)) console.log(lineOf);
  rmSync(outRoot, { recursive: true, force: true });
  for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
  rmSync(dirname(spec), { recursive: true, force: true });
  return {
    packages,
    rounds,
    saveToDist: median(toDist),
    saveToImported: median(toImported),
    declarations: median(toDeclarations),
    importOnce: median(imports),
  };
}
