/**
 * The @chime-api/validation target, into packages/validation/src/, from the
 * spec's JSON Schemas:
 *   types.gen.ts       the value types (openapi-typescript)
 *   standalone.gen.ts  the component schemas' validators precompiled by Ajv (no eval at run time)
 *   validators.gen.ts  typed, named validators with Standard Schema (`UserSchema`), enum
 *                      values (`LicenseValues`), every operation's re-exported
 *   generated/<Op>Input.gen.ts, <Op>Output.gen.ts (+ .standalone.gen.ts)  an operation's
 *                      `<Op>InputSchema` (flat: path and body members at one level, as the
 *                      client takes it) and `<Op>OutputSchema`, a module each, so loading one
 *                      loads no other
 *   loaders.gen.ts     each of those behind an `import()`, for the client's `validate`
 *                      (its own entry, `@chime-api/validation/loaders`)
 */

// The validators' own runtime (formats, the pattern compiler and engine), through
// the package's exports: the generator decides with the very code the validators
// run. The `chime-source` condition (bin/codegen.mjs, vitest.config.ts) reads
// them from source, so nothing has to be built before generating.
import { formats, numberFormats } from '@chime-api/validation/formats';
import { compilePattern, linearRegExp, singleSetOf, toDfa } from '@chime-api/validation/regexp';
import { _ } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import patternKeyword from 'ajv/dist/vocabularies/validation/pattern.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { doc, generatedHeader, json, key, q } from '../kit/emit.js';
import type { NamedOperation, NameResolver, ValidatorNames } from '../kit/names.js';
import { pascal, validatorName } from '../kit/naming.js';
import { componentOf, eachObject, inlineRefs, sharedComponents } from '../kit/schema.js';
import type { LoadedSpec } from '../load.js';
import { collectSensitive } from '../operations.js';
import type { GeneratedFiles } from '../target.js';
import type { JsonSchema } from '../types.js';
import { checkFormats, checkPatterns, PATTERN_MESSAGE } from './validation-patterns.js';

const standaloneCode = (
  standaloneCodeModule as unknown as { default: (ajv: Ajv2020, refs: Record<string, string>) => string }
).default;

/** Every schema that gets a validator, by validator name, in the spec's JSON Schema form. */
function validatorSchemas(spec: LoadedSpec, names: NameResolver): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = { ...(spec.bundled.components?.schemas ?? {}) };
  for (const op of spec.operations) {
    const required = op.members.filter((m) => m.required).map((m) => m.name);
    const { input, output } = names.validation.operation(op);
    schemas[input.shape] = {
      type: 'object',
      description: `Input of ${op.operationId}: path and body members at one level.`,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
      properties: Object.fromEntries(
        op.members.map((m) => [m.name, m.description ? { ...m.schema, description: m.description } : m.schema]),
      ),
    };
    const success = op.success.schema;
    // a component by reference, or the response's own schema (an array, a union) as written
    schemas[output.shape] = success
      ? success.$ref
        ? { $ref: success.$ref, description: `Output of ${op.operationId}.` }
        : { ...success, description: success.description ?? `Output of ${op.operationId}.` }
      : { type: 'object', description: `Output of ${op.operationId} (no body).` };
  }
  return Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k] as JsonSchema]),
  );
}

/**
 * Ajv's own `pattern` keyword, whose error also carries the spec's
 * `x-pattern-message` (when the schema has one) as `params.message`: the
 * runtime turns it into the issue's message.
 */
