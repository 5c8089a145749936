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
  /**
   * Components never copied: a ref to one stays a `#/$defs/<name>` ref, as a
   * cycle does (see {@link sharedComponents}: a `$ref` DAG doubles per level
   * when inlined).
   */
  keep?: ReadonlySet<string>;
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
  if (options.keep?.has(name) && components[name]) return { ...out, $ref: `#/$defs/${name}` };
  if (expanding.includes(name) || !components[name])
    return options.cycle === 'empty' ? {} : { ...out, $ref: `#/$defs/${name}` };
  const target = inlineRefs(components[name], components, options, [...expanding, name]) as Record<string, unknown>;
  const annotationsOnly = Object.keys(out).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
  return annotationsOnly ? { ...target, ...out } : { allOf: [target, out] };
}

/** The component a `#/components/schemas/` or `#/$defs/` ref names. */
export function componentOf(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  if (ref.startsWith('#/components/schemas/')) return ref.slice('#/components/schemas/'.length);
  if (ref.startsWith('#/$defs/')) return ref.slice('#/$defs/'.length);
  return undefined;
}

/** Nodes (objects, arrays, values) in an inlined copy past which a component is shared instead of copied. */
export const INLINE_BUDGET = 400;

/**
 * The components to share rather than copy: those whose inlined copy (with
 * the shared ones already kept as refs) would pass `budget` nodes. Each
 * component is measured once, so this is linear in the spec, and every
 * inlined copy stays under the budget: a schema that refers to the next one
 * twice, 18 levels deep, is 2^18 copies when inlined and 18 shared schemas
 * here. Every schema on a cycle is shared as well. A spec with neither
 * shares nothing and inlines as before.
 */
export function sharedComponents(components: Record<string, JsonSchema>, budget = INLINE_BUDGET): Set<string> {
  const shared = new Set<string>();
  const size = new Map<string, number>();
  const measuring = new Set<string>();
  const measure = (name: string): number => {
    const known = size.get(name);
    if (known !== undefined) return known;
    // a cycle: shared too, so no copy unrolls it (inlined per path, k schemas that all refer to each other are k! copies)
    if (measuring.has(name)) {
      shared.add(name);
      return 1;
    }
    measuring.add(name);
    let total = 0;
    const stack: unknown[] = [components[name]];
    while (stack.length > 0) {
      const node = stack.pop();
      total++;
      if (!node || typeof node !== 'object') continue;
      const target = componentOf((node as { $ref?: unknown }).$ref);
      if (target !== undefined && components[target] && !Array.isArray(node)) total += measure(target);
      for (const [key, value] of Object.entries(node)) if (key !== '$ref') stack.push(value);
    }
    measuring.delete(name);
    if (total > budget || shared.has(name)) {
      shared.add(name);
      total = 1;
    }
    size.set(name, total);
    return total;
  };
  for (const name of Object.keys(components).sort()) measure(name);
  return shared;
}

/** Objects known to hold no `$ref` at any depth (a dereferenced document is made of them). */
const refFree = new WeakSet<object>();

/** Whether `node` holds a `$ref` anywhere below it, each object walked once (a dereferenced DAG shares them). */
function holdsRefs(node: unknown, walking = new Set<object>()): boolean {
  if (!node || typeof node !== 'object' || refFree.has(node) || walking.has(node)) return false;
  if (typeof (node as { $ref?: unknown }).$ref === 'string') return true;
  walking.add(node);
  const found = Object.values(node).some((child) => holdsRefs(child, walking));
  walking.delete(node);
  if (!found) refFree.add(node);
  return found;
}

/**
 * `schema` with every component `$ref` replaced by its target, at any depth
 * (a cycle ends in `{}`): {@link inlineRefs} over `doc`'s component schemas.
 * A schema with no `$ref` left (any schema of a dereferenced document) comes
 * back as it is: copying one would copy a `$ref` DAG 2^depth times.
 */
export function resolveRefDeep(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!holdsRefs(schema)) return schema;
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
