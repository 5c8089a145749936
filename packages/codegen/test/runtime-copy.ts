import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/index.js';

/**
 * A package's hand-written runtime beside what a target generated for it
 * (`generated`, a target's output folder), in `packages/<pkg>/.tmp/<name>`:
 * inside the package, so its node_modules resolve. Returns that folder.
 */
export function runtimeWithGenerated(pkg: string, name: string, generated: string): string {
  const root = join(repoRoot, 'packages', pkg, '.tmp', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'packages', pkg, 'src'))) {
    if (!entry.endsWith('.gen.ts') && entry !== 'generated')
      cpSync(join(repoRoot, 'packages', pkg, 'src', entry), join(root, entry));
  }
  cpSync(generated, root, { recursive: true });
  return root;
}
