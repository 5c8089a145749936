/**
 * Example values made from model shapes, for the drafts spec:import writes:
 * deterministic, and valid against the shape (enum, pattern, length, range),
 * so Redocly's example rules pass. They are placeholders a human replaces.
 */
import { ecmaPattern, type ModelShape, type ServiceModel } from './model.js';

/**
 * Candidate strings tried in order against a shape's pattern and length; the
 * first that fits is the example. They cover the shapes of AWS models (ids,
 * ARNs, phone numbers, emails, country codes, tokens); a shape none fits gets
 * no example member (optional) or stops the import (required).
 */
const CANDIDATES = [
  'example',
  'Example name',
  'a1b2c3d4',
  'user@example.com',
  '+12065550100',
  'US',
  '206',
  '800',
  'arn:aws:chime:us-east-1:111122223333:app-instance/1a2b3c4d',
  'arn:aws:lambda:us-east-1:111122223333:function:example',
  '1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
  'EXAMPLE',
  'ab',
];

function fitsLength(value: string, shape: ModelShape): boolean {
  const length = [...value].length;
  return (shape.min === undefined || length >= shape.min) && (shape.max === undefined || length <= shape.max);
}

function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  return new RegExp(ecmaPattern(pattern), 'u').test(value);
}

export function exampleString(shape: ModelShape): string | undefined {
  if (shape.enum?.length) return shape.enum[0];
  for (const candidate of CANDIDATES) {
    if (fitsLength(candidate, shape) && matches(shape.pattern, candidate)) return candidate;
  }
  // a length the candidates miss: repeat a letter (still checked against the pattern)
  const padded = 'a'.repeat(Math.max(shape.min ?? 1, 1));
  return fitsLength(padded, shape) && matches(shape.pattern, padded) ? padded : undefined;
}

/** Thrown when a required member's shape has no example value the importer can make. */
export class NoExampleError extends Error {
  override name = 'NoExampleError';
}

/**
 * An example value for a shape. `timestampAs` says how a timestamp travels
 * (ISO string or epoch seconds). Optional members nested deeper than
 * `maxDepth` are left out to keep drafts short.
 */
export function exampleValue(
  model: ServiceModel,
  shapeName: string,
  timestampAs: (shape: ModelShape) => 'iso8601' | 'unixTimestamp' | 'rfc822',
  depth = 0,
  trail: readonly string[] = [],
): unknown {
  const shape = model.shapes[shapeName] as ModelShape;
  switch (shape.type) {
    case 'string': {
      const value = exampleString(shape);
      if (value === undefined) {
        throw new NoExampleError(`no example string fits shape ${shapeName} (pattern ${shape.pattern ?? 'none'})`);
      }
      return value;
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const low = shape.min ?? 1;
      return shape.max !== undefined ? Math.min(low, shape.max) : low;
    }
    case 'boolean':
      return true;
    case 'timestamp': {
      const format = timestampAs(shape);
      if (format === 'unixTimestamp') return 1704067200;
      if (format === 'rfc822') return 'Mon, 01 Jan 2024 00:00:00 GMT';
      return '2024-01-01T00:00:00Z';
    }
    case 'list': {
      const count = Math.max(shape.min ?? 1, 1);
      const item = exampleValue(model, shape.member?.shape as string, timestampAs, depth + 1, [...trail, shapeName]);
      return Array.from({ length: Math.min(count, shape.max ?? count) }, () => item);
    }
    case 'map': {
      if ((shape.max ?? 1) < 1) return {};
      const key = exampleString(model.shapes[shape.key?.shape as string] as ModelShape) ?? 'key';
      return {
        [key]: exampleValue(model, shape.value?.shape as string, timestampAs, depth + 1, [...trail, shapeName]),
      };
    }
    case 'structure': {
      const out: Record<string, unknown> = {};
      const required = new Set(shape.required ?? []);
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (member.location) continue;
        const optional = !required.has(name);
        if (optional && (depth >= 3 || trail.includes(member.shape))) continue;
        try {
          out[name] = exampleValue(model, member.shape, timestampAs, depth + 1, [...trail, shapeName]);
        } catch (error) {
          if (!optional) throw error;
        }
      }
      return out;
    }
    default:
      return null;
  }
}
