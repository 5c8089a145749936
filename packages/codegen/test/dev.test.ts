/**
 * `pnpm dev` (watch): a save regenerates and rebuilds, JavaScript first and
 * declarations after; a broken save (a spec that does not load, or one a
 * target refuses) prints the problem and keeps the last good output,
 * generated files and build output alike. Runs on a copy of a fixture spec,
 * writing to scratch folders.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { watch } from '../src/dev.js';
import { repoRoot, targets } from '../src/index.js';

const run = promisify(execFile);

// inside the validation package, so the runtime's imports resolve from its node_modules
const scratch = join(repoRoot, 'packages/validation/.tmp/dev');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function until(what: string, done: () => boolean, lines: string[]) {
  for (let waited = 0; !done(); waited += 100) {
    if (waited > 120_000) throw new Error(`timed out waiting for ${what}; the watcher printed:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A scratch folder `name` with a copy of the two-operations fixture and the validation package's runtime, built to dist/. */
function setUp(name: string) {
  const root = join(scratch, name);
  rmSync(root, { recursive: true, force: true });
  const spec = join(root, 'spec/openapi.yaml');
  const out = join(root, 'out');
  const validation = join(out, 'validation');
  mkdirSync(join(root, 'spec'), { recursive: true });
  const good = readFileSync(join(import.meta.dirname, 'fixtures/two-operations/openapi.yaml'), 'utf8');
  writeFileSync(spec, good);
  // the validation package's runtime beside its generated files, built to dist/ by the watcher
  mkdirSync(validation, { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'packages/validation/src'))) {
    if (!entry.endsWith('.gen.ts') && entry !== 'generated')
      cpSync(join(repoRoot, 'packages/validation/src', entry), join(validation, entry));
  }
  const tsconfig = join(root, 'tsconfig.build.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../../../../tsconfig.base.json',
      compilerOptions: { rootDir: 'out/validation', outDir: 'dist' },
      include: ['out/validation'],
    }),
  );
  return { spec, out, validation, good, tsconfig, dist: join(root, 'dist') };
}

/** The watcher on scratch folder `name` (see {@link setUp}), every TypeScript target, its lines collected. */
async function watching(name: string) {
  const setup = setUp(name);
  const lines: string[] = [];
  const watcher = await watch({
    spec: setup.spec,
    outRoot: setup.out,
    targets: targets.filter((t) => t.name !== 'sdk'),
    builds: [setup.tsconfig],
    log: (line) => lines.push(line),
  });
  return { ...setup, lines, watcher };
}

/** Every file under `dir` with its content. */
function contents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** What a fresh Node process gets from the built package: `validate(GetThingInput, input).ok`. */
async function acceptedByDist(dist: string, input: unknown): Promise<boolean> {
  const { stdout } = await run(process.execPath, [
    '--input-type=module',
    '-e',
    'const m = await import(process.argv[1]); console.log(JSON.stringify(m.validate(m.GetThingInput, JSON.parse(process.argv[2])).ok));',
    join(dist, 'index.js'),
    JSON.stringify(input),
  ]);
  return JSON.parse(stdout) as boolean;
}

