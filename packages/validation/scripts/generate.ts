/**
 * Generates @chime-api/validation from the spec's JSON Schemas:
 *   src/types.gen.ts       the value types (openapi-typescript)
 *   src/standalone.gen.ts  validators precompiled by Ajv (standalone code: no eval at run time)
 *   src/validators.gen.ts  typed, named validators with Standard Schema
 * One validator per component schema, and per operation `<Id>Input` (flat:
 * path and body members at one level, as the client takes it) and `<Id>Output`.
 * Run: pnpm --filter @chime-api/validation generate (or `pnpm generate`).
 */
import { resolve } from 'node:path';
import {
  generatedHeader,
  type JsonSchema,
  type LoadedSpec,
  loadSpec,
  outputDir,
  runGenerator,
  writeFilesAtomically,
} from '@chime-api/spec';
import { _ } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { formats } from '../src/formats.js';
import { linearRegExp } from '../src/linear-regexp.js';

const standaloneCode = (standaloneCodeModule as unknown as { default: typeof standaloneCodeModule }).default;
const outDir = outputDir(resolve(import.meta.dirname, '../src'));
const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Rewrites `#/components/schemas/X` refs to `#/$defs/X` (deep copy). */
function toDefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDefs);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '#/$defs/') : toDefs(value);
  }
  return out;
}

/** Every schema that gets a validator, by validator name, in the spec's JSON Schema form. */
function validatorSchemas(spec: LoadedSpec): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = { ...(spec.bundled.components?.schemas ?? {}) };
  for (const op of spec.operations) {
    for (const name of [`${op.operationId}Input`, `${op.operationId}Output`]) {
      if (schemas[name])
        throw new Error(`A component schema is named ${name}, which the validator of ${op.operationId} needs.`);
    }
    const required = op.members.filter((m) => m.required).map((m) => m.name);
    schemas[`${op.operationId}Input`] = {
      type: 'object',
      description: `Input of ${op.operationId}: path and body members at one level.`,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
      properties: Object.fromEntries(
        op.members.map((m) => [m.name, m.description ? { ...m.schema, description: m.description } : m.schema]),
      ),
    };
    schemas[`${op.operationId}Output`] = op.success.schema
      ? { $ref: op.success.schema.$ref, description: `Output of ${op.operationId}.` }
      : { type: 'object', description: `Output of ${op.operationId} (no body).` };
  }
  return Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k] as JsonSchema]),
  );
}

function standalone(schemas: Record<string, JsonSchema>): string {
  const regExp = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), {
    code: 'linearRegExp',
  });
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    unicodeRegExp: true,
    formats,
    code: { source: true, esm: true, lines: true, optimize: true, regExp, formats: _`formats` },
  });
  ajv.addKeyword({ keyword: 'x-sensitive', schemaType: 'boolean' });
  ajv.addSchema({ $id: 'chime', $defs: toDefs(schemas) as object });
  const refs = Object.fromEntries(Object.keys(schemas).map((name) => [`v_${name}`, `chime#/$defs/${name}`]));
  const code = standaloneCode(ajv, refs)
    .replace(/^"use strict";\n?/, '')
    // module-level calls are pure: let bundlers drop the validators an app does not import
    .replace(/= (func\d+)\(/g, '= /*#__PURE__*/ $1(');
  return `${generatedHeader()}// @ts-nocheck: Ajv's standalone output is plain JavaScript.
/* biome-ignore-all lint: generated */
import { formats } from './formats.js';
import { linearRegExp } from './linear-regexp.js';

${hoistEvaluated(code)}`;
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

async function typesModule(spec: LoadedSpec, schemas: Record<string, JsonSchema>): Promise<string> {
  const doc = { openapi: '3.1.0', info: spec.bundled.info, paths: {}, components: { schemas } };
  const ast = await openapiTS(doc as never, { alphabetize: true });
  return `${generatedHeader()}${astToString(ast)}`;
}

function validatorsModule(spec: LoadedSpec, schemas: Record<string, JsonSchema>): string {
  const sensitive = [...new Set(spec.operations.flatMap((op) => op.sensitive))].sort();
  const names = Object.keys(schemas);
  const lines = names.map((name) => {
    const description = schemas[name]?.description;
    const docLine = description ? `/** ${description.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim()} */\n` : '';
    return `${docLine}export const ${name}: Validator<Schemas[${q(name)}]> = /*#__PURE__*/ defineValidator(${q(name)}, raw.v_${name}, sensitiveMembers);`;
  });
  return `${generatedHeader()}import { defineValidator, type Validator } from './runtime.js';
import * as raw from './standalone.gen.js';
import type { components } from './types.gen.js';

type Schemas = components['schemas'];

/** Member names the spec marks \`x-sensitive\`: issue messages never echo their values. */
export const sensitiveMembers: readonly string[] = [${sensitive.map(q).join(', ')}];

${lines.join('\n\n')}

/** Every validator by name. Importing this keeps all of them in a bundle; import one by name to keep one. */
export const validators = { ${names.join(', ')} } as const;

/** The value type a validator checks. */
export type Infer<V> = V extends Validator<infer T> ? T : never;
${names.map((name) => `export type ${name} = Schemas[${q(name)}];`).join('\n')}
`;
}

async function main(): Promise<string[]> {
  const spec = await loadSpec();
  const schemas = validatorSchemas(spec);
  const files = {
    [resolve(outDir, 'types.gen.ts')]: await typesModule(spec, schemas),
    [resolve(outDir, 'standalone.gen.ts')]: standalone(schemas),
    [resolve(outDir, 'validators.gen.ts')]: validatorsModule(spec, schemas),
  };
  await writeFilesAtomically(files);
  return Object.keys(files);
}

await runGenerator('@chime-api/validation', main);
