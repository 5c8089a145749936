/**
 * The runtime on a client generated from a small fixture spec
 * (fixtures/edges/openapi.yaml), as a user of another spec would get it:
 * a 204 whose output members come from headers and the status, and an
 * integer path member, checked by the type its schema declares.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = resolve(import.meta.dirname, '..');
// under test/ (git-ignored .tmp), so the client's node_modules resolve and no other test's clean-up reaches it;
// codegen writes the client target to $CHIME_OUT_DIR/client/
const outRoot = join(pkg, 'test/.tmp/edges');
const out = join(outRoot, 'client');
const server = setupServer();

interface EdgesClient {
  deleteThing(input: { ThingId: unknown }): Promise<Record<string, unknown> & { $metadata: Record<string, unknown> }>;
}
let createChimeClient: (options?: { retry?: false }) => EdgesClient;

beforeAll(async () => {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(join(pkg, 'src'))) {
    if (!file.endsWith('.gen.ts')) cpSync(join(pkg, 'src', file), join(out, file));
  }
  await run('node', [join(pkg, '../codegen/bin/codegen.mjs'), 'generate', '--targets', 'client'], {
    cwd: pkg,
    env: { ...process.env, CHIME_SPEC: join(pkg, 'test/fixtures/edges/openapi.yaml'), CHIME_OUT_DIR: outRoot },
    timeout: 120_000,
  });
  ({ createChimeClient } = await import(join(out, 'index.ts')));
  server.listen({ onUnhandledRequest: 'error' });
}, 180_000);
afterAll(() => {
  server.close();
  rmSync(outRoot, { recursive: true, force: true });
});

describe('a client generated from the edges fixture', () => {
  it('a 204 is a success: { $metadata } plus the members the spec maps from headers and the status', async () => {
    const seen: string[] = [];
    server.use(
      http.delete('https://edges.test/things/:id', ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return new HttpResponse(null, { status: 204, headers: { 'x-thing-version': '7', ETag: '"v7"' } });
      }),
    );
    const output = await createChimeClient({ retry: false }).deleteThing({ ThingId: 42 });
    expect(output).toEqual({ Version: 7, ETag: '"v7"', Status: 204 });
    expect(output.$metadata).toMatchObject({ httpStatusCode: 204, attempts: 1 });
    expect(seen).toEqual(['/things/42']);
  });

  it.each([['42'], [4.5], [null]])('an integer path member refuses %j before any request', async (ThingId) => {
    server.use(http.delete('https://edges.test/*', () => HttpResponse.error()));
    const error = await createChimeClient({ retry: false })
      .deleteThing({ ThingId })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ChimeClientError',
      Code: 'InvalidInput',
      message: expect.stringMatching(/^DeleteThing: ThingId (must be of type integer|is required)/),
    });
  });
});
