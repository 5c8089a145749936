/**
 * Generate-time checks of the spec's `pattern`s, before any validator is
 * built: each must be a pattern JavaScript accepts (parsed by
 * `@eslint-community/regexpp`) that the linear-time matcher can run, and an
 * `x-pattern-message` must sit beside a `pattern`. A problem stops generation
 * as a SpecError naming `file:line:column` of the pattern in the spec.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { compilePattern, PatternError } from '@chime-api/validation/regexp';
import { getLineColLocation, Source } from '@redocly/openapi-core';
import { type LoadedSpec, SpecError, type SpecProblem } from '../load.js';

/** The vendor extension that gives a pattern its human message (`must not be blank`). */
export const PATTERN_MESSAGE = 'x-pattern-message';

/** Keys whose value maps names to schemas: a key named `pattern` there is a member, not the keyword. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keys whose value is data, not schemas. */
const DATA = new Set(['example', 'examples', 'enum', 'const', 'default']);

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

interface Found {
  pointer: string;
  node: Record<string, unknown>;
}

/** Every schema object of the document for which `wanted` holds, with its JSON pointer. */
function schemasWhere(doc: unknown, wanted: (node: Record<string, unknown>) => boolean): Found[] {
  const found: Found[] = [];
  const walk = (value: unknown, pointer: string, isMap: boolean) => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${pointer}/${i}`, false);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (!isMap && wanted(node)) found.push({ pointer, node });
    for (const [key, child] of Object.entries(node)) {
      if (!isMap && DATA.has(key)) continue;
      walk(child, `${pointer}/${escapePointer(key)}`, !isMap && SCHEMA_MAPS.has(key));
    }
  };
  walk(doc, '#', false);
  return found;
}

/** Problems located in the root spec file, as `file:line:column`. */
function reporter(spec: LoadedSpec) {
  const source = new Source(spec.path, readFileSync(spec.path, 'utf8'));
  const file = relative(process.cwd(), spec.path) || spec.path;
  const problems: SpecProblem[] = [];
  const report = (pointer: string, rule: string, message: string) => {
    let where: Partial<SpecProblem> = {};
    try {
      const { start } = getLineColLocation({ source, pointer, reportOnKey: false }) as {
        start: { line: number; col: number };
      };
      where = { line: start.line, column: start.col };
    } catch {
      // no position: the pointer alone still says where
    }
    problems.push({ file, ...where, pointer, rule, message });
  };
  return { problems, report };
}

/**
 * Checks every pattern of the spec; throws a SpecError listing each problem
 * with the file, line and column of the offending `pattern` (or message).
 */
export function checkPatterns(spec: LoadedSpec): void {
  const { problems, report } = reporter(spec);
  for (const { pointer, node } of schemasWhere(
    spec.bundled,
    (node) => typeof node.pattern === 'string' || PATTERN_MESSAGE in node,
  )) {
    const message = node[PATTERN_MESSAGE];
    if (message !== undefined && (typeof message !== 'string' || message.trim() === '')) {
      report(
        `${pointer}/${PATTERN_MESSAGE}`,
        'chime/pattern-message',
        `${PATTERN_MESSAGE} must be a non-empty string.`,
      );
    }
    if (typeof node.pattern !== 'string') {
      if (message !== undefined)
        report(
          `${pointer}/${PATTERN_MESSAGE}`,
          'chime/pattern-message',
          `${PATTERN_MESSAGE} has no pattern beside it; move it to the schema that has the \`pattern\`.`,
        );
      continue;
    }
    try {
      compilePattern(node.pattern, 'u');
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      report(
        `${pointer}/pattern`,
        'chime/pattern',
        `The pattern ${error.message}. Validators match patterns as JavaScript does (with the u flag), in linear time; fix the pattern.`,
      );
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
}

/**
 * Every `format` of the spec must be one the validators check (`strings` on
 * strings, `numbers` on numbers: packages/validation/src/formats.ts); Ajv
 * would otherwise stop on it mid-generation without saying where. Throws a
 * SpecError naming `file:line:column` of each unknown `format`.
 */
export function checkFormats(spec: LoadedSpec, strings: readonly string[], numbers: readonly string[]): void {
  const { problems, report } = reporter(spec);
  for (const { pointer, node } of schemasWhere(spec.bundled, (node) => typeof node.format === 'string')) {
    const format = node.format as string;
    if (strings.includes(format) || numbers.includes(format)) continue;
    report(
      `${pointer}/format`,
      'chime/format',
      `unknown format "${format}": the validators check ${[...strings, ...numbers].map((f) => `"${f}"`).join(', ')} (packages/validation/src/formats.ts). Use one of those, a \`pattern\` instead, or add a check for "${format}" there.`,
    );
  }
  if (problems.length > 0) throw new SpecError(problems);
}
