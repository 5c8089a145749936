/**
 * The packages as users get them: `pnpm pack` each public package (the
 * `files` whitelist, the exports map, workspace versions rewritten), install
 * the tarballs with npm into a project outside the workspace, then run an ESM
 * program and type-check a TypeScript one against them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const packages = ['validation', 'client', 'sdk', 'mocks'];
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
      // the app's own msw, older than the one the mocks are tested with: the mocks must use this copy
      dependencies: {
        ...Object.fromEntries(packages.map((name) => [`@chime-api/${name}`, dependency(name)])),
        msw: '2.10.0',
      },
      // npm resolves the tarballs' own @chime-api dependencies to these same tarballs
      overrides: Object.fromEntries(packages.map((name) => [`@chime-api/${name}`, dependency(name)])),
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, timeout: 200_000 });
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the packed packages in a fresh npm project', () => {
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
server.listen({ onUnhandledRequest: 'error' });
const chime = createChimeClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const { User } = await chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' });
server.use(chimeMocks.updateUser.error('NotFoundException', { once: true }));
const missing = await chime.updateUser({ AccountId: 'a1', UserId: 'nope' }).catch((e) => e);
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
    const { stdout } = await run('node', ['main.mjs'], { cwd: project });
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
import { chimeMocks } from '@chime-api/mocks';
import { UsersApi } from '@chime-api/sdk';

const input: UpdateUserInput = { AccountId: 'a', UserId: 'u', LicenseType: 'Plus' };
const chime = createChimeClient();
export const date: Promise<Date | undefined> = chime.updateUser(input).then((o) => o.User?.RegisteredOn);
const result = validate(User, {});
export const id: string | undefined = result.ok ? result.value.UserId : undefined;
export const handler = chimeMocks.updateUser.reply({ User: { UserId: 'u' } });
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
