/**
 * What the SDK target hands OpenAPI Generator, before Java runs: the spec with
 * idempotency tokens optional (the middleware fills them), and model names
 * that would clash with the exception classes the SDK re-exports mapped away.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/index.js';
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
