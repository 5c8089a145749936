/**
 * The spec's examples, checked against their schemas with linear-time
 * patterns. Redocly's three example rules (`no-invalid-media-type-examples`,
 * `no-invalid-schema-examples`, `no-invalid-parameter-examples`) run each
 * `pattern` with the native, backtracking RegExp: an example `'a'×32 + '!'`
 * for `^(a+)+$` took 125 s. The loader runs them as written here instead:
 * the same visitors, rule ids, options (from redocly.yaml), messages and
 * locations as Redocly 2.64's, the same Ajv fork, but every pattern compiled
 * by @chime-api/validation's linear engine (the one the generated validators
 * run) and `date-time`/`email` checked by its hand-written formats.
 * (`pnpm lint:spec`, Redocly's CLI, still runs Redocly's own.)
 */

import { formats } from '@chime-api/validation/formats';
import { linearRegExp } from '@chime-api/validation/regexp';
import Ajv2020 from '@redocly/ajv/dist/2020.js';
import type { Config, Oas3Rule, UserContext } from '@redocly/openapi-core';
import { escapePointerFragment, isRef } from '@redocly/openapi-core';
import addFormats from 'ajv-formats';

type Ajv = InstanceType<typeof Ajv2020.default>;
type Validate = ((this: unknown, data: unknown, cxt: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
type Location = UserContext['location'];
type Resolve = UserContext['resolve'];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isDefined = (v: unknown) => v !== undefined;

/** Ajv does not validate these: schemas that differ only in them share one validator (as Redocly's). */
const ANNOTATIONS = ['title', 'description', 'example', 'examples', 'default', 'deprecated'];

/** Redocly's AjvValidator (OpenAPI 3.1, JSON Schema 2020-12), with linear patterns. */
class LinearExampleValidator {
  private ajv: Ajv | undefined;
  private readonly shared = new Map<string, Validate>();

  validate(
    data: unknown,
    schema: unknown,
    options: {
      schemaLoc: Location;
      instancePath: string;
      resolve: Resolve;
      allowAdditionalProperties: boolean;
      ajvContext?: object;
    },
  ): { valid: boolean; errors: (AjvError & { suggest?: unknown[] })[] } {
    const validate = this.validatorFor(schema, options.schemaLoc, options.resolve, options.allowAdditionalProperties);
    if (!validate) return { valid: true, errors: [] };
    const valid = validate.call(options.ajvContext ?? {}, data, {
      instancePath: options.instancePath,
      parentData: { fake: {} },
      parentDataProperty: 'fake',
      rootData: {},
      dynamicAnchors: {},
    });
    return { valid: !!valid, errors: (validate.errors ?? []).map((e) => beautify(e, options.instancePath)) };
  }

  private ajvOf(resolve: Resolve): Ajv {
    if (this.ajv) return this.ajv;
    const regExp = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), {
      code: 'linearRegExp',
    });
    this.ajv = new Ajv2020.default({
      schemaId: '$id',
      meta: true,
      allErrors: true,
      strictSchema: false,
      inlineRefs: false,
      validateSchema: false,
      discriminator: true,
      allowUnionTypes: true,
      validateFormats: true,
      passContext: true,
      logger: false,
      code: { regExp },
      loadSchemaSync(base: string, $ref: string, $id: string) {
        const resolved = resolve({ $ref }, decodeURI(base.split('#')[0] as string));
        if (!resolved?.location) return false;
        return { $id: `${encodeURI(resolved.location.source.absoluteRef)}#${$id}`, ...(resolved.node as object) };
      },
    } as never) as Ajv;
    (addFormats as unknown as { default: (ajv: Ajv) => void }).default(this.ajv);
    // the validators' own checks, linear, where the spec uses them
    for (const [name, check] of Object.entries(formats)) this.ajv.addFormat(name, check);
    return this.ajv;
  }

  private validatorFor(schema: unknown, loc: Location, resolve: Resolve, allowAdditional: boolean) {
    const ajv = this.ajvOf(resolve) as unknown as {
      setDefaultUnevaluatedProperties(value: boolean): void;
      compile(schema: unknown): Validate;
      getSchema(id: string): Validate | undefined;
      addSchema(schema: unknown, key: string): void;
    };
    if (isRef(schema) && Object.keys(schema).length === 1) {
      const resolved = resolve(schema, loc.source.absoluteRef);
      if (resolved.location && isPlainObject(resolved.node)) {
        schema = resolved.node;
        loc = resolved.location;
      }
    }
    if (isPlainObject(schema)) {
      const keywords = { ...schema };
      for (const k of ANNOTATIONS) delete keywords[k];
      const shape = JSON.stringify(keywords);
      if (!shape.includes('"$ref"')) {
        const key = `${allowAdditional}:${shape}`;
        let validate = this.shared.get(key);
        if (!validate) {
          ajv.setDefaultUnevaluatedProperties(allowAdditional);
          validate = ajv.compile(schema);
          this.shared.set(key, validate);
        }
        return validate;
      }
    }
    const $id = encodeURI(loc.absolutePointer);
    if (!ajv.getSchema($id)) {
      ajv.setDefaultUnevaluatedProperties(allowAdditional);
      ajv.addSchema({ $id, ...(schema as object) }, $id);
    }
    return ajv.getSchema($id);
  }
}