function patternWithMessage() {
  const core = (patternKeyword as unknown as { default: typeof patternKeyword }).default ?? patternKeyword;
  const { error } = core as unknown as { error: { message: unknown; params: (cxt: never) => unknown } };
  return {
    ...core,
    error: {
      message: error.message,
      params: (cxt: { schemaCode: unknown; parentSchema: Record<string, unknown> }) => {
        const message = cxt.parentSchema[PATTERN_MESSAGE];
        return typeof message === 'string'
          ? _`{pattern: ${cxt.schemaCode as string}, message: ${message}}`
          : error.params(cxt as never);
      },
    },
  };
}

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** The `x-*` keys used anywhere in the schemas (in sorted order, so the output stays deterministic). */
function extensionKeywords(schemas: Record<string, JsonSchema>): string[] {
  const found = new Set<string>();
  eachObject(Object.values(schemas), (node) => {
    const next: unknown[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      // a map of names to schemas: its keys are names (a property may be called `x-note`), its values schemas
      else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') next.push(...Object.values(value));
      else next.push(value);
    }
    return next;
  });
  return [...found].sort();
}

/** Names every plain object inherits (`constructor`, `toString`, `__proto__`, ...). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Whether a property name of the schemas is one every object inherits: Ajv
 * then checks presence with `hasOwnProperty` (its `ownProperties`), else an
 * optional `constructor` would read as present (`Object`) in every value. Off
 * otherwise: the check costs a call per property.
 */
function namesInherited(schemas: Record<string, JsonSchema>): boolean {
  let found = false;
  eachObject(Object.values(schemas), (node) => {
    const names = [node.properties, node.dependentSchemas, node.dependentRequired].flatMap((map) =>
      map && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [],
    );
    if (Array.isArray(node.required)) names.push(...node.required.filter((n): n is string => typeof n === 'string'));
    if (names.some((name) => INHERITED.has(name))) found = true;
    return undefined;
  });
  return found;
}

/** One Ajv instance holding every schema (refs inlined but for the shared ones), from which each module's standalone code is taken. */
function compileAll(schemas: Record<string, JsonSchema>, flat: Flat): Ajv2020 {
  // Ajv calls this for every pattern it compiles: the generate-time compiler (which refuses what it cannot run)
  const regExp = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), {
    code: 'linearRegExp',
  });
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // messages are ours (runtime.ts): Ajv's would only add code
    messages: false,
    // a shared schema (a $ref DAG, a cycle) is one function that others call: Ajv must not copy it back in
    // (only then: Ajv also numbers its meta-schema's functions differently, which would renumber every validator)
    inlineRefs: flat.shared.size === 0,
    unicodeRegExp: true,
    ownProperties: namesInherited(schemas),
    formats: {
      ...formats,
      ...Object.fromEntries(
        Object.entries(numberFormats).map(([name, validate]) => [name, { type: 'number', validate }]),
      ),
    },
    code: { source: true, esm: true, lines: true, optimize: true, regExp, formats: _`formats` },
  });
  ajv.addKeyword({ keyword: 'x-sensitive', schemaType: 'boolean' });
  // OpenAPI 3.1's own schema annotations, which JSON Schema 2020-12 does not define
  for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs']) ajv.addKeyword({ keyword });
  ajv.addKeyword({ keyword: PATTERN_MESSAGE, schemaType: 'string' });
  // every other specification extension is an annotation: strict mode still refuses a misspelt JSON Schema keyword
  for (const keyword of extensionKeywords(schemas)) {
    if (keyword !== 'x-sensitive' && keyword !== PATTERN_MESSAGE) ajv.addKeyword({ keyword });
  }
  ajv.removeKeyword('pattern');
  ajv.addKeyword(patternWithMessage() as never);
  // schemas are inlined into each validator, but for the shared ones (a $ref DAG, cycles): those are called
  ajv.addSchema({ $id: 'chime', $defs: Object.fromEntries(Object.keys(schemas).map((name) => [name, flat.of(name)])) });
  return ajv;
}

/**
 * The standalone code of the validators `names` (no eval at run time), as a
 * module whose imports of the runtime start with `from` (`./` or `../`).
 */
