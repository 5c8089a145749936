/**
 * A consumer's TypeScript file against a tree's built client, type-checked
 * with tsc as an app would (strict, bundler resolution): it calls UpdateUser
 * (in every tree) and must fail to compile where the types say it should.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@chime-api/codegen';
import type { Tree } from './tree.js';

const run = promisify(execFile);

const CONSUMER = `import { createChimeClient } from '../packages/client/dist/index.js';

const chime = createChimeClient({ region: 'us-east-1' });

export async function promote(accountId: string, userId: string): Promise<string | undefined> {
  const { User } = await chime.updateUser({ AccountId: accountId, UserId: userId, LicenseType: 'Pro' });
  const registered: Date | undefined = User?.RegisteredOn;
  return registered?.toISOString() ?? User?.UserId;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error: 'Gold' is not a license type
  await chime.updateUser({ AccountId: 'a', UserId: 'u', LicenseType: 'Gold' });
  // @ts-expect-error: UserId is required
  await chime.updateUser({ AccountId: 'a' });
}
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    noEmit: true,
    skipLibCheck: false,
    types: [],
    lib: ['es2022', 'dom'],
  },
  files: ['index.ts'],
};

/** Writes the consumer into the tree and type-checks it: the milliseconds tsc took, or its errors. */
export async function checkConsumer(tree: Tree): Promise<{ ok: boolean; output: string; ms: number }> {
  const dir = join(tree.root, 'consumer');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.ts'), CONSUMER);
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  const start = performance.now();
  try {
    const { stdout, stderr } = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir });
    return { ok: true, output: `${stdout}${stderr}`, ms: performance.now() - start };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}`, ms: performance.now() - start };
  }
}