/** Redocly's wording: "`Name` property type must be string". */
function beautify(error: AjvError, instancePath: string): AjvError & { suggest?: unknown[] } {
  let message = error.message ?? '';
  const suggest = error.keyword === 'enum' ? (error.params.allowedValues as unknown[]) : undefined;
  if (suggest) message += ` ${suggest.map((e) => `"${String(e)}"`).join(', ')}`;
  if (error.keyword === 'type') message = `type ${message}`;
  const relativePath = error.instancePath.substring(instancePath.length + 1);
  const propName = relativePath.substring(relativePath.lastIndexOf('/') + 1);
  if (propName) message = `\`${propName}\` property ${message}`;
  let path = error.instancePath;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const property = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
    message = `${message} \`${property}\``;
    path += `/${escapePointerFragment(property)}`;
  }
  return { ...error, instancePath: path, message, ...(suggest ? { suggest } : {}) };
}

function validateExample(
  example: unknown,
  schema: unknown,
  location: Location,
  ctx: UserContext,
  validator: LinearExampleValidator,
  allowAdditionalProperties: boolean,
  reference: string,
  ajvContext?: object,
) {
  const { resolve, location: parentLocation, report } = ctx;
  try {
    const { valid, errors } = validator.validate(example, schema, {
      schemaLoc: parentLocation.child('schema'),
      instancePath: location.pointer,
      resolve,
      allowAdditionalProperties,
      ...(ajvContext ? { ajvContext } : {}),
    });
    if (valid) return;
    const At = location.constructor as new (source: Location['source'], pointer: string) => Location;
    for (const error of errors) {
      report({
        message: `Example value must conform to the schema: ${error.message}.`,
        location: {
          ...new At(location.source, error.instancePath),
          reportOnKey: error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties',
        },
        from: parentLocation,
        ...(error.suggest ? { suggest: error.suggest as string[] } : {}),
        reference,
      } as never);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message === 'discriminator: requires oneOf or anyOf composite keyword') return;
    report({
      message: `Example validation errored: ${message}.`,
      location: parentLocation.child('schema'),
      from: parentLocation,
      reference,
    } as never);
  }
}

function exampleValue(example: unknown): { value: unknown; field: string } | undefined {
  if (!isPlainObject(example)) return undefined;
  if (isDefined(example.dataValue)) return { value: example.dataValue, field: 'dataValue' };
  if (isDefined(example.value)) return { value: example.value, field: 'value' };
  return undefined;
}

const docs = (rule: string) => `https://redocly.com/docs/cli/rules/oas/${rule}`;
type Opts = { allowAdditionalProperties?: boolean };
type MediaTypeNode = { schema?: unknown; example?: unknown; examples?: Record<string, unknown> };

