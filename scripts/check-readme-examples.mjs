#!/usr/bin/env node
// Type-checks every ```ts block of packages/*/README.md against the built
// packages, as a user's code would import them. Run after `pnpm build`:
//   node scripts/check-readme-examples.mjs
// On failure it prints tsc's errors with the README each block came from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
let failed = false;
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const readme = join(root, 'packages', name, 'README.md');
  if (!existsSync(readme)) continue;
  const blocks = [...readFileSync(readme, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (blocks.length === 0) continue;
  // inside the package, so its own dependencies resolve as a consumer's would
  const dir = join(root, 'packages', name, '.tmp', 'readme');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [i, code] of blocks.entries()) writeFileSync(join(dir, `example-${i + 1}.ts`), `${code}\nexport {};\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' },
      include: ['*.ts'],
    }),
  );
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { stdio: 'pipe' });
    console.log(`check-readme-examples: packages/${name}/README.md: ${blocks.length} example(s) compile`);
  } catch (error) {
    failed = true;
    console.error(`check-readme-examples: packages/${name}/README.md has examples that do not compile:`);
    console.error(String(error.stdout || error.message));
  }
  rmSync(join(root, 'packages', name, '.tmp'), { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
