/**
 * How the official model's shapes map onto the spec's JSON Schema, in one
 * table read both ways: `spec:import` (draft.ts) writes schemas from shapes
 * with it, `spec:conformance` (conformance.ts) checks schemas against shapes
 * with it, so the two can never disagree about what a model type or bound
 * becomes in the spec.
 */
import type { JsonSchema } from '../types.js';
import type { ModelShape, WireLocation } from './model.js';
import { timestampFormatOf } from './model.js';

/** A model type: its JSON Schema `type`, and which keywords carry the shape's `min` and `max`. */
interface TypeMapping {
  type: string;
  bounds?: readonly [min: keyof JsonSchema & string, max: keyof JsonSchema & string];
}

const NUMERIC_BOUNDS = ['minimum', 'maximum'] as const;

/** Every model type the importer and the checker know (a timestamp's type depends on its wire format: {@link timestampSchema}). */
export const MODEL_TYPES: Readonly<Record<string, TypeMapping>> = {
  string: { type: 'string', bounds: ['minLength', 'maxLength'] },
  integer: { type: 'integer', bounds: NUMERIC_BOUNDS },
  long: { type: 'integer', bounds: NUMERIC_BOUNDS },
  float: { type: 'number', bounds: NUMERIC_BOUNDS },
  double: { type: 'number', bounds: NUMERIC_BOUNDS },
  boolean: { type: 'boolean' },
  list: { type: 'array', bounds: ['minItems', 'maxItems'] },
  map: { type: 'object', bounds: ['minProperties', 'maxProperties'] },
  structure: { type: 'object' },
};

/** The timestamp formats of the model, and the schema each is written as. */
const TIMESTAMP_SCHEMAS: Readonly<Record<'iso8601' | 'unixTimestamp' | 'rfc822', JsonSchema>> = {
  unixTimestamp: { type: 'number', 'x-amzn-timestamp-format': 'unixTimestamp' },
  rfc822: { type: 'string', 'x-amzn-timestamp-format': 'rfc822' },
  iso8601: { type: 'string', format: 'date-time' },
};

/** The JSON Schema `type` of a shape travelling in `location`. */
export function specTypeOf(shape: ModelShape, location: WireLocation): string {
  if (shape.type === 'timestamp') return TIMESTAMP_SCHEMAS[timestampFormatOf(shape, location)].type as string;
  return MODEL_TYPES[shape.type]?.type ?? shape.type;
}

/** The schema of a timestamp shape travelling in `location` (a copy, free to extend). */
export function timestampSchema(shape: ModelShape, location: WireLocation): JsonSchema {
  return { ...TIMESTAMP_SCHEMAS[timestampFormatOf(shape, location)] };
}

/** The model timestamp format a schema declares (`x-amzn-timestamp-format`, or `format: date-time` for ISO 8601). */
export function timestampFormatOfSchema(schema: JsonSchema): string | undefined {
  return (
    (schema['x-amzn-timestamp-format'] as string | undefined) ??
    (schema.format === 'date-time' ? 'iso8601' : schema.format)
  );
}

/** The keywords of a shape's `min` and `max` for its type (none for booleans, structures and timestamps). */
export function boundKeywords(shape: ModelShape): readonly [string, string] | undefined {
  return MODEL_TYPES[shape.type]?.bounds;
}

/** The shape's `min` and `max` as the keywords of its type, leaving out what it does not set. */
export function boundsOf(shape: ModelShape): JsonSchema {
  const keywords = boundKeywords(shape);
  if (!keywords) return {};
  return {
    ...(shape.min !== undefined ? { [keywords[0]]: shape.min } : {}),
    ...(shape.max !== undefined ? { [keywords[1]]: shape.max } : {}),
  };
}