function standalone(ajv: Ajv2020, names: readonly string[], from = './'): string {
  const refs = Object.fromEntries(names.map((name) => [`v_${pascal(name)}`, `chime#/$defs/${name}`]));
  const engines = new Set<string>();
  const runtime = new Set<string>();
  const code = standaloneCode(ajv, refs)
    .replace(/^"use strict";\n?/, '')
    .replace(/^const (func\d+) = linearRegExp;\n/gm, (_line, name: string) => {
      engines.add(name);
      return '';
    })
    // each pattern ships as its precompiled program; the call is pure, so bundlers drop unused ones
    .replace(
      /(pattern\d+) = (func\d+)\(("(?:[^"\\]|\\.)*"), "(u?)"\)/g,
      (match, patternName: string, name: string, literal: string, flags: string) => {
        if (!engines.has(name)) return match;
        const compiled = compilePattern(JSON.parse(literal) as string, flags);
        const set = singleSetOf(compiled);
        if (set) {
          runtime.add('anyOfPattern');
          return `${patternName} = /*#__PURE__*/ anyOfPattern(${literal}, "${flags}", ${JSON.stringify(set)})`;
        }
        const dfa = toDfa(compiled);
        if (dfa) {
          runtime.add('dfaPattern');
          return `${patternName} = /*#__PURE__*/ dfaPattern(${literal}, "${flags}", ${JSON.stringify(dfa)})`;
        }
        runtime.add('linearPattern');
        return `${patternName} = /*#__PURE__*/ linearPattern(${literal}, "${flags}", ${JSON.stringify(compiled)})`;
      },
    );
  // formats by their function's name, so a bundle keeps only the checks its validators use
  const used = new Set<string>();
  // Ajv writes `formats.uuid` for a name that is an identifier, `formats["date-time"]` for another
  const direct = code.replace(
    /= formats(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\]);/g,
    (_match, dotted?: string, quoted?: string) => {
      const format = (dotted ?? quoted) as string;
      const name = formats[format]?.name ?? numberFormats[format]?.name;
      if (!name) throw new Error(`No check for format "${format}" in src/formats.ts`);
      used.add(name);
      // Ajv calls a number format's check as `.validate` (a string format's directly)
      return formats[format] ? `= ${name};` : `= { validate: ${name} };`;
    },
  );
  // Ajv's run-time helpers arrive as require() even in ESM output (ajv-validator/ajv#2209); ours replace them
  let lengths = false;
  const required = direct.replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, () => {
    lengths = true;
    return 'ucs2length';
  });
  const unknown = /require\("([^"]+)"\)/.exec(required);
  if (unknown) {
    throw new Error(
      `Ajv's standalone code needs ${unknown[1]} at run time, which the validators do not ship: give packages/validation/src a replacement and map it in packages/codegen/src/targets/validation.ts (as ucs2length is)`,
    );
  }
  // without $dynamicRef, Ajv2020's dynamicAnchors is an object allocated per call for nothing
  const lean = /dynamicAnchors[[.]/.test(required)
    ? required
    : required.replace(/, dynamicAnchors=\{\}/g, '').replace(/,dynamicAnchors\}/g, '}');
  const formatImport = used.size ? `import { ${[...used].sort().join(', ')} } from '${from}formats.js';\n` : '';
  return `${formatImport}${lengths ? `import { ucs2length } from '${from}ucs2length.js';\n` : ''}${runtime.size ? `import { ${[...runtime].sort().join(', ')} } from '${from}linear-regexp.js';\n` : ''}

${htmlSafe(typedOptions(leanCalls(hoistEvaluated(lean))))}`;
}

/**
 * Validators that call each other (a recursive schema, a shared one) keep
 * Ajv's destructured options parameter, from which TypeScript would infer a
 * type the runtime's `RawValidator` (`options?: unknown`) does not accept:
 * the parameter is typed `any`, as Ajv's JavaScript means it.
 */
function typedOptions(code: string): string {
  return code.replace(/^(function validate\d+\(data, \{[^}]*\})=\{\}\)\{$/gm, '$1: any = {}){');
}

/**
 * Ajv's code with `<` and `>` inside its string literals (all JSON, double
 * quoted) escaped, so a spec value never spells `</script>` or `<!--` in it.
 */
