/**
 * OpenAPI 3.1 constructs a team may add, one fixture spec per group under
 * fixtures/constructs/<group>/ (openapi.yaml, a consumer type-checked with
 * tsc, and cases.ts: values the validators must accept and refuse, calls
 * the mocks must answer, and the spec:diff verdicts of adding and removing
 * each construct). Each group is generated once, every target (the SDK
 * included), into a temporary tree; then:
 * - the client, validation, mocks and query output compile together with
 *   their runtime and the consumer (whose `@ts-expect-error` lines are what
 *   the types must refuse); the SDK's output compiles on its own;
 * - the validators accept and refuse what the spec says;
 * - the mocks answer each call, through the generated client, with data
 *   that passes the output validator;
 * - `spec:diff` classifies the construct's addition and removal.
 * The constructs the generators cannot carry are refused at load time with
 * `file:line:col` naming them (fixtures/constructs/refused).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs, generate, loadSpec, repoRoot, SpecError } from '../src/index.js';
import type { ConstructCases } from './fixtures/constructs/cases.js';

const run = promisify(execFile);
const constructs = join(import.meta.dirname, 'fixtures/constructs');
const tsc = join(repoRoot, 'node_modules/.bin/tsc');
const scratch = join(repoRoot, 'packages/codegen/.tmp/constructs');
const PACKAGES = ['client', 'validation', 'mocks', 'query', 'sdk'] as const;
const groups = readdirSync(constructs).filter((g) => existsSync(join(constructs, g, 'cases.ts')));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  // only this file's folders: other test files use their own beside them
  for (const pkg of PACKAGES)
    for (const group of groups)
      rmSync(join(repoRoot, 'packages', pkg, '.tmp', group), { recursive: true, force: true });
});

/** tsc's complaints about a project, or '' when it compiles. */
const compile = (tsconfig: string) =>
  run(tsc, ['-p', tsconfig], { timeout: 180_000 }).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  );

/**
 * Each TypeScript target's output beside a copy of its package's runtime,
 * inside the package (so its node_modules resolve); the mocks import the
 * client and validation generated from the same spec.
 */
function install(group: string, out: string): Record<(typeof PACKAGES)[number], string> {
  const roots = {} as Record<(typeof PACKAGES)[number], string>;
  for (const pkg of PACKAGES) {
    const root = join(repoRoot, 'packages', pkg, '.tmp', group);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    if (pkg !== 'sdk') {
      for (const entry of readdirSync(join(repoRoot, 'packages', pkg, 'src')))
        if (!entry.endsWith('.gen.ts') && entry !== 'generated')
          cpSync(join(repoRoot, 'packages', pkg, 'src', entry), join(root, entry));
    }
    cpSync(join(out, pkg), pkg === 'sdk' ? join(root, 'src') : root, { recursive: true });
    roots[pkg] = root;
  }
  // the mocks' generated module, run by this test too, imports this spec's client and validators
  const handlers = join(roots.mocks, 'handlers.gen.ts');
  writeFileSync(
    handlers,
    readFileSync(handlers, 'utf8')
      .replace("from '@chime-api/client/core'", `from '../../../client/.tmp/${group}/core.js'`)
      .replace("from '@chime-api/validation'", `from '../../../validation/.tmp/${group}/index.js'`),
  );
  cpSync(join(constructs, group, 'consumer.ts'), join(roots.mocks, 'consumer.ts'));
  return roots;
}

function tsconfigs(group: string, roots: Record<(typeof PACKAGES)[number], string>) {
  const typescript = join(roots.mocks, 'tsconfig.json');
  writeFileSync(
    typescript,
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: {
        noEmit: true,
        paths: {
          '@chime-api/client/core': [`../../../client/.tmp/${group}/core.ts`],
          '@chime-api/client': [`../../../client/.tmp/${group}/index.ts`],
          '@chime-api/validation': [`../../../validation/.tmp/${group}/index.ts`],
          '@chime-api/validation/loaders': [`../../../validation/.tmp/${group}/loaders.gen.ts`],
          '@chime-api/query': [`../../../query/.tmp/${group}/index.ts`],
        },
      },
      include: [
        '.',
        `../../../client/.tmp/${group}`,
        `../../../validation/.tmp/${group}`,
        `../../../query/.tmp/${group}`,
      ],
    }),
  );
  const sdk = join(roots.sdk, 'tsconfig.json');
  writeFileSync(
    sdk,
    JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src'] }),
  );
  return { typescript, sdk };
}

