/**
 * A release you can watch land, then a build cache shared by two machines.
 *
 * One temporary copy of the repo (`repo`, a git repository on `main`) goes
 * through the README's "Releasing" and "Regenerating after a spec change"
 * steps, run as the README writes them, against a Verdaccio registry on
 * 127.0.0.1. Fresh npm and pnpm projects install the published packages, run
 * a call through the mocks, and upgrade after a spec change. Every turbo run
 * in `repo` also writes to a turborepo-remote-cache server on 127.0.0.1, so a
 * second fresh copy (`second`) built at the released commit proves that the
 * cache is shared, and that a spec edit misses exactly the tasks it reaches.
 * Both servers keep their storage in the temp dir and stop after the file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  copyRepo,
  install,
  linkGeneratorJar,
  ok,
  type Result,
  root,
  type Server,
  sh,
  startServer,
} from './workspace.js';

const work = mkdtempSync(join(tmpdir(), 'chime-release-'));
const repo = join(work, 'repo');
/** The workspace's packages by name (packages/* and examples/*), with whether each is private and builds. */
const workspace = ['packages', 'examples'].flatMap((folder) =>
  readdirSync(join(root, folder)).map((name) => {
    const manifest = JSON.parse(readFileSync(join(root, folder, name, 'package.json'), 'utf8')) as {
      name: string;
      private?: boolean;
      scripts?: Record<string, string>;
    };
    return { name: manifest.name, isPrivate: manifest.private === true, builds: Boolean(manifest.scripts?.build) };
  }),
);
/** What `pnpm release` publishes: every package not private (the lockstep group of .changeset/config.json). */
const PUBLIC = workspace
  .filter((p) => !p.isPrivate)
  .map((p) => p.name)
  .sort();
/** The public packages generated from the spec (spec:diff names these); @chime-api/wire is hand-written. */
const GENERATED = PUBLIC.filter((name) => name !== '@chime-api/wire');
const CONSUMED = ['@chime-api/client', '@chime-api/validation', '@chime-api/mocks', '@chime-api/wire'];
const CACHE_TOKEN = 'release-test-cache-token';
let registry: Server<{ url: string; token: string }>;
let cache: Server<{ url: string }>;
let env: NodeJS.ProcessEnv;

/** The ```sh block under a README heading, as the lines a user types. */
function readmeSteps(heading: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`README.md has no sh block under "## ${heading}"`);
  return block.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
}

/** What the registry holds for a package (404 → undefined). */
async function packument(
  name: string,
): Promise<{ versions: Record<string, { dependencies?: Record<string, string> }> } | undefined> {
  const response = await fetch(`${registry.info.url}${name.replace('/', '%2f')}`);
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  return response.json();
}

const versions = (dir: string) =>
  Object.fromEntries(
    PUBLIC.map((name) => [
      name,
      JSON.parse(readFileSync(join(dir, 'packages', name.split('/')[1] as string, 'package.json'), 'utf8')).version,
    ]),
  );

/** Edits a file of the copy in place, failing if the text to replace is not there. */
function edit(file: string, from: string, to: string) {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

/** A consumer program: one typed call through the mocks in Node, its input checked by the validators. */
function consumerProgram(licence: string) {
  return `import { createChimeClient, type UpdateUserInput } from '@chime-api/client';
import { handlers } from '@chime-api/mocks';
import { UpdateUserInput as InputSchema, validate } from '@chime-api/validation';
import { setupServer } from 'msw/node';

const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const input: UpdateUserInput = { AccountId: 'a1', UserId: 'u1', LicenseType: '${licence}' };
const chime = createChimeClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const { User } = await chime.updateUser(input);
server.close();
console.log(JSON.stringify({ licence: User?.LicenseType, valid: validate(InputSchema, input).ok }));
`;
}

/** A fresh project outside the workspace that uses the registry, installed with npm or pnpm. */
function consumer(tool: 'npm' | 'pnpm') {
  const dir = join(work, `consumer-${tool}`);
  const add = (version: string) =>
    tool === 'npm'
      ? `npm install --prefer-online --no-audit --no-fund --loglevel=error ${CONSUMED.map((p) => `${p}@${version}`).join(' ')} msw@2.15.0`
      : `pnpm add --reporter=append-only ${CONSUMED.map((p) => `${p}@${version}`).join(' ')} msw@2.15.0`;
  return {
    tool,
    dir,
    init() {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: `consumer-${tool}`, private: true, type: 'module' }),
      );
      writeFileSync(join(dir, '.npmrc'), `registry=${registry.info.url}\n`);
    },
    install: (version: string) => ok(add(version), dir, cleanEnv()),
    installed: (name: string) =>
      JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version as string,
    /** Type-checks (and emits) a call with this licence; runs it through the mocks when it compiles. */
    async call(licence: string): Promise<Result & { result?: unknown }> {
      writeFileSync(join(dir, 'main.ts'), consumerProgram(licence));
      const flags = '--strict --module NodeNext --moduleResolution NodeNext --target ES2022 --lib ES2022,DOM';
      const tsc = await sh(
        `${join(root, 'node_modules/.bin/tsc')} ${flags} --skipLibCheck --outDir dist main.ts`,
        dir,
        cleanEnv(),
      );
      if (tsc.code !== 0) return tsc;
      const out = await ok('node dist/main.js', dir, cleanEnv());
      return { ...tsc, result: JSON.parse(out) };
    },
  };
}
const consumers = [consumer('npm'), consumer('pnpm')];