function htmlSafe(code: string): string {
  return code.replace(/"(?:[^"\\\n]|\\.)*"/g, (literal) => literal.replace(/</g, '\\u003c').replace(/>/g, '\\u003e'));
}

/**
 * Ajv2020 attaches \`validateN.evaluated = {...}\` to each function: a module-level
 * side effect that stops bundlers from dropping unused validators. The same
 * literal, bound to a constant, has none.
 */
function hoistEvaluated(code: string): string {
  const literals = new Map<string, string>();
  const stripped = code.replace(/^(validate\d+)\.evaluated = (\{.*\});$/gm, (_line, fn: string, literal: string) => {
    literals.set(fn, literal);
    return `const ${fn}_evaluated = ${literal};`;
  });
  return stripped.replace(/\b(validate\d+)\.evaluated\b/g, (match, fn: string) =>
    literals.has(fn) ? `${fn}_evaluated` : match,
  );
}

/**
 * With every ref inlined, validators call no other validator: the
 * `unevaluated*` bookkeeping Ajv2020 emits (when the schemas use no such
 * keyword) and the destructured options object are per-call work for
 * nothing. Only what a body reads stays.
 */
function leanCalls(code: string): string {
  let out = code;
  if (!/unevaluated(Properties|Items)/.test(out)) {
    out = out
      .replace(
        /const (evaluated\d+) = validate\d+_evaluated;\nif\(\1\.dynamicProps\)\{\n\1\.props = undefined;\n\}\nif\(\1\.dynamicItems\)\{\n\1\.items = undefined;\n\}\n/g,
        '',
      )
      .replace(/^const validate\d+_evaluated = .*;\n/gm, '')
      // a union at a validator's root records what it evaluated, for nothing to read
      .replace(/^evaluated\d+\.(?:props|items) = [^;\n]*;\n/gm, '');
  }
  const calls = /\bvalidate\d+\(data[^,)]*, \{/.test(out.replace(/^function .*$/gm, ''));
  if (!calls) {
    const reads = ['parentData', 'parentDataProperty', 'rootData'].filter((name) =>
      new RegExp(`\\b${name}\\b(?!=)`).test(out.replace(/^function .*$/gm, '')),
    );
    out = out.replace(
      /^function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)\{$/gm,
      (_m, fn: string) =>
        `function ${fn}(data, options){\nconst instancePath = options === undefined ? "" : options.instancePath;${reads
          .map(
            (name) =>
              `\nconst ${name} = options === undefined ? ${name === 'rootData' ? 'data' : 'undefined'} : options.${name};`,
          )
          .join('')}`,
    );
  }
  // "is this key a defined property?": Ajv asks hasOwnProperty through a call for
  // more than 8 properties; comparisons against the names are several times faster
  const schemaLiterals = new Map<string, Record<string, unknown>>();
  for (const m of out.matchAll(/^const (schema\d+) = (\{.*\});$/gm))
    schemaLiterals.set(m[1] as string, JSON.parse(m[2] as string));
  const hasOwn = new Set(
    [...out.matchAll(/^const (func\d+) = Object\.prototype\.hasOwnProperty;$/gm)].map((m) => m[1]),
  );
  out = out.replace(
    /(func\d+)\.call\((schema\d+)\.properties, (key\d+)\)/g,
    (match, fn: string, schema: string, key: string) => {
      const properties = schemaLiterals.get(schema)?.properties;
      if (!hasOwn.has(fn) || !properties || typeof properties !== 'object') return match;
      return `(${Object.keys(properties)
        .map((name) => `${key} === ${json(name)}`)
        .join(' || ')})`;
    },
  );
  return out;
}

async function typesModule(spec: LoadedSpec, schemas: Record<string, JsonSchema>): Promise<string> {
  const document = { openapi: '3.1.0', info: spec.bundled.info, paths: {}, components: { schemas } };
  const ast = await openapiTS(document as never, { alphabetize: true });
  return `${generatedHeader()}${astToString(ast)}`;
}

/**
 * Each validator's schema with refs inlined, as Ajv compiles it: copies of
 * every component but the shared ones ({@link sharedComponents}), which stay
 * `#/$defs/<name>` refs. What a validator reaches through those refs is
 * followed by name ({@link Flat.reach}), each component once.
 */
interface Flat {
  /** The components kept as refs. */
  shared: ReadonlySet<string>;
  of(name: string): JsonSchema;
  /** The shared components `name` reaches through its kept refs (itself included), each once. */
  reach(name: string): string[];
}

function flatSchemas(schemas: Record<string, JsonSchema>): Flat {
  const keep = sharedComponents(schemas);
  const flat = new Map<string, JsonSchema>();
  const of = (name: string) => {
    let copy = flat.get(name);
    if (!copy) {
      copy = inlineRefs(schemas[name], schemas, { cycle: 'defs-ref', keep }, [name]) as JsonSchema;
      flat.set(name, copy);
    }
    return copy;
  };
  const refsOf = (name: string) => {
    const found = new Set<string>();
    eachObject(of(name), (node) => {
      const target = componentOf(node.$ref);
      if (target !== undefined && schemas[target]) found.add(target);
      return undefined;
    });
    return found;
  };
  const reach = (name: string) => {
    const seen = new Set<string>([name]);
    const queue = [name];
    for (let i = 0; i < queue.length; i++)
      for (const next of refsOf(queue[i] as string))
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
    return queue;
  };
  return { shared: keep, of, reach };
}

/** At most this many date-time members are listed in a doc comment. */
const MAX_LISTED = 20;

/**
 * Where `format: date-time` sits in a validator's schema: member paths like
 * `User.RegisteredOn`, `''` for the value itself, through shared refs too
 * (each component on a path once), at most {@link MAX_LISTED}.
 */
function dateTimeMembers(name: string, flat: Flat): string[] {
  const found = new Set<string>();
  const hasDates = new Map<string, boolean>();
  const datesIn = (component: string) => {
    let has = hasDates.get(component);
    if (has === undefined) {
      has = flat.reach(component).some((c) => JSON.stringify(flat.of(c)).includes('"format":"date-time"'));
      hasDates.set(component, has);
    }
    return has;
  };
  const walk = (schema: unknown, path: string, through: string[]) => {
    if (!schema || typeof schema !== 'object' || found.size >= MAX_LISTED) return;
    const node = schema as JsonSchema & { allOf?: unknown[]; items?: unknown };
    if (node.format === 'date-time') found.add(path);
    const target = componentOf(node.$ref);
    if (target !== undefined && !through.includes(target) && datesIn(target))
      walk(flat.of(target), path, [...through, target]);
    for (const [key, member] of Object.entries(node.properties ?? {}))
      walk(member, path ? `${path}.${key}` : key, through);
    if (node.items) walk(node.items, `${path}[]`, through);
    for (const part of node.allOf ?? []) walk(part, path, through);
  };
  walk(flat.of(name), '', [name]);
  return [...found];
}

/**
 * The doc comment of a validator and its type: the spec's description, and
 * for a schema with date-time members, that this is the wire shape (strings)
 * while the client hands back `Date`s, with the way to validate a client value.
 */
function docOf(name: string, schema: JsonSchema, flat: Flat, identifier = validatorName(name), extra?: string): string {
  const parts: string[] = [];
  if (schema.description) parts.push(schema.description);
  const dates = dateTimeMembers(name, flat);
  if (dates.length > 0) {
    const what =
      dates[0] === ''
        ? 'an RFC 3339 string, where `@chime-api/client` uses a `Date`'
        : `${dates.map((d) => `\`${d}\``).join(', ')} ${dates.length === 1 ? 'is an RFC 3339 string' : 'are RFC 3339 strings'}, where \`@chime-api/client\` uses \`Date\`s`;
    parts.push(
      `Wire shape (JSON as sent): ${what}. Validate a client value with \`validate(${identifier}, toWire(value))\`.`,
    );
  }
  if (extra) parts.push(extra);
  return doc(parts.join(' '));
}

