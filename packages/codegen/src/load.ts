import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundle,
  getLineColLocation,
  type LocationObject,
  lint,
  loadConfig,
  type NormalizedProblem,
  Source,
} from '@redocly/openapi-core';
import { withLinearExampleRules } from './examples.js';
import { createNameResolver, type NameResolver } from './kit/names.js';
import type { NameCollision } from './kit/naming.js';
import { type LoaderLimits, loaderLimits } from './limits.js';
import {
  buildOperationIndex,
  checkConventions,
  checkIdentifiers,
  clientTypeNames,
  type OperationIndex,
} from './operations.js';
import { ConfinedResolver, readSpecFiles } from './refs.js';
import type { OpenApiDocument } from './types.js';

/**
 * The repository root: the nearest folder above this module holding
 * pnpm-workspace.yaml (this module runs from src/, or bundled from .cache/).
 */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@chime-api/codegen must run inside the chime-api repository');
    dir = parent;
  }
  return dir;
})();

/** The one spec every package is generated from. `CHIME_SPEC` points elsewhere (tests, forks). */
export const defaultSpecPath = resolve(repoRoot, 'specs/chime/openapi.yaml');

/** The ruleset `pnpm lint:spec` runs too, so the loader and the CLI agree. */
export const defaultRulesetPath = resolve(repoRoot, 'redocly.yaml');

/** One problem found in a spec: where it is and which rule it breaks. */
export interface SpecProblem {
  /** Path of the file, relative to the working directory. */
  file: string;
  /** 1-based line and column, when the location could be mapped back to the source. */
  line?: number;
  column?: number;
  /** JSON pointer inside `file`. */
  pointer?: string;
  /** The rule, e.g. `no-unresolved-refs` or `chime/error-response-shape`. */
  rule: string;
  message: string;
}

/**
 * Thrown when the spec does not parse, does not resolve, or breaks a rule.
 * Its message lists every problem as `file:line:column rule message`, one a line,
 * so it reads like a compiler's output; `problems` holds them as data.
 */
export class SpecError extends Error {
  override name = 'SpecError';
  constructor(readonly problems: SpecProblem[]) {
    super(
      `The OpenAPI spec has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was generated:\n${problems
        .map(formatProblem)
        .join('\n')}\nFix the spec and run \`pnpm generate\` again (\`pnpm lint:spec\` shows the same problems).`,
    );
  }
}

export function formatProblem(p: SpecProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const pointer = p.pointer ? ` (at ${p.pointer})` : '';
  return `  ${where} [${p.rule}] ${p.message}${pointer}`;
}

function toProblem(problem: NormalizedProblem): SpecProblem {
  const location = problem.location[0] as LocationObject | undefined;
  const base = { rule: problem.ruleId, message: problem.message };
  if (!location) return { file: '<unknown>', ...base };
  const file = relative(process.cwd(), location.source.absoluteRef) || location.source.absoluteRef;
  const pointer = 'pointer' in location && location.pointer ? location.pointer : undefined;
  try {
    const { start } = getLineColLocation(location);
    return { file, line: start.line, column: start.col, ...(pointer ? { pointer } : {}), ...base };
  } catch {
    return { file, ...(pointer ? { pointer } : {}), ...base };
  }
}

/** A YAML or JSON syntax error thrown while reading the spec, as a {@link SpecError}. */
function parseFailure(error: unknown, path: string): SpecError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /\((\d+):(\d+)\)\s*$/.exec(message);
  const source = /in "([^"]+)"/.exec(message)?.[1] ?? path;
  return new SpecError([
    {
      file: relative(process.cwd(), source),
      ...(position ? { line: Number(position[1]), column: Number(position[2]) } : {}),
      rule: 'yaml-syntax',
      message: `The file does not parse: ${message.replace(/ in "[^"]+".*$/, '')}`,
    },
  ]);
}

/** What every generator reads: the spec once loaded, checked and indexed. */
export interface LoadedSpec {
  /** Absolute path of the root spec file. */
  path: string;
  /** Every file the spec is made of (root plus referenced examples), sorted. */
  files: string[];
  /** One document, external files inlined, internal `$ref`s kept (for type generators). */
  bundled: OpenApiDocument;
  /** The same document with every `$ref` replaced by its target. */
  dereferenced: OpenApiDocument;
  /** Operations in a stable order (by operationId). */
  operations: OperationIndex;
  /** Member names marked `x-sensitive` in any operation, sorted: computed once for every target. */
  sensitive: string[];
  /** Each component schema's type name in the client (see {@link clientTypeNames}; the same as `names.client.schemaType`). */
  clientTypeNames: Record<string, string>;
  /**
   * Every identifier one target declares and another refers to, resolved
   * once here (see kit/names.ts); a target gets the namespaces it declares
   * it uses, as the second argument of its `generate`.
   */
  names: NameResolver;
}

/** `pointer` in the root spec file as `line`/`column`, when it can be found. */
function locate(source: Source, pointer: string): { line?: number; column?: number } {
  if (!pointer) return {};
  try {
    const { start } = getLineColLocation({ source, pointer, reportOnKey: false });
    return start.line > 1 || start.col > 1 ? { line: start.line, column: start.col } : {};
  } catch {
    return {};
  }
}