beforeAll(async () => {
  const uplink = (await ok('npm config get registry', work, cleanEnv())).trim();
  [registry, cache] = await Promise.all([
    startServer<{ url: string; token: string }>('registry.mjs', [join(work, 'registry'), uplink]),
    startServer<{ url: string }>('cache-server.mjs', [join(work, 'turbo-cache'), CACHE_TOKEN]),
  ]);
  // Publishing authenticates with the registry's token; the user config stays outside the copy.
  const npmrc = join(work, 'publisher.npmrc');
  writeFileSync(npmrc, `//${registry.info.url.slice('http://'.length)}:_authToken=${registry.info.token}\n`);
  env = cleanEnv({
    npm_config_registry: registry.info.url,
    npm_config_userconfig: npmrc,
    TURBO_API: cache.info.url,
    TURBO_TOKEN: CACHE_TOKEN,
    TURBO_TEAM: 'chime',
  });
  await copyRepo(repo, env);
});

afterAll(async () => {
  await Promise.all([registry?.stop(), cache?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

describe('releasing through a registry', () => {
  const [changesetVersion, commitRelease, release] = readmeSteps('Releasing') as [string, string, string];

  it('`changeset version` bumps every public package in lockstep and writes their changelogs', async () => {
    const before = versions(repo);
    expect(new Set(Object.values(before))).toEqual(new Set(['0.0.0']));
    await ok(changesetVersion, repo, env);
    expect(versions(repo)).toEqual(Object.fromEntries(PUBLIC.map((p) => [p, '0.1.0'])));
    for (const name of PUBLIC) {
      const changelog = readFileSync(join(repo, 'packages', name.split('/')[1] as string, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`# ${name}\n\n## 0.1.0`);
      expect(changelog).toContain('**all**: first release');
    }
    await ok(commitRelease, repo, env);
  });

  it('`pnpm release` refuses to publish when check-generated drifts, and leaves the tree as it found it', async () => {
    const drifted = 'packages/sdk/src/generated/models/License.ts';
    const file = join(repo, drifted);
    const edited = `${readFileSync(file, 'utf8')}// edited by hand\n`;
    writeFileSync(file, edited);
    const refused = await sh(release, repo, env);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain('generated files differ from what `pnpm generate` writes');
    expect(refused.output).toContain(drifted);
    expect(refused.output).toContain('Fix: run `pnpm generate`');
    expect(await packument('@chime-api/client')).toBeUndefined();
    // Nothing regenerated is left behind, so a rerun gives the same answer and leaves the same tree.
    const tree = async () => [readFileSync(file, 'utf8') === edited, await ok('git status --porcelain', repo, env)];
    expect(await tree()).toEqual([true, ` M ${drifted}\n`]);
    const again = await sh('pnpm check-generated', repo, env);
    expect([again.code, again.output.includes(drifted)]).toEqual([1, true]);
    expect(await tree()).toEqual([true, ` M ${drifted}\n`]);
    await ok(`git checkout -- ${drifted}`, repo, env);
  });

  it('`pnpm release` publishes every public package, depending on each other at real versions, and tags them', async () => {
    await ok(release, repo, env);
    for (const name of PUBLIC) {
      const published = (await packument(name))?.versions['0.1.0'];
      expect(published, `${name}@0.1.0 in the registry`).toBeDefined();
      for (const [dep, range] of Object.entries(published?.dependencies ?? {})) {
        // The packed tarball used to ask for @chime-api/validation@0.0.0, which no registry has.
        if (dep.startsWith('@chime-api/')) expect(range, `${name} → ${dep}`).toBe('0.1.0');
      }
    }
    expect((await packument('@chime-api/client'))?.versions['0.1.0']?.dependencies).toHaveProperty(
      '@chime-api/validation',
      '0.1.0',
    );
    expect((await ok('git tag', repo, env)).split('\n').filter(Boolean).sort()).toEqual(
      PUBLIC.map((p) => `${p}@0.1.0`),
    );
  });

  it.each(consumers.map((c) => [c.tool, c] as const))(
    'a fresh %s project installs client, validation and mocks 0.1.0, type-checks a call and runs it through the mocks',
    async (_tool, project) => {
      project.init();
      await project.install('0.1.0');
      for (const name of CONSUMED) expect(project.installed(name)).toBe('0.1.0');
      expect((await project.call('Pro')).result).toEqual({ licence: 'Pro', valid: true });
      const unknown = await project.call('Enterprise');
      expect(unknown.code).not.toBe(0);
      expect(unknown.output).toContain('"Enterprise"');
    },
  );
});

describe('a spec change, from the README steps to the consumer', () => {
  it('runs the README steps on a branch: check-generated passes on the dirty tree, spec:diff keeps its verdict after the commit', async () => {
    await ok('git checkout -q -b spec/enterprise-licence', repo, env);
    edit(
      'specs/chime/openapi.yaml',
      'enum: [Basic, Plus, Pro, ProTrial]',
      'enum: [Basic, Plus, Pro, ProTrial, Enterprise]',
    );

    const steps = readmeSteps('Regenerating after a spec change');
    expect(steps).toEqual([
      'pnpm generate',
      'pnpm check-generated',
      'pnpm spec:diff --write-changeset',
      expect.stringMatching(/^git add -A && git commit/),
      'pnpm spec:diff --check',
    ]);
    const outputs: string[] = [];
    for (const step of steps) outputs.push(await ok(step, repo, env));
    expect(outputs[1]).toContain('check-generated: generated files match');
    expect(outputs[2]).toContain('the merge-base with main');
    expect(outputs[2]).toContain('major  UpdateUser 200 User.LicenseType: enum widened: "Enterprise" added');
    expect(outputs[2]).toContain('minor  UpdateUser input LicenseType: enum widened: "Enterprise" added');
    // After the commit the verdict is unchanged, and the committed major changeset satisfies --check.
    expect(outputs[4]).toContain('enum widened: "Enterprise" added');
    expect(outputs[4]).toContain('spec-diff: check passed.');
    expect(await ok('git status --porcelain', repo, env)).toBe('');
    const changeset = readdirSync(join(repo, '.changeset')).find((f) => f.startsWith('spec-'));
    expect(readFileSync(join(repo, '.changeset', changeset as string), 'utf8')).toContain('"@chime-api/client": major');
  });

  it('merged and released, it is a major version; the consumers upgrade and their type-check sees the new value', async () => {
    await ok(
      'git checkout -q main && git merge -q --no-ff -m "Merge spec/enterprise-licence" spec/enterprise-licence',
      repo,
      env,
    );
    const [changesetVersion, commitRelease, release] = readmeSteps('Releasing') as [string, string, string];
    await ok(changesetVersion, repo, env);
    expect(versions(repo)).toEqual(Object.fromEntries(PUBLIC.map((p) => [p, '1.0.0'])));
    expect(readFileSync(join(repo, 'packages/mocks/CHANGELOG.md'), 'utf8')).toContain('## 1.0.0\n\n### Major Changes');
    await ok(commitRelease, repo, env);
    await ok(release, repo, env);
    for (const name of PUBLIC)
      expect(Object.keys((await packument(name))?.versions ?? {}).sort()).toEqual(['0.1.0', '1.0.0']);
    for (const project of consumers) {
      await project.install('1.0.0');
      for (const name of CONSUMED) expect(project.installed(name)).toBe('1.0.0');
      const call = await project.call('Enterprise');
      expect(call.code, call.output).toBe(0);
      expect(call.result).toEqual({ licence: 'Enterprise', valid: true });
    }
  });

  it('a removed member needs a major changeset: `pnpm release` refuses a minor one, spec:diff writes the major', async () => {
    edit(
      'specs/chime/openapi.yaml',
      '        UserType:\n          $ref: "#/components/schemas/UserType"\n          description: The user type.\n',
      '',
    );
    writeFileSync(
      join(repo, '.changeset/hand-written.md'),
      `---\n${PUBLIC.map((p) => `"${p}": minor`).join('\n')}\n---\n\n**spec**: tidy the request\n`,
    );
    const refused = await sh('pnpm release', repo, env);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain('major  UpdateUser input UserType: member removed');
    expect(refused.output).toContain('the last release tag @chime-api/');
    expect(refused.output).toContain(`makes ${GENERATED.join(', ')} major`);
    expect(refused.output).toContain('Fix: pnpm spec:diff --write-changeset');
    expect(Object.keys((await packument('@chime-api/client'))?.versions ?? {})).not.toContain('1.1.0');

    await ok('pnpm spec:diff --write-changeset', repo, env);
    await ok('pnpm spec:diff --check', repo, env);
    await ok('pnpm changeset version', repo, env);
    expect(versions(repo)).toEqual(Object.fromEntries(PUBLIC.map((p) => [p, '2.0.0'])));
  });
});

describe('sharing the build cache', () => {
  const second = join(work, 'second');
  const summary = (dir: string, output: string) => {
    const file =
      /Saved summary to (\S+)/.exec(output)?.[1] ??
      readdirSync(join(dir, '.turbo/runs')).map((f) => join('.turbo/runs', f))[0];
    return JSON.parse(readFileSync(join(dir, file as string), 'utf8')) as {
      tasks: { taskId: string; cache: { status: string; source?: string } }[];
    };
  };

  it('a fresh clone with no local cache gets every build task from the remote cache (FULL TURBO)', async () => {
    // The same commit the first machine built and released, on a second machine.
    await ok(`git clone -q --branch @chime-api/client@1.0.0 ${repo} ${second}`, work, env);
    await linkGeneratorJar(second);
    await install(second, env);
    const out = await ok('pnpm exec turbo run build --summarize', second, env);
    expect(out).toContain('FULL TURBO');
    const { tasks } = summary(second, out);
    expect(tasks.map((t) => t.taskId)).toEqual(
      expect.arrayContaining([
        '@chime-api/codegen#generate',
        ...['client', 'mocks', 'sdk', 'validation', 'wire'].map((p) => `@chime-api/${p}#build`),
        'admin-web#build',
      ]),
    );
    expect(tasks.filter((t) => t.cache.status === 'HIT' && t.cache.source === 'REMOTE')).toHaveLength(tasks.length);
    console.log(`build cache: ${tasks.length} of ${tasks.length} tasks from the remote cache`);
  });

  it('a spec edit misses exactly the tasks downstream of the spec; the rest still hit', async () => {
    const spec = join(second, 'specs/chime/openapi.yaml');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        'enum: [PrivateUser, SharedDevice]',
        'enum: [PrivateUser, SharedDevice, Kiosk]',
      ),
    );
    const plan = JSON.parse(await ok('pnpm exec turbo run build --dry=json', second, env)) as {
      tasks: {
        taskId: string;
        command: string;
        inputs: Record<string, string>;
        dependents: string[];
        cache: { status: string };
      }[];
    };
    // Downstream of the spec: the tasks that read it, and every task that depends on one of them
    // (through turbo's placeholders for scripts a package lacks, which still carry their inputs' hash).
    const downstream = new Set(
      plan.tasks
        .filter((t) => Object.keys(t.inputs).some((f) => f.endsWith('specs/chime/openapi.yaml')))
        .map((t) => t.taskId),
    );
    for (let grew = true; grew; ) {
      grew = false;
      for (const task of plan.tasks) {
        for (const dependent of task.dependents) {
          if (downstream.has(task.taskId) && !downstream.has(dependent)) {
            downstream.add(dependent);
            grew = true;
          }
        }
      }
    }
    const real = plan.tasks.filter((t) => t.command !== '<NONEXISTENT>');
    const missed = real
      .filter((t) => t.cache.status !== 'HIT')
      .map((t) => t.taskId)
      .sort();
    const hits = real.filter((t) => t.cache.status === 'HIT').map((t) => t.taskId);
    expect(missed).toEqual(
      real
        .map((t) => t.taskId)
        .filter((id) => downstream.has(id))
        .sort(),
    );
    // each package that builds (the public ones and the examples), and the one generate task
    expect(missed).toEqual(
      workspace
        .filter((p) => p.builds && (!p.isPrivate || !p.name.startsWith('@chime-api/')))
        .map((p) => `${p.name}#build`)
        .concat('@chime-api/codegen#generate')
        .sort(),
    );
    expect(missed).toEqual(
      expect.arrayContaining(['@chime-api/query#build', '@chime-api/wire#build', 'admin-react#build']),
    );
    // every build task lies downstream of the spec (codegen's one generate task feeds them all)
    expect(hits).toEqual([]);
    console.log(
      `build cache after a spec edit: ${missed.length} missed (${missed.join(', ')}), ${hits.length} hit (${hits.join(', ')})`,
    );
  });
});