/**
 * Each validator's sensitive member names, those its own schema reaches, as
 * constants shared by the validators with the same list: a bundle that keeps
 * one validator keeps its list only, however many the spec marks.
 */
function sensitiveLists(names: readonly string[], flat: Flat) {
  const constants = new Map<string, string>([['', 'notSensitive']]);
  const byValidator: Record<string, string> = Object.create(null);
  const own = new Map<string, Set<string>>();
  for (const name of names) {
    const found = new Set<string>();
    for (const component of flat.reach(name)) {
      let members = own.get(component);
      if (!members) {
        members = collectSensitive(flat.of(component));
        own.set(component, members);
      }
      for (const member of members) found.add(member);
    }
    const members = [...found].sort().map(q).join(', ');
    if (!constants.has(members)) constants.set(members, `sensitive${constants.size}`);
    byValidator[name] = constants.get(members) as string;
  }
  const declarations = [...constants].map(([members, id]) => `const ${id}: readonly string[] = [${members}];`);
  return { declarations: declarations.join('\n'), byValidator };
}

const STANDALONE_HEADER = `// @ts-nocheck: Ajv's standalone output is plain JavaScript.
/* biome-ignore-all lint: generated */
`;

/** The validator declarations of `names`, calling the standalone functions of `raw`, with their sensitive lists. */
function declarations(
  names: readonly string[],
  flat: Flat,
  docs: Record<string, string>,
  resolver: NameResolver,
): string {
  const lists = sensitiveLists(names, flat);
  const lines = names.map(
    (name) =>
      `${docs[name]}export const ${resolver.validation.schema(name).schema}: Validator<Schemas[${q(name)}]> = /*#__PURE__*/ defineValidator(${q(name)}, raw.v_${pascal(name)}, ${lists.byValidator[name]});`,
  );
  return `// each validator's own, those its schema reaches
${lists.declarations}

${lines.join('\n\n')}`;
}

