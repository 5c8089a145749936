/**
 * The one way targets read schemas through `$ref`s: {@link resolveRef} for one
 * node, {@link inlineRefs} for a deep copy with component refs replaced, and
 * {@link subschemas} for walking every keyword that holds a schema
 * (`properties`, `items`, `prefixItems`, `additionalProperties`, `allOf`,
 * `oneOf`, `anyOf`, `not`, ...).
 */
import type { JsonSchema, OpenApiDocument } from '../types.js';

/** Resolves a local `#/...` reference in `doc`; other refs were inlined by the bundler. */
export function resolveRef<T>(doc: OpenApiDocument, node: T & { $ref?: string }): T {
  let current: unknown = node;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) break;
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);
  }
  return current as T;
}

/** The component name a `#/components/schemas/<name>` ref points at. */
export function schemaNameOf(schema: JsonSchema | undefined): string | undefined {
  const ref = schema?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/')
    ? ref.slice('#/components/schemas/'.length)
    : undefined;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else'] as const;

/**
 * Every direct subschema of `schema` with the key that leads to it: a property
 * name for `properties`, `*` for `items`/`additionalProperties`, the keyword
 * for combinators. Boolean schemas are skipped.
 */
export function* subschemas(schema: JsonSchema): Generator<{ keyword: string; key: string; schema: JsonSchema }> {
  for (const keyword of SCHEMA_MAPS) {
    const map = schema[keyword];
    if (map && typeof map === 'object')
      for (const [key, child] of Object.entries(map as Record<string, JsonSchema>))
        if (child && typeof child === 'object') yield { keyword, key, schema: child };
  }
  for (const keyword of SCHEMA_LISTS) {
    const list = schema[keyword];
    if (Array.isArray(list))
      for (const child of list) if (child && typeof child === 'object') yield { keyword, key: keyword, schema: child };
  }
  for (const keyword of SCHEMA_VALUES) {
    const child = schema[keyword];
    if (child && typeof child === 'object' && !Array.isArray(child))
      yield { keyword, key: '*', schema: child as JsonSchema };
  }
}

export interface InlineOptions {
  /** What a ref back into a schema being expanded (a cycle) becomes: a `#/$defs/<name>` ref, or `{}`. */
  cycle: 'defs-ref' | 'empty';
  /** Keys to leave out of the copy (documentation, vendor extensions). */
  drop?: (key: string) => boolean;
}

/** Keywords whose values are data, not schemas: copied as they are. */
const DATA = new Set(['enum', 'const', 'default', 'example', 'examples']);

const ANNOTATIONS = new Set(['description', 'title', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment']);

/**
 * A deep copy of `schema` with every component `$ref` replaced by its target,
 * at any depth and under any keyword. Siblings of a `$ref` that only annotate
 * merge into the target; others keep 2020-12's meaning through `allOf`.
 * `components` are the schemas refs point into (`#/components/schemas/` or `#/$defs/`).
 */
export function inlineRefs(
  schema: unknown,
  components: Record<string, JsonSchema>,
  options: InlineOptions,
  expanding: string[] = [],
): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inlineRefs(s, components, options, expanding));
  if (!schema || typeof schema !== 'object') return schema;
  const { $ref, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (options.drop?.(key)) continue;
    if (DATA.has(key)) {
      out[key] = value;
      continue;
    }
    out[key] =
      key === 'properties' || key === '$defs' || key === 'patternProperties'
        ? Object.fromEntries(
            Object.entries(value as object).map(([k, v]) => [k, inlineRefs(v, components, options, expanding)]),
          )
        : inlineRefs(value, components, options, expanding);
  }
  if (typeof $ref !== 'string') return out;
  const name = $ref.replace('#/components/schemas/', '').replace('#/$defs/', '');
  if (expanding.includes(name) || !components[name])
    return options.cycle === 'empty' ? {} : { ...out, $ref: `#/$defs/${name}` };
  const target = inlineRefs(components[name], components, options, [...expanding, name]) as Record<string, unknown>;
  const annotationsOnly = Object.keys(out).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
  return annotationsOnly ? { ...target, ...out } : { allOf: [target, out] };
}

/**
 * `schema` with every component `$ref` replaced by its target, at any depth
 * (a cycle ends in `{}`): {@link inlineRefs} over `doc`'s component schemas.
 */
export function resolveRefDeep(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  return inlineRefs(schema, doc.components?.schemas ?? {}, { cycle: 'empty' }) as JsonSchema;
}

/**
 * Every plain object at or below `root` (arrays are walked through), each
 * once, depth first: `visit` may change the object and returns the values to
 * walk into, or nothing for all of its values. For passes over a whole
 * document whatever keyword holds a node (vendor extensions included).
 */
export function eachObject(
  root: unknown,
  visit: (node: Record<string, unknown>) => Iterable<unknown> | undefined,
): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) stack.push(...node);
    else stack.push(...(visit(node as Record<string, unknown>) ?? Object.values(node)));
  }
}
