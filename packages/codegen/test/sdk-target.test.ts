/**
 * What the SDK target hands OpenAPI Generator, before Java runs: the spec with
 * idempotency tokens optional (the middleware fills them), and model names
 * that would clash with the exception classes the SDK re-exports mapped away.
 * And its cache: an unchanged input gives the same files without Java;
 * `CHIME_NO_CACHE=1` (what `pnpm check-generated` sets) always runs Java.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, loadSpec, repoRoot, TargetError, targets } from '../src/index.js';
import { modelNameMappings, sdkInput } from '../src/targets/sdk.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('the SDK target', () => {
  it('an idempotency token is not required in the SDK models (callers may omit it); the spec is left as it was', async () => {
    const spec = await loadSpec(join(fixtures, 'wire/openapi.yaml'));
    const schemas = sdkInput(spec.bundled).components?.schemas ?? {};
    expect(schemas.CreateItemRequestBody?.required).toEqual(['Name']);
    expect(schemas.UpdateItemRequestBody?.required).toEqual(['Name']);
    expect(spec.bundled.components?.schemas?.CreateItemRequestBody?.required).toEqual(['Name', 'ClientRequestToken']);
  });

  it('an epoch-seconds timestamp is a date-time to OpenAPI Generator (a Date in the models); the spec keeps its number', async () => {
    const spec = await loadSpec(join(fixtures, 'wire/openapi.yaml'));
    expect(sdkInput(spec.bundled).components?.schemas?.Timestamp).toMatchObject({
      type: 'string',
      format: 'date-time',
    });
    expect(sdkInput(spec.bundled).components?.schemas?.Iso8601Timestamp).toEqual({
      type: 'string',
      format: 'date-time',
    });
    expect(spec.bundled.components?.schemas?.Timestamp).toMatchObject({ type: 'number' });
  });

  it('component schemas named like an exception class get a Body suffix; others keep their names', async () => {
    const wire = await loadSpec(join(fixtures, 'wire/openapi.yaml'));
    expect(modelNameMappings(wire)).toEqual([]);
    const shapes = await loadSpec(join(import.meta.dirname, '../../sdk/test/fixtures/exception-shapes/openapi.yaml'));
    expect(modelNameMappings(shapes)).toEqual([
      'BadRequestException=BadRequestExceptionBody',
      'NotFoundException=NotFoundExceptionBody',
    ]);
  });
});

describe("the SDK target's cache", () => {
  const scratch = join(repoRoot, 'packages/codegen/.tmp/sdk-cache');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const sdkOnly = targets.filter((t) => t.name === 'sdk');

  /** Runs the SDK target alone with `env` set (and put back after). */
  async function sdkWith(env: Record<string, string | undefined>, spec: string, out: string) {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    try {
      return await generate({ spec, outRoot: out, targets: sdkOnly, fresh: true });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it('an unchanged input gives the same files with no Java on PATH; CHIME_NO_CACHE=1 runs Java whatever the cache holds', async () => {
    rmSync(scratch, { recursive: true, force: true });
    // a spec of its own: a description no other run has generated from
    const spec = join(scratch, 'spec/openapi.yaml');
    mkdirSync(join(scratch, 'spec'), { recursive: true });
    const fixture = readFileSync(join(fixtures, 'two-operations/openapi.yaml'), 'utf8');
    writeFileSync(
      spec,
      fixture.replace('summary: Gets a thing.', `summary: Gets a thing (${process.pid}-${Date.now()}).`),
    );
    const models = 'sdk/generated/models/Thing.ts';

    await sdkWith({ CHIME_NO_CACHE: undefined }, spec, join(scratch, 'java'));
    const generated = readFileSync(join(scratch, 'java', models), 'utf8');
    expect(generated).toContain('export interface Thing');

    const noJava = join(scratch, 'no-java');
    mkdirSync(noJava, { recursive: true });
    await sdkWith({ CHIME_NO_CACHE: undefined, PATH: noJava }, spec, join(scratch, 'cached'));
    expect(readFileSync(join(scratch, 'cached', models), 'utf8')).toBe(generated);

    const error = await sdkWith({ CHIME_NO_CACHE: '1', PATH: noJava }, spec, join(scratch, 'uncached')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetError);
    expect((error as TargetError).failures.map((f) => f.target)).toEqual(['sdk']);
  }, 240_000);
});
