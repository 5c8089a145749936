/**
 * `pnpm dev` (watch): a save regenerates and rebuilds; a broken save prints
 * the problem and keeps the last good output, generated files and build
 * output alike. Runs on a copy of a fixture spec, writing to scratch folders.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { watch } from '../src/dev.js';
import { repoRoot, targets } from '../src/index.js';

// inside the validation package, so the runtime's imports resolve from its node_modules
const scratch = join(repoRoot, 'packages/validation/.tmp/dev');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function until(what: string, done: () => boolean, lines: string[]) {
  for (let waited = 0; !done(); waited += 100) {
    if (waited > 120_000) throw new Error(`timed out waiting for ${what}; the watcher printed:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('a broken save keeps the last good output; the next good save regenerates and rebuilds', async () => {
  rmSync(scratch, { recursive: true, force: true });
  const spec = join(scratch, 'spec/openapi.yaml');
  const out = join(scratch, 'out');
  const validation = join(out, 'validation');
  mkdirSync(join(scratch, 'spec'), { recursive: true });
  const good = readFileSync(join(import.meta.dirname, 'fixtures/two-operations/openapi.yaml'), 'utf8');
  writeFileSync(spec, good);
  // the validation package's runtime beside its generated files, built to dist/ by the watcher
  mkdirSync(validation, { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'packages/validation/src'))) {
    if (!entry.endsWith('.gen.ts') && entry !== 'generated')
      cpSync(join(repoRoot, 'packages/validation/src', entry), join(validation, entry));
  }
  const tsconfig = join(scratch, 'tsconfig.build.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { rootDir: 'out/validation', outDir: 'dist' },
      include: ['out/validation'],
    }),
  );
  const built = join(scratch, 'dist/validators.gen.js');

  const lines: string[] = [];
  const watcher = await watch({
    spec,
    outRoot: out,
    targets: targets.filter((t) => t.name !== 'sdk'),
    builds: [tsconfig],
    log: (line) => lines.push(line),
  });
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
    expect(existsSync(join(scratch, 'dist/runtime.js'))).toBe(true);
  } finally {
    watcher.close();
  }
}, 300_000);
