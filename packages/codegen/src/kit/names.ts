/**
 * The name resolver: every identifier one target declares and another
 * target's output refers to, decided once, at generate time, from the loaded
 * spec. A target asks here for a name instead of rebuilding it from
 * `operationId` (the client once looked validators up as `operationId +
 * kind` while the validation target named them `pascal(operationId) +
 * 'Input'`, so `get-thing` validated nothing). Each target sees the
 * namespaces of the targets it declares in `targets.ts` (`uses`) and its own.
 */
import type { OpenApiDocument } from '../types.js';
import { enumValuesName, OPERATION_TYPE_SUFFIXES, pascal, validatorName } from './naming.js';

/** What the resolver needs of an operation: its spec names (see `Operation` in operations.ts). */
export interface NamedOperation {
  operationId: string;
  /** {@link camel} of the operationId. */
  name: string;
  /** {@link pascal} of the operationId. */
  typeName: string;
  paginator?: unknown;
  read: boolean;
}

/** The client's identifiers of one operation (`packages/client/src/operations.gen.ts`). */
export interface ClientOperationNames {
  /** The client method, standalone function and key of `operations` / `OperationTypes` (`getThing`). */
  method: string;
  /** The operation's entry of the table (`getThingSpec`). */
  spec: string;
  /** The paginator function, for an operation that pages (`paginateGetThing`). */
  paginate?: string;
  input: string;
  output: string;
  error: string;
  /** The request body's type alias (`GetThingBody`). */
  body: string;
}

/** One validator's identifiers (`packages/validation/src`). */
export interface ValidatorNames {
  /** The schema name the validator is generated for (`GetThingInput`, `User`). */
  shape: string;
  /** Its export (`GetThingInputSchema`, `UserSchema`). */
  schema: string;
  /** Its key in `validators` and the deprecated export of the same value (`GetThingInput`, `User`). */
  legacy: string;
  /** The module of its own, for an operation's validators (`./generated/GetThingInput.gen.js`, from `src/`). */
  module: string;
  /** The standalone module beside it (`./GetThingInput.standalone.gen.js`, from `src/generated/`). */
  standalone: string;
  /** The files of those two modules, from `src/` (`generated/GetThingInput.gen.ts`, `generated/GetThingInput.standalone.gen.ts`). */
  files: { module: string; standalone: string };
}

/** The validation target's identifiers of one operation. */
export interface ValidationOperationNames {
  /**
   * The operation's key in `operationValidators` (`@chime-api/validation/loaders`):
   * its operationId, the value the client's table carries as `operationId`
   * and its `validate` option looks up.
   */
  loaderKey: string;
  input: ValidatorNames;
  output: ValidatorNames;
}

/** The query target's identifiers of one operation (`packages/query/src/queries.gen.ts`). */
export interface QueryOperationNames {
  /** The key factory's member (`chimeQueryKeys.getThing`): the client method's name. */
  key: string;
  /** The values it declares: query options (and infinite ones when it pages) for a read, mutation options for a write. */
  values: string[];
  queryOptions: string;
  infiniteQueryOptions: string;
  mutationOptions: string;
}

/** Each target's namespace of names. */
export interface NameResolver {
  client: {
    operation(op: NamedOperation): ClientOperationNames;
    /** A component schema's type (`User`, or `<Name>Shape` where an operation's type has its name). */
    schemaType(schemaName: string): string;
    /** The exception class of an `x-amzn-error-code` (`NotFoundException`). */
    exception(errorCode: string): string;
  };
  validation: {
    operation(op: NamedOperation): ValidationOperationNames;
    /** A component schema's validator. */
    schema(schemaName: string): ValidatorNames;
    /** The readonly tuple of an enum schema's values (`LicenseValues`). */
    enumValues(schemaName: string): string;
  };
  query: {
    operation(op: NamedOperation): QueryOperationNames;
  };
  mocks: {
    /** The operation's definition constant in `handlers.gen.ts` (`getThingDefinition`). */
    definition(op: NamedOperation): string;
  };
}

/** A target's name: a namespace of the resolver. */
export type TargetNamespace = keyof NameResolver;

function validatorOf(shape: string): ValidatorNames {
  return {
    shape,
    schema: validatorName(shape),
    legacy: pascal(shape),
    module: `./generated/${pascal(shape)}.gen.js`,
    standalone: `./${pascal(shape)}.standalone.gen.js`,
    files: { module: `generated/${pascal(shape)}.gen.ts`, standalone: `generated/${pascal(shape)}.standalone.gen.ts` },
  };
}

/**
 * Each component schema's type name in the client: its name through
 * {@link pascal}, or `<Name>Shape` where an operation's own type already has
 * that name (the official model has `CreateAttendeeError` shapes beside the
 * `CreateAttendee` operation, whose exceptions the client calls `CreateAttendeeError`).
 */
export function clientTypeNames(
  bundled: OpenApiDocument,
  operations: readonly NamedOperation[],
): Record<string, string> {
  const taken = new Set(operations.flatMap((op) => OPERATION_TYPE_SUFFIXES.map((suffix) => `${op.typeName}${suffix}`)));
  return Object.fromEntries(
    Object.keys(bundled.components?.schemas ?? {}).map((name) => {
      const type = pascal(name);
      return [name, taken.has(type) ? `${type}Shape` : type];
    }),
  );
}

/** The resolver of a loaded spec's names (built once by the loader, as `spec.names`). */
export function createNameResolver(bundled: OpenApiDocument, operations: readonly NamedOperation[]): NameResolver {
  const types = clientTypeNames(bundled, operations);
  return {
    client: {
      operation: (op) => ({
        method: op.name,
        spec: `${op.name}Spec`,
        ...(op.paginator ? { paginate: `paginate${op.typeName}` } : {}),
        input: `${op.typeName}Input`,
        output: `${op.typeName}Output`,
        error: `${op.typeName}Error`,
        body: `${op.typeName}Body`,
      }),
      schemaType: (name) => types[name] ?? pascal(name),
      exception: (code) => pascal(code),
    },
    validation: {
      operation: (op) => ({
        loaderKey: op.operationId,
        input: validatorOf(`${op.typeName}Input`),
        output: validatorOf(`${op.typeName}Output`),
      }),
      schema: validatorOf,
      enumValues: enumValuesName,
    },
    query: {
      operation: (op) => {
        const names = {
          key: op.name,
          queryOptions: `${op.name}QueryOptions`,
          infiniteQueryOptions: `${op.name}InfiniteQueryOptions`,
          mutationOptions: `${op.name}MutationOptions`,
        };
        const values = !op.read
          ? [names.mutationOptions]
          : [names.queryOptions, ...(op.paginator ? [names.infiniteQueryOptions] : [])];
        return { ...names, values };
      },
    },
    mocks: {
      definition: (op) => `${op.name}Definition`,
    },
  };
}

/**
 * The view of `names` a target gets: its own namespace and those of the
 * targets it declares it uses; reading another target's names throws, so an
 * undeclared dependency fails generation instead of hiding in the output.
 */
export function namesFor(names: NameResolver, target: string, uses: readonly string[]): NameResolver {
  const allowed = new Set([target, ...uses]);
  return new Proxy(names, {
    get(resolver, namespace, receiver) {
      if (typeof namespace === 'string' && Object.hasOwn(resolver, namespace) && !allowed.has(namespace))
        throw new Error(
          `the ${target} target reads the ${namespace} target's names but does not declare it: add '${namespace}' to its \`uses\` in packages/codegen/src/targets.ts.`,
        );
      return Reflect.get(resolver, namespace, receiver);
    },
  });
}