it('a broken save keeps the last good output; the next good save regenerates and rebuilds', async () => {
  const { spec, validation, good, dist, lines, watcher } = await watching('broken-save');
  const built = join(dist, 'validators.gen.js');
  try {
    expect(lines[0]).toMatch(/^dev \S+: 10 files changed \(generate [\d.]+ s, .+\), rebuilt in [\d.]+ s$/);
    expect(readFileSync(built, 'utf8')).toContain('GetThingInput');
    const generated = readFileSync(join(validation, 'validators.gen.ts'), 'utf8');
    const js = readFileSync(built, 'utf8');

    writeFileSync(spec, good.replace('paths:\n', 'paths:\n  [broken\n'));
    await until('the broken save to be reported', () => lines.some((l) => l.includes('save not applied')), lines);
    const report = lines.find((l) => l.includes('save not applied')) as string;
    expect(report).toContain('the last good output stays');
    expect(report).toMatch(/spec\/openapi\.yaml:\d+:\d+ \[yaml-syntax\]/);
    expect(readFileSync(join(validation, 'validators.gen.ts'), 'utf8')).toBe(generated);
    expect(readFileSync(built, 'utf8')).toBe(js);

    const count = lines.length;
    writeFileSync(
      spec,
      good.replace(
        '    Thing:\n      type: object',
        '    Thing:\n      description: A thing, as saved.\n      type: object',
      ),
    );
    await until('the good save to be rebuilt', () => lines.slice(count).some((l) => /rebuilt/.test(l)), lines);
    expect(lines.slice(count).find((l) => /rebuilt/.test(l))).toMatch(/^dev \S+: \d+ files? changed/);
    expect(readFileSync(join(validation, 'validators.gen.ts'), 'utf8')).toContain('/** A thing, as saved.');
    expect(readFileSync(built, 'utf8')).toContain('A thing, as saved.');
    expect(existsSync(join(dist, 'runtime.js'))).toBe(true);
  } finally {
    watcher.close();
  }
}, 300_000);

it('a save is importable JavaScript in dist/ first, its declarations follow; a save a target refuses keeps both', async () => {
  const { spec, validation, good, dist, lines, watcher } = await watching('js-first');
  try {
    // watch() resolves once the JavaScript is built; the declarations come in their own line
    expect(await acceptedByDist(dist, { ThingId: 't1', Verbose: 'yes' })).toBe(true);
    await until('the first declarations', () => lines.some((l) => l.includes('declarations (')), lines);
    expect(lines.find((l) => l.includes('declarations ('))).toMatch(
      /^dev \S+: declarations \(\S+ [\d.]+ s\) [\d.]+ s after the save$/,
    );
    expect(readFileSync(join(dist, 'validators.gen.d.ts'), 'utf8')).toContain('GetThingInput');

    // a save widens an enum: a fresh Node importing dist/ accepts the new value as soon as the line is printed
    expect(await acceptedByDist(dist, { ThingId: 't1', Verbose: 'maybe' })).toBe(false);
    let count = lines.length;
    writeFileSync(spec, good.replace("enum: ['yes', 'no']", "enum: ['yes', 'no', 'maybe']"));
    await until('the save to be rebuilt', () => lines.slice(count).some((l) => /rebuilt/.test(l)), lines);
    expect(lines.slice(count).find((l) => /rebuilt/.test(l))).toMatch(
      /^dev \S+: \d+ files? changed \(generate [\d.]+ s, JavaScript \S+ [\d.]+ s\), rebuilt in [\d.]+ s$/,
    );
    expect(await acceptedByDist(dist, { ThingId: 't1', Verbose: 'maybe' })).toBe(true);
    await until('its declarations', () => lines.slice(count).some((l) => l.includes('declarations (')), lines);
    expect(readFileSync(join(dist, 'types.gen.d.ts'), 'utf8')).toMatch(/"maybe"/);

    // a save the validation target refuses (a format it has no check for): nothing is written, dist/ stays
    const generated = contents(validation);
    const built = contents(dist);
    count = lines.length;
    writeFileSync(
      spec,
      good
        .replace("enum: ['yes', 'no']", "enum: ['yes', 'no', 'maybe']")
        .replace(
          '        Name:\n          type: string',
          '        Name:\n          type: string\n          format: no-such-format',
        ),
    );
    await until('the refused save', () => lines.slice(count).some((l) => l.includes('save not applied')), lines);
    expect(lines.slice(count).find((l) => l.includes('save not applied'))).toContain('the validation target failed');
    expect(contents(validation)).toEqual(generated);
    expect(contents(dist)).toEqual(built);
    expect(await acceptedByDist(dist, { ThingId: 't1', Verbose: 'maybe' })).toBe(true);
  } finally {
    watcher.close();
  }
}, 300_000);
