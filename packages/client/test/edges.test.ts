/**
 * The runtime on a client generated from a small fixture spec
 * (fixtures/edges/openapi.yaml), as a user of another spec would get it:
 * a 204 whose output members come from headers and the status, and an
 * integer path member, checked by the type its schema declares.
 */
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, type GeneratedClient, generateClient } from './generate-client.js';

const server = setupServer();
let generated: GeneratedClient;

interface EdgesClient {
  deleteThing(input: { ThingId: unknown }): Promise<Record<string, unknown> & { $metadata: Record<string, unknown> }>;
}
let createChimeClient: (options?: { retry?: false }) => EdgesClient;

beforeAll(async () => {
  generated = await generateClient('edges', fixtures.edges);
  ({ createChimeClient } = await import(join(generated.dir, 'index.ts')));
  server.listen({ onUnhandledRequest: 'error' });
}, 180_000);
afterAll(() => {
  server.close();
  generated?.remove();
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