/** One problem per pair of colliding spec names, listing every identifier they share. */
function collisionProblems(collisions: NameCollision[], file: string, source: Source): SpecProblem[] {
  const where = (s: NameCollision['first']) => {
    const at = locate(source, s.pointer);
    return at.line === undefined ? '' : ` (${file}:${at.line}:${at.column})`;
  };
  const pairs = new Map<string, { first: NameCollision['first']; second: NameCollision['second']; names: string[] }>();
  for (const c of collisions) {
    const id = JSON.stringify([c.first.what, c.first.raw, c.second.what, c.second.raw]);
    const pair = pairs.get(id) ?? { first: c.first, second: c.second, names: [] };
    if (!pair.names.includes(c.identifier)) pair.names.push(c.identifier);
    pairs.set(id, pair);
  }
  return [...pairs.values()].map(({ first, second, names }) => ({
    file,
    ...locate(source, second.pointer),
    rule: 'chime/identifier-collision',
    message: `${first.what} "${first.raw}"${where(first)} and ${second.what} "${second.raw}"${where(second)} both become ${names.join(', ')} in generated code. Rename one of them.`,
  }));
}

const cache = new Map<string, Promise<LoadedSpec>>();

export interface LoadOptions {
  /** Load again even when this path was loaded before (watch mode). */
  fresh?: boolean;
  /** The folder `$ref`s may reach (default `CHIME_SPEC_ROOT`, else the spec file's own folder). */
  root?: string;
  /** Overrides of the loader's limits (default: `limits.ts`, each raised by its environment variable). */
  limits?: Partial<LoaderLimits>;
}

/**
 * Loads, lints, bundles and indexes the spec. Any problem (YAML syntax, an
 * unresolved `$ref`, an example that breaks its schema, a duplicate
 * operationId, a path parameter missing from the path, ...) rejects with a
 * {@link SpecError} naming file, line and rule. Results are memoised per path
 * unless `fresh` (watch mode reloads after every save).
 *
 * @example
 * const spec = await loadSpec();
 * for (const op of spec.operations) console.log(op.operationId, op.method, op.path);
 */
export function loadSpec(
  path: string = process.env.CHIME_SPEC ?? defaultSpecPath,
  options: LoadOptions = {},
): Promise<LoadedSpec> {
  const absolute = resolve(path);
  let pending = options.fresh ? undefined : cache.get(absolute);
  if (!pending) {
    pending = load(absolute, options);
    cache.set(absolute, pending);
    pending.catch(() => cache.delete(absolute));
  }
  return pending;
}

async function load(path: string, options: LoadOptions): Promise<LoadedSpec> {
  if (!existsSync(path)) {
    throw new SpecError([
      {
        file: relative(process.cwd(), path),
        rule: 'spec-file',
        message: 'The spec file does not exist. Point CHIME_SPEC at it, or restore specs/chime/openapi.yaml.',
      },
    ]);
  }
  // every file is read, checked against the limits and confined to the root here, before Redocly parses any
  const root = await realpath(options.root ?? process.env.CHIME_SPEC_ROOT ?? dirname(await realpath(path)));
  if (!(await realpath(path)).startsWith(root + sep)) {
    throw new SpecError([
      {
        file: relative(process.cwd(), path),
        rule: 'chime/ref-outside-spec',
        message: `The spec file is outside ${root}, the folder its refs may reach (CHIME_SPEC_ROOT): point it at a folder that holds the spec.`,
      },
    ]);
  }
  const files = await readSpecFiles(path, { root }, loaderLimits(options.limits));
  if (files.problems.length > 0) throw new SpecError(files.problems);
  const externalRefResolver = () => new ConfinedResolver(files);

  const config = withLinearExampleRules(await loadConfig({ configPath: defaultRulesetPath }));
  const lintProblems = await lint({ ref: path, config, externalRefResolver: externalRefResolver() }).catch(
    (error: unknown) => {
      throw parseFailure(error, path);
    },
  );
  const errors = lintProblems.filter((p) => p.severity === 'error' && !p.ignored).map(toProblem);
  if (errors.length > 0) throw new SpecError(errors);

  const bundled = await bundle({ ref: path, config, dereference: false, externalRefResolver: externalRefResolver() });
  const dereferenced = await bundle({
    ref: path,
    config,
    dereference: true,
    externalRefResolver: externalRefResolver(),
  });
  const bundleErrors = [...bundled.problems, ...dereferenced.problems]
    .filter((p) => p.severity === 'error')
    .map(toProblem);
  if (bundleErrors.length > 0) throw new SpecError(bundleErrors);

  const bundledDoc = bundled.bundle.parsed as OpenApiDocument;
  const derefDoc = dereferenced.bundle.parsed as OpenApiDocument;
  const file = relative(process.cwd(), path);
  const source = new Source(path, files.sources.get(path) as string);
  const conventionProblems = checkConventions(derefDoc, file).map((p) => ({
    ...p,
    ...(p.pointer ? locate(source, p.pointer) : {}),
  }));
  if (conventionProblems.length > 0) throw new SpecError(conventionProblems);

  const operations = buildOperationIndex(bundledDoc, derefDoc);
  const names = createNameResolver(bundledDoc, operations);
  const collisions = checkIdentifiers(bundledDoc, operations, names);
  if (collisions.length > 0) throw new SpecError(collisionProblems(collisions, file, source));

  return {
    path,
    files: [...new Set([...bundled.fileDependencies, path])].sort(),
    bundled: bundledDoc,
    dereferenced: derefDoc,
    operations,
    sensitive: [...new Set(operations.flatMap((op) => op.sensitive))].sort(),
    clientTypeNames: clientTypeNames(bundledDoc, operations),
    names,
  };
}
