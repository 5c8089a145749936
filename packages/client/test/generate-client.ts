/**
 * Generates a client from a fixture spec into test/.tmp/<name>/client, beside
 * a copy of the hand-written runtime, as a user of another spec would get it.
 * Under test/ (git-ignored .tmp) so the client's node_modules resolve; one
 * directory per test file, so no other file's clean-up reaches it.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const pkg = resolve(import.meta.dirname, '..');
export const fixtures = {
  edges: join(pkg, 'test/fixtures/edges/openapi.yaml'),
  wire: join(pkg, '../codegen/test/fixtures/wire/openapi.yaml'),
};

export interface GeneratedClient {
  /** test/.tmp/<name>: the client is in `client/`, the validators (when asked for) in `validation/`. */
  root: string;
  /** The generated client's directory (its `index.ts` is the package entry). */
  dir: string;
  remove(): void;
}

/**
 * With `validation`, the fixture's validators are generated too and the
 * client's `validate` option loads them instead of @chime-api/validation's
 * (which holds the product spec's only).
 */
export async function generateClient(
  name: string,
  spec: string,
  { validation = false } = {},
): Promise<GeneratedClient> {
  const root = join(pkg, 'test/.tmp', name);
  const dir = join(root, 'client');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(join(pkg, 'src'))) {
    if (!file.endsWith('.gen.ts')) cpSync(join(pkg, 'src', file), join(dir, file));
  }
  if (validation) {
    const validationSrc = join(pkg, '../validation/src');
    mkdirSync(join(root, 'validation'));
    // every hand-written module (a new one must not need a line here); the index is replaced below
    for (const file of readdirSync(validationSrc)) {
      if (file.endsWith('.ts') && !file.endsWith('.gen.ts') && file !== 'index.ts') {
        cpSync(join(validationSrc, file), join(root, 'validation', file));
      }
    }
    // the names the client's validate option uses, without the pattern compiler's parser dependency
    writeFileSync(
      join(root, 'validation/index.ts'),
      "export { validators } from './validators.gen.js';\nexport { validate } from './runtime.js';\n",
    );
    // every module of the copy that loads the validators (validate.ts, and core.ts's types) loads the fixture's
    for (const file of readdirSync(dir)) {
      const path = join(dir, file);
      const source = readFileSync(path, 'utf8');
      if (source.includes("'@chime-api/validation"))
        writeFileSync(
          path,
          source
            .replaceAll("'@chime-api/validation/loaders'", "'../validation/loaders.gen.js'")
            .replaceAll("'@chime-api/validation'", "'../validation/index.js'"),
        );
    }
  }
  await run(
    'node',
    [join(pkg, '../codegen/bin/codegen.mjs'), 'generate', '--targets', validation ? 'client,validation' : 'client'],
    { cwd: pkg, env: { ...process.env, CHIME_SPEC: spec, CHIME_OUT_DIR: root }, timeout: 120_000 },
  );
  return { root, dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
