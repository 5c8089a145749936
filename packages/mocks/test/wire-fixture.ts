/**
 * Mocks generated from the shared wire fixture
 * (packages/codegen/test/fixtures/wire/openapi.yaml), as a user of another
 * spec gets them: codegen writes the client, validation and mocks targets
 * into test/.tmp/<name>/ (git-ignored), beside a copy of this package's
 * runtime; the copy's imports of the workspace packages point at the
 * fixture's generated operation table and validators instead.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const pkg = resolve(import.meta.dirname, '..');

export interface WireMocks {
  dir: string;
  /** The generated mocks module (index.ts of the copy). */
  mocks: typeof import('../src/index.js');
  server: typeof import('../src/server.js');
  validators: Record<string, { check(value: unknown): { ok: boolean; issues?: unknown[] } }>;
  remove(): void;
}

/** Generates the fixture's (or `spec`'s) targets into test/.tmp/`name` and imports its mocks. */
export async function wireMocks(
  name: string,
  spec = join(pkg, '../codegen/test/fixtures/wire/openapi.yaml'),
): Promise<WireMocks> {
  const outRoot = join(pkg, 'test/.tmp', name);
  rmSync(outRoot, { recursive: true, force: true });
  await run('node', [join(pkg, '../codegen/bin/codegen.mjs'), 'generate', '--targets', 'client,validation,mocks'], {
    cwd: pkg,
    env: {
      ...process.env,
      CHIME_SPEC: spec,
      CHIME_OUT_DIR: outRoot,
    },
    timeout: 120_000,
  });
  const copyRuntime = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const file of readdirSync(from)) {
      if (file.endsWith('.ts') && !file.endsWith('.gen.ts')) cpSync(join(from, file), join(to, file));
    }
  };
  copyRuntime(join(pkg, 'src'), join(outRoot, 'mocks'));
  // the fixture's operation table imports the client runtime it references (paginate, the wire steps)
  copyRuntime(join(pkg, '../client/src'), join(outRoot, 'client'));
  copyRuntime(join(pkg, '../validation/src'), join(outRoot, 'validation'));
  // the generated handlers read the fixture's operation table and validators (type-only imports are erased)
  const handlers = join(outRoot, 'mocks/handlers.gen.ts');
  writeFileSync(
    handlers,
    readFileSync(handlers, 'utf8')
      .replace("from '@chime-api/client/core'", "from '../client/operations.gen.js'")
      .replace("from '@chime-api/validation'", "from '../validation/validators.gen.js'"),
  );
  // Ajv's standalone code requires its runtime helpers (string lengths): resolve them from the validation package
  const standalone = join(outRoot, 'validation/standalone.gen.ts');
  const ajv = dirname(createRequire(join(pkg, '../validation/package.json')).resolve('ajv/package.json'));
  writeFileSync(
    standalone,
    readFileSync(standalone, 'utf8').replaceAll('require("ajv/', `require(${JSON.stringify(`${ajv}/`)} + "`),
  );
  const mocks = await import(join(outRoot, 'mocks/index.ts'));
  const server = await import(join(outRoot, 'mocks/server.ts'));
  const { validators } = await import(join(outRoot, 'validation/validators.gen.ts'));
  return { dir: outRoot, mocks, server, validators, remove: () => rmSync(outRoot, { recursive: true, force: true }) };
}
