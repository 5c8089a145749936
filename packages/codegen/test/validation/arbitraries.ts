import fc from 'fast-check';
import { type JsonSchema, type OpenApiDocument, resolveRef } from '../../src/index.js';

/** A fast-check arbitrary of values valid against a (bundled) JSON Schema. Enough for the spec's schemas. */
export function arbitraryFor(doc: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<unknown> {
  const node = resolveRef(doc, schema);
  if (node.enum) return fc.constantFrom(...node.enum);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (node.properties || type === 'object') {
    const required = node.required ?? [];
    const model = Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, arbitraryFor(doc, v)]));
    return fc.record(model, { requiredKeys: required });
  }
  switch (type) {
    case 'string':
      if (node.format === 'date-time') {
        return fc
          .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString());
      }
      return node.pattern ? fc.stringMatching(new RegExp(node.pattern, 'u')) : fc.string();
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer();
    case 'number':
      return fc.double({ noNaN: true });
    default:
      return fc.anything();
  }
}

/** A value of the wrong kind for `schema`, or undefined when any value fits. */
export function invalidFor(doc: OpenApiDocument, schema: JsonSchema): unknown {
  const node = resolveRef(doc, schema);
  if (node.enum) return 'NotInTheEnum';
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'string') return node.pattern || node.format ? (node.format ? 'not a date' : '   ') : 42;
  if (type === 'boolean') return 'yes';
  if (type === 'object' || node.properties) return 'not an object';
  return undefined;
}