/** The schema names of an operation's two validators. */
const operationShapes = (names: NameResolver) => (op: NamedOperation) => {
  const { input, output } = names.validation.operation(op);
  return [input.shape, output.shape];
};

/**
 * One operation validator, in a module of its own: an app (or the client's
 * lazy `validate`) that loads it loads no other validator, and one that
 * imports it directly shares exactly this module with the lazy chunk.
 */
function operationModule(name: string, flat: Flat, docs: Record<string, string>, names: NameResolver) {
  return `${generatedHeader()}import { defineValidator, type Validator } from '../runtime.js';
import type { components } from '../types.gen.js';
import * as raw from '${names.validation.schema(name).standalone}';

type Schemas = components['schemas'];

${declarations([name], flat, docs, names)}
`;
}

function validatorsModule(
  spec: LoadedSpec,
  schemas: Record<string, JsonSchema>,
  componentNames: readonly string[],
  docs: Record<string, string>,
  flat: Flat,
  resolver: NameResolver,
): string {
  const sensitive = spec.sensitive;
  const names = Object.keys(schemas);
  const V = (name: string) => resolver.validation.schema(name);
  const shapes = spec.operations.flatMap(operationShapes(resolver));
  const reexports = shapes.map((name) => `export { ${V(name).schema} } from '${V(name).module}';`);
  const imports = shapes.map((name) => `import { ${V(name).schema} } from '${V(name).module}';`);
  const enums = componentNames.flatMap((name) => {
    const values = (schemas[name] as JsonSchema & { enum?: unknown[] }).enum;
    if (!Array.isArray(values)) return [];
    return [
      `/** The values of \`${name}\`, in the spec's order (for a select, a radio group, a test). */\nexport const ${resolver.validation.enumValues(name)} = [${values.map((v) => json(v)).join(', ')}] as const;`,
    ];
  });
  const deprecated = (name: string) =>
    docOf(
      name,
      schemas[name] as JsonSchema,
      flat,
      V(name).legacy,
      `@deprecated Use \`${V(name).schema}\` (\`Infer<typeof ${V(name).schema}>\` for the type): validators' names end in \`Schema\`; this one is kept for compatibility, and an editor's auto-import lists it after \`@chime-api/client\`'s ${V(name).legacy}.`,
    );
  return `${generatedHeader()}import { defineValidator, type Validator } from './runtime.js';
import * as raw from './standalone.gen.js';
import type { components } from './types.gen.js';
${imports.join('\n')}

type Schemas = components['schemas'];

${reexports.join('\n')}

/** Member names the spec marks \`x-sensitive\`: issue messages never echo their values. */
export const sensitiveMembers: readonly string[] = [${sensitive.map(q).join(', ')}];

${declarations(componentNames, flat, docs, resolver)}

${enums.join('\n\n')}

/** Every validator by its spec name. Importing this keeps all of them in a bundle; import one by name to keep one. */
export const validators = { ${names.map((name) => `${key(V(name).legacy)}: ${V(name).schema}`).join(', ')} } as const;

/** The value type a validator checks. */
export type Infer<V> = V extends Validator<infer T> ? T : never;

// The names before validators took the \`Schema\` suffix: each still works, as a value and as a type.
${names
  .map(
    (name) =>
      `${deprecated(name)}export const ${V(name).legacy}: Validator<Schemas[${q(name)}]> = ${V(name).schema};\n${deprecated(name)}export type ${V(name).legacy} = Schemas[${q(name)}];`,
  )
  .join('\n')}
`;
}

