/**
 * The packages as users get them: `pnpm pack` each public package (the
 * `files` whitelist, the exports map, workspace versions rewritten), install
 * the tarballs with npm into a project outside the workspace, beside the msw
 * the app chose, then run an ESM program and type-check a TypeScript one
 * against them. The app's msw is the oldest the mocks' peer range admits on
 * its line: msw 2 by default, msw 3 with `CONSUMER_MSW=3` (Node 22.12+; the
 * Node matrix runs it on Node 22).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const packages = ['wire', 'validation', 'client', 'sdk', 'mocks'];
const mswLine = process.env.CONSUMER_MSW ?? '2';
if (mswLine !== '2' && mswLine !== '3') throw new Error(`CONSUMER_MSW=${mswLine}: use 2 or 3.`);
// `^2.10.0 || ^3.0.0` → '2.10.0' for line 2, '3.0.0' for line 3
const peerRange = (
  JSON.parse(readFileSync(join(root, 'packages/mocks/package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
  }
).peerDependencies.msw as string;
const msw = peerRange
  .split('||')
  .map((part) => part.trim().replace(/^\^/, ''))
  .find((low) => low.startsWith(`${mswLine}.`));
if (!msw) throw new Error(`The msw peer range of @chime-api/mocks (${peerRange}) has no msw ${mswLine} line.`);
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
      // the app's own msw, the oldest its line of the peer range admits: the mocks must use this copy
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

describe(`the packed packages in a fresh npm project, with msw ${msw} on Node ${process.versions.node}`, () => {
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

  it("one msw: the mocks use the app's copy (a peer dependency), never a second one", async () => {
    const { stdout } = await run('npm', ['ls', 'msw', '--all', '--parseable'], { cwd: project });
    const copies = new Set(
      stdout
        .trim()
        .split('\n')
        .filter((line) => line.endsWith(`${join('node_modules', 'msw')}`)),
    );
    expect([...copies]).toEqual([join(project, 'node_modules', 'msw')]);
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
