import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadSpec, resolveRef } from '../src/index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

describe('the named examples in specs/chime/examples', async () => {
  const spec = await loadSpec();
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ ...spec.bundled, $id: 'spec' } as object);
  const checks: [string, unknown, object][] = [];
  for (const op of spec.operations) {
    for (const response of [op.success, ...op.errors]) {
      if (response.example !== undefined && response.schema) {
        checks.push([`${op.operationId} ${response.status}`, response.example, response.schema]);
      }
    }
    const bodyExamples = resolveRef(spec.dereferenced, spec.dereferenced.paths?.[op.path]?.[op.method] as object) as {
      requestBody?: { content?: Record<string, { examples?: Record<string, { value: unknown }> }> };
    };
    for (const [name, ex] of Object.entries(bodyExamples.requestBody?.content?.['application/json']?.examples ?? {})) {
      checks.push([`${op.operationId} request ${name}`, ex.value, op.body?.schema as object]);
    }
  }

  it('covers the success and every error of every operation', () => {
    const files = readdirSync(join(spec.path, '..', 'examples'));
    expect(checks.length).toBe(files.length);
  });

  it.each(checks)('%s conforms to its schema', (_name, value, schema) => {
    const validate = ajv.compile({ $ref: `spec${(schema as { $ref: string }).$ref}` });
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});