/**
 * Loads an operation's validators by operation name: one chunk per
 * operation, so the client's \`validate\` option fetches the operation it
 * checks and nothing else, whatever the app imports directly.
 */
function loadersModule(spec: LoadedSpec, names: NameResolver): string {
  const load = ({ module, schema }: ValidatorNames) => `() => import('${module}').then((m) => m.${schema})`;
  const entries = spec.operations.map((op) => {
    const { loaderKey, input, output } = names.validation.operation(op);
    return `  ${q(loaderKey)}: {\n    Input: ${load(input)},\n    Output: ${load(output)},\n  },`;
  });
  return `${generatedHeader()}import type { Validator } from './runtime.js';

/** Loads an operation's input or output validator. */
export interface OperationValidators {
  Input: () => Promise<Validator<unknown>>;
  Output: () => Promise<Validator<unknown>>;
}

/** Each operation's validators by operationId, loaded on first use (each a chunk of its own in a bundle). */
export const operationValidators: Readonly<Record<string, OperationValidators>> = {
${entries.join('\n')}
};
`;
}

/** Generates the validation package's modules from the loaded spec. */
export async function validation(spec: LoadedSpec, names: NameResolver = spec.names): Promise<GeneratedFiles> {
  checkPatterns(spec);
  checkFormats(spec, Object.keys(formats), Object.keys(numberFormats));
  const schemas = validatorSchemas(spec, names);
  const flat = flatSchemas(schemas);
  const ajv = compileAll(schemas, flat);
  const docs = Object.fromEntries(
    Object.keys(schemas).map((name) => [name, docOf(name, schemas[name] as JsonSchema, flat)]),
  );
  const components = Object.keys(spec.bundled.components?.schemas ?? {}).sort();
  const files: Record<string, string> = {
    'types.gen.ts': await typesModule(spec, schemas),
    'standalone.gen.ts': `${generatedHeader()}${STANDALONE_HEADER}${standalone(ajv, components)}`,
    'validators.gen.ts': validatorsModule(spec, schemas, components, docs, flat, names),
    'loaders.gen.ts': loadersModule(spec, names),
  };
  for (const name of spec.operations.flatMap(operationShapes(names))) {
    const paths = names.validation.schema(name).files;
    files[paths.standalone] = `${generatedHeader()}${STANDALONE_HEADER}${standalone(ajv, [name], '../')}`;
    files[paths.module] = operationModule(name, flat, docs, names);
  }
  return { files, directories: ['generated'] };
}