/** The names a file uses that TypeScript reports deprecated (an editor strikes them through): its suggestion diagnostics. */
function deprecatedUses(tsconfig: string, file: string): string[] {
  const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfig));
  const service = ts.createLanguageService({
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dirname(tsconfig),
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const found = service
    .getSuggestionDiagnostics(file)
    .filter((d) => d.reportsDeprecated && d.start !== undefined)
    .map((d) => (d.file?.text.slice(d.start, (d.start as number) + (d.length ?? 0)) ?? '').replace(/^type /, ''));
  service.dispose();
  return found.sort();
}

describe.each(groups)('constructs: %s', (group) => {
  const spec = join(constructs, group, 'openapi.yaml');
  const out = join(scratch, group);
  let roots: Record<(typeof PACKAGES)[number], string>;
  let cases: ConstructCases;

  beforeAll(async () => {
    cases = (await import(join(constructs, group, 'cases.ts'))).cases as ConstructCases;
    rmSync(out, { recursive: true, force: true });
    await generate({ spec, outRoot: out });
    roots = install(group, out);
  }, 240_000);

  it('the client, validation, mocks and query output compile with the consumer; what the types must refuse is refused', async () => {
    const consumer = readFileSync(join(constructs, group, 'consumer.ts'), 'utf8');
    expect(consumer).toContain('@ts-expect-error');
    const { typescript } = tsconfigs(group, roots);
    expect(await compile(typescript)).toBe('');
    // what the spec marks deprecated, an editor strikes through where the consumer uses it
    expect(deprecatedUses(typescript, join(roots.mocks, 'consumer.ts'))).toEqual([...(cases.deprecated ?? [])].sort());
  }, 240_000);

  it('the SDK generates and compiles', async () => {
    const models = readdirSync(join(roots.sdk, 'src/generated/models'));
    for (const model of cases.sdkModels) expect(models).toContain(`${model}.ts`);
    expect(await compile(tsconfigs(group, roots).sdk)).toBe('');
  }, 240_000);

  it('the validators accept and refuse per the spec', async () => {
    const validation = await import(join(roots.validation, 'index.ts'));
    for (const [validator, samples] of Object.entries(cases.validators)) {
      const schema = validation[`${validator}Schema`];
      expect(schema, validator).toBeDefined();
      for (const value of samples.accept)
        expect(validation.validate(schema, value), `${validator} accepts ${JSON.stringify(value)}`).toMatchObject({
          ok: true,
        });
      for (const value of samples.refuse)
        expect(validation.validate(schema, value), `${validator} refuses ${JSON.stringify(value)}`).toMatchObject({
          ok: false,
        });
    }
  });

  it('the mocks answer every call through the client with data the output validator accepts', async () => {
    // msw is the mocks package's dependency, not codegen's
    const msw = createRequire(join(repoRoot, 'packages/mocks/package.json')).resolve('msw/node');
    const { setupServer } = (await import(msw)) as {
      setupServer: (...handlers: unknown[]) => { listen(options: object): void; close(): void };
    };
    const { createChimeMocks } = await import(join(roots.mocks, 'handlers.gen.ts'));
    const { createChimeClient } = await import(join(roots.client, 'core.ts'));
    const validation = await import(join(roots.validation, 'index.ts'));
    const server = setupServer(...createChimeMocks().handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const bodies: unknown[] = [];
      const urls: string[] = [];
      const client = createChimeClient({
        fetch: async (request: Request) => {
          urls.push(request.url);
          const response = await fetch(request);
          const text = await response.clone().text();
          bodies.push(text ? JSON.parse(text) : undefined);
          return response;
        },
      });
      for (const [name, input, check, url] of cases.calls) {
        bodies.length = 0;
        urls.length = 0;
        const output = await client[name](input);
        expect(bodies).toHaveLength(1);
        const validator = validation[`${name.charAt(0).toUpperCase()}${name.slice(1)}OutputSchema`];
        // an answer without a body (a 204) has nothing to validate
        if (bodies[0] !== undefined)
          expect(
            validation.validate(validator, bodies[0]),
            `${name} answers ${JSON.stringify(bodies[0])}`,
          ).toMatchObject({ ok: true });
        if (url) expect(urls[0]).toMatch(url);
        check?.(output);
      }
    } finally {
      server.close();
    }
  });

  it('spec:diff classifies adding and removing each construct', async () => {
    const text = readFileSync(spec, 'utf8');
    const withIt = await loadSpec(spec);
    for (const [i, { construct, from, to, added, removed }] of cases.diff.entries()) {
      expect(text, construct).toContain(from);
      const file = join(out, `without-${i}.yaml`);
      writeFileSync(file, text.replace(from, to));
      const without = await loadSpec(file, { root: out });
      expect(diffSpecs(without, withIt), `${construct} added`).toEqual(added);
      expect(diffSpecs(withIt, without), `${construct} removed`).toEqual(removed);
    }
  }, 120_000);
});

describe('constructs the generators cannot carry are refused at generate time', () => {
  it('each with file:line:col and the rule naming it; nothing is generated', async () => {
    const spec = join(constructs, 'refused/openapi.yaml');
    const error = await generate({ spec, outRoot: join(scratch, 'refused') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    const file = relative(process.cwd(), spec);
    const text = readFileSync(spec, 'utf8').split('\n');
    const lineOf = (marker: string) => text.findIndex((l) => l.includes(marker)) + 1;
    const problems = (error as SpecError).problems.map(
      (p) => `${p.file}:${p.line}:${p.column} [${p.rule}] ${p.message}`,
    );
    const expected: [string, string, RegExp][] = [
      ['# refused: two 2xx', 'chime/one-success-response', /documents 2 success responses \(200, 201\)/],
      ['# refused: text/plain', 'chime/media-type', /text\/plain/],
      ['# refused: binary', 'chime/media-type', /application\/octet-stream/],
      ['# refused: explode false', 'chime/parameter-style', /explode: false/],
      ['# refused: pipeDelimited', 'chime/parameter-style', /style: pipeDelimited/],
      ['# refused: oneOf body', 'chime/request-body-shape', /oneOf/],
      ['# refused: map body', 'chime/request-body-shape', /additionalProperties/],
    ];
    expect(problems).toHaveLength(expected.length);
    for (const [marker, rule, message] of expected) {
      const line = lineOf(marker);
      expect(line, marker).toBeGreaterThan(0);
      const found = problems.find(
        // the marker sits on the construct's line, or on its key when the value starts on the next
        (p) => new RegExp(`^${file}:(${line}|${line + 1}):\\d+ \\[${rule}\\]`).test(p),
      );
      expect(found, `${marker} → ${rule} at line ${line}: ${problems.join('\n')}`).toBeDefined();
      expect(found).toMatch(message);
    }
    expect(existsSync(join(scratch, 'refused'))).toBe(false);
  });
});
