/**
 * The packages as users get them: `pnpm pack` each public package (the
 * `files` whitelist, the exports map, workspace versions rewritten), install
 * the tarballs with npm into a project outside the workspace, beside the msw
 * the app chose, then run an ESM program and type-check a TypeScript one
 * against them. `CONSUMER_MSW=3` installs msw 3 (Node ≥ 22.12, what
 * `npm i -D msw` gives today); the default is msw 2. The versions are the
 * ones the workspace tests: packages/mocks' devDependency and
 * examples/msw3-consumer's dependency.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const packages = ['validation', 'client', 'sdk', 'mocks'];
const mswLine = process.env.CONSUMER_MSW ?? '2';
if (mswLine !== '2' && mswLine !== '3') throw new Error(`CONSUMER_MSW=${mswLine}: use 2 or 3.`);
const workspaceMsw = (manifest: string, field: 'dependencies' | 'devDependencies') =>
  (JSON.parse(readFileSync(join(root, manifest, 'package.json'), 'utf8')) as Record<string, Record<string, string>>)[
    field
  ]?.msw;
const msw =
  mswLine === '3'
    ? workspaceMsw('examples/msw3-consumer', 'dependencies')
    : workspaceMsw('packages/mocks', 'devDependencies');
let project: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'chime-consumer-'));
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  for (const name of packages) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', name) });
  }
  const files = readdirSync(tarballs);
  const dependency = (name: string) => `file:./tarballs/${files.find((f) => f.startsWith(`chime-api-${name}-`))}`;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: {
        ...Object.fromEntries(packages.map((name) => [`@chime-api/${name}`, dependency(name)])),
        msw,
      },
      // npm resolves the tarballs' own @chime-api dependencies to these same tarballs
      overrides: Object.fromEntries(packages.map((name) => [`@chime-api/${name}`, dependency(name)])),
    }),
  );
  // --engine-strict: every package's `engines` must admit the Node this runs on
  await run('npm', ['install', '--engine-strict', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    timeout: 200_000,
  });
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** The version of every copy of msw in a node_modules tree, nested ones included. */
function mswCopies(modules: string, found: string[] = []): string[] {
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(modules, entry.name);
    if (entry.name.startsWith('@')) mswCopies(path, found); // a scope holds packages too
    if (entry.name === 'msw')
      found.push((JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { version: string }).version);
    if (existsSync(join(path, 'node_modules'))) mswCopies(join(path, 'node_modules'), found);
  }
  return found;
}

describe(`the packed packages in a fresh npm project, with msw ${msw} on Node ${process.versions.node}`, () => {
  it('installs one msw, the app’s: the mocks take it as a peer', () => {
    expect(mswCopies(join(project, 'node_modules'))).toEqual([msw]);
  });

  it('run: client, validation and mocks together, plus the SDK', async () => {
    writeFileSync(
      join(project, 'main.mjs'),
      `import { createChimeClient, NotFoundException } from '@chime-api/client';
import { createChimeClient as createCore } from '@chime-api/client/core';
import { withRetry } from '@chime-api/client/retry';
import { withSigV4 } from '@chime-api/client/sigv4';
import { UpdateUserInput, validate } from '@chime-api/validation';
import { chimeMocks, handlers } from '@chime-api/mocks';
import { createChimeSdk } from '@chime-api/sdk';
import { setupServer } from 'msw/node';

const server = setupServer(...handlers);
server.listen({ ${mswLine === '3' ? 'onUnhandledFrame' : 'onUnhandledRequest'}: 'error' }); // msw 3 renamed the option
const chime = createChimeClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
server.use(chimeMocks.updateUser.error('NotFoundException'));
const missing = await chime.updateUser({ AccountId: 'a1', UserId: 'nope' }).catch((e) => e);
server.resetHandlers(); // msw 3 disposes of the handler the reset removes
const core = createCore({ middleware: [withRetry(), withSigV4({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })] });
const viaCore = await core.updateUser({ AccountId: 'a1', UserId: 'u2' });
const sdk = await createChimeSdk().users.updateUser({ accountId: 'a1', userId: 'u3', UpdateUserRequestBody: { LicenseType: 'Basic' } });
server.close();
console.log(JSON.stringify({
  user: [User.UserId, User.LicenseType, User.RegisteredOn instanceof Date],
  missing: missing instanceof NotFoundException,
  core: viaCore.User.UserId,
  sdk: [sdk.User.UserId, sdk.User.LicenseType],
  invalid: validate(UpdateUserInput, { AccountId: 'a1' }).ok,
}));
`,
    );
    const { stdout, stderr } = await run('node', ['main.mjs'], { cwd: project });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      user: ['u1', 'Pro', true],
      missing: true,
      core: 'u2',
      sdk: ['u3', 'Basic'],
      invalid: false,
    });
  });

  it('type-check: the declarations resolve for a strict TypeScript user', async () => {
    writeFileSync(
      join(project, 'main.ts'),
      `import { createChimeClient, type UpdateUserInput } from '@chime-api/client';
import { User, validate } from '@chime-api/validation';
import { chimeMocks, handlers } from '@chime-api/mocks';
import { UsersApi } from '@chime-api/sdk';
import { setupServer } from 'msw/node';

const input: UpdateUserInput = { AccountId: 'a', UserId: 'u', LicenseType: 'Plus' };
const chime = createChimeClient();
export const date: Promise<Date | undefined> = chime.updateUser(input).then((o) => o.User?.RegisteredOn);
const result = validate(User, {});
export const id: string | undefined = result.ok ? result.value.UserId : undefined;
export const handler = chimeMocks.updateUser.reply({ User: { UserId: 'u' } });
// the mocks' handlers are the app's msw's handlers
export const server = setupServer(...handlers, handler, chimeMocks.updateUser.error('NotFoundException'));
export const api = UsersApi;
// @ts-expect-error: not a licence
export const wrong: UpdateUserInput = { AccountId: 'a', UserId: 'u', LicenseType: 'Gold' };
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2022', 'DOM'],
          types: [],
        },
        files: ['main.ts'],
      }),
    );
    await run(join(root, 'node_modules/.bin/tsc'), ['-p', project]).catch((error: { stdout: string }) => {
      throw new Error(`tsc failed on the packed declarations:\n${error.stdout}`);
    });
  });
});