const mediaTypeExamples = (opts: Opts) => {
  const validator = new LinearExampleValidator();
  const leave = (ajvContext: object) => (mediaType: MediaTypeNode, ctx: UserContext) => {
    const check = (raw: unknown, at: Location, multiple: boolean) => {
      let example = raw;
      let location = at;
      if (isRef(example)) {
        const resolved = ctx.resolve(example);
        if (!resolved.location) return;
        location = resolved.location;
        example = resolved.node;
      }
      let value = example;
      if (multiple) {
        const selected = exampleValue(example);
        if (!selected) return;
        value = selected.value;
        location = location.child(selected.field);
      }
      const rule = 'no-invalid-media-type-examples';
      validateExample(
        value,
        mediaType.schema,
        location,
        ctx,
        validator,
        !!opts.allowAdditionalProperties,
        docs(rule),
        ajvContext,
      );
    };
    if (isDefined(mediaType.example)) check(mediaType.example, ctx.location.child('example'), false);
    else if (isPlainObject(mediaType.examples))
      for (const name of Object.keys(mediaType.examples))
        check(mediaType.examples[name], ctx.location.child(['examples', name]), true);
  };
  const skip = (mediaType: MediaTypeNode) => mediaType.schema === undefined;
  return {
    Parameter: { MediaType: { skip, leave: leave({ apiContext: 'request' }) } },
    RequestBody: { MediaType: { skip, leave: leave({ apiContext: 'request' }) } },
    Response: { MediaType: { skip, leave: leave({ apiContext: 'response' }) } },
  };
};

const schemaExamples = (opts: Opts) => {
  const validator = new LinearExampleValidator();
  const reference = docs('no-invalid-schema-examples');
  return {
    Schema: {
      leave(schema: Record<string, unknown>, ctx: UserContext) {
        const allow = !!opts.allowAdditionalProperties;
        if (Array.isArray(schema.examples))
          for (const [i, example] of schema.examples.entries())
            validateExample(example, schema, ctx.location.child(['examples', i]), ctx, validator, allow, reference);
        if (isDefined(schema.example)) {
          if (schema.nullable === true && schema.example === null && schema.type !== undefined) return;
          validateExample(schema.example, schema, ctx.location.child('example'), ctx, validator, allow, reference);
        }
      },
    },
  };
};

const parameterExamples = (opts: Opts) => {
  const validator = new LinearExampleValidator();
  const reference = docs('no-invalid-parameter-examples');
  const request = { apiContext: 'request' };
  return {
    Parameter: {
      leave(parameter: { schema?: unknown; example?: unknown; examples?: unknown }, ctx: UserContext) {
        const allow = !!opts.allowAdditionalProperties;
        if (isDefined(parameter.example))
          validateExample(
            parameter.example,
            parameter.schema,
            ctx.location.child('example'),
            ctx,
            validator,
            allow,
            reference,
            request,
          );
        if (isPlainObject(parameter.examples))
          for (const [key, example] of Object.entries(parameter.examples)) {
            const selected = exampleValue(example);
            if (selected)
              validateExample(
                selected.value,
                parameter.schema,
                ctx.location.child(['examples', key, selected.field]),
                ctx,
                validator,
                allow,
                reference,
                request,
              );
          }
      },
    },
  };
};

/** The rule ids replaced, with their linear versions. */
const LINEAR_RULES: Record<string, (opts: Opts) => unknown> = {
  'no-invalid-media-type-examples': mediaTypeExamples,
  'no-invalid-schema-examples': schemaExamples,
  'no-invalid-parameter-examples': parameterExamples,
};

/**
 * `config` with Redocly's example rules swapped for the linear ones, in every
 * OpenAPI 3 ruleset: same ids, so redocly.yaml's severities and options apply
 * and problems read as before.
 */
export function withLinearExampleRules(config: Config): Config {
  config.plugins = config.plugins.map((plugin) => {
    const oas3 = plugin.rules?.oas3 as Record<string, Oas3Rule> | undefined;
    if (!oas3 || !Object.keys(LINEAR_RULES).some((id) => id in oas3)) return plugin;
    const replaced = { ...oas3 };
    for (const [id, rule] of Object.entries(LINEAR_RULES)) if (id in oas3) replaced[id] = rule as Oas3Rule;
    return { ...plugin, rules: { ...plugin.rules, oas3: replaced } };
  });
  return config;
}
