/**
 * Names cross targets through one resolver (src/kit/names.ts), decided at
 * generate time:
 * - the `get-thing` fixture (an operationId that is not an identifier): its
 *   generated client, beside the validators generated with it, refuses an
 *   invalid enum with `validate: 'request'` before any request is sent (the
 *   client once looked its validators up under another name than the
 *   validation target gave them, and sent the request unchecked);
 * - a target sees the names of the targets it declares it uses, and those
 *   are its package's dependencies.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, loadSpec, repoRoot, targets } from '../src/index.js';
import { namesFor } from '../src/kit/names.js';
import { runtimeWithGenerated } from './runtime-copy.js';

const run = promisify(execFile);
const fixture = join(import.meta.dirname, 'fixtures/get-thing/openapi.yaml');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const out = join(repoRoot, 'packages/codegen/.tmp/names');

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  for (const pkg of ['client', 'validation'])
    rmSync(join(repoRoot, 'packages', pkg, '.tmp', 'names'), { recursive: true, force: true });
});

/** Calls get-thing through the generated client with `validate: 'request'`, counting what reaches fetch. */
const CALLS = `import { createChimeBaseClient } from './core.js';
import { getThing } from './operations.gen.js';

let sent = 0;
const client = createChimeBaseClient({
  endpoint: 'https://fixture.test',
  validate: 'request',
  fetch: async () => {
    sent += 1;
    return new Response('{"Items":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
  },
});
const outcome = async (input: Parameters<typeof getThing>[1]) => {
  const before = sent;
  const error = await getThing(client, input).then(() => undefined, (e: Error) => e);
  return { sent: sent - before, error: error && { name: error.name, message: error.message } };
};
console.log(JSON.stringify({
  invalid: await outcome({ ThingId: 't1', Verbose: 'maybe' as 'yes' }),
  valid: await outcome({ ThingId: 't1', Verbose: 'yes' }),
}));
`;

describe('names are resolved once, at generate time', () => {
  it("the get-thing client refuses an invalid enum with validate: 'request' before any request", async () => {
    rmSync(out, { recursive: true, force: true });
    const chosen = targets.filter((t) => t.name === 'client' || t.name === 'validation');
    await generate({ spec: fixture, outRoot: out, targets: chosen });
    const client = runtimeWithGenerated('client', 'names', join(out, 'client'));
    const validation = runtimeWithGenerated('validation', 'names', join(out, 'validation'));
    // the client's validate option imports @chime-api/validation/loaders: the one generated from the fixture
    const tsconfig = join(client, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: { paths: { '@chime-api/validation/loaders': [join(validation, 'loaders.gen.ts')] } },
      }),
    );
    writeFileSync(join(client, 'calls.ts'), CALLS);
    const { stdout } = await run(tsx, ['--tsconfig', tsconfig, join(client, 'calls.ts')], {
      cwd: client,
      timeout: 60_000,
    });
    const result = JSON.parse(stdout) as Record<string, { sent: number; error?: { name: string; message: string } }>;
    expect(result.invalid?.sent).toBe(0);
    expect(result.invalid?.error?.name).toBe('ChimeClientError');
    expect(result.invalid?.error?.message).toContain('GetThingInput');
    expect(result.invalid?.error?.message).toContain('/Verbose');
    // the same call with a valid value does reach fetch
    expect(result.valid).toEqual({ sent: 1 });
    // the loaders are keyed as the client's table carries the operation
    expect(readFileSync(join(validation, 'loaders.gen.ts'), 'utf8')).toContain("'get-thing': {");
    expect(readFileSync(join(client, 'operations.gen.ts'), 'utf8')).toContain("operationId: 'get-thing',");
  }, 120_000);

  it("a target reading another target's names without declaring it fails, naming the fix", async () => {
    const spec = await loadSpec(fixture);
    const op = spec.operations[0] as (typeof spec.operations)[number];
    const names = namesFor(spec.names, 'query', ['client']);
    expect(names.client.operation(op).method).toBe('getThing');
    expect(names.query.operation(op).queryOptions).toBe('getThingQueryOptions');
    expect(() => names.validation.operation(op)).toThrow(
      "the query target reads the validation target's names but does not declare it: add 'validation' to its `uses`",
    );
  });

  it('every target declares as `uses` only targets its package depends on', () => {
    for (const target of targets) {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', target.name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const deps = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
      for (const used of target.uses ?? [])
        expect(deps, `${target.name} uses ${used}`).toHaveProperty(`@chime-api/${used}`);
    }
  });
});
