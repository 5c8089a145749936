/**
 * An SDK generated from a fixture spec, as a user of another spec gets it:
 * the SDK and client targets (the middleware reads the client's operation
 * table and exceptions) are generated into `test/.tmp/<name>/` beside copies
 * of both packages' hand-written runtime, with the SDK's imports of
 * `@chime-api/client` pointed at the copy.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const packages = resolve(import.meta.dirname, '../..');

/** Generates client and SDK from `spec` into `test/.tmp/<name>/{client,sdk}` and returns that root. */
export async function generateBeside(spec: string, name: string): Promise<string> {
  const root = join(packages, 'sdk/test/.tmp', name);
  rmSync(root, { recursive: true, force: true });
  for (const pkg of ['client', 'sdk']) {
    mkdirSync(join(root, pkg), { recursive: true });
    for (const file of readdirSync(join(packages, pkg, 'src'))) {
      if (!file.endsWith('.ts') || file.endsWith('.gen.ts')) continue;
      const source = readFileSync(join(packages, pkg, 'src', file), 'utf8');
      const local = source
        .replaceAll("'@chime-api/client/errors'", "'../client/errors.js'")
        .replaceAll("'@chime-api/client'", "'../client/index.js'");
      writeFileSync(join(root, pkg, file), local);
    }
  }
  // the client copy's own dependencies (openapi-fetch) resolve from the client package
  symlinkSync(join(packages, 'client/node_modules'), join(root, 'node_modules'), 'dir');
  await run('node', [join(packages, 'codegen/bin/codegen.mjs'), 'generate', '--targets', 'client,sdk'], {
    cwd: join(packages, 'sdk'),
    env: { ...process.env, CHIME_SPEC: spec, CHIME_OUT_DIR: root },
    timeout: 240_000,
  });
  return root;
}
