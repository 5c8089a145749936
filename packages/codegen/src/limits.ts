/**
 * The loader's resource limits, checked on every file of a spec (the root and
 * every file a `$ref` reaches) before Redocly parses it: a hostile or broken
 * spec is refused in milliseconds with `file:line:col [rule] message` instead
 * of running for minutes and gigabytes (a YAML alias bomb: nine aliases of
 * nine aliases of ... expand to 9^9 nodes from 20 lines).
 *
 * Each limit can be raised for a legitimate spec with its environment
 * variable (README, "Limits of the loader"); the defaults are far above the
 * whole official Chime API (191 operations: 0.6 MB, 31,000 nodes, depth 15).
 */
import { relative } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { SpecProblem } from './load.js';

export interface LoaderLimits {
  /** Bytes in one file (`CHIME_SPEC_MAX_FILE_BYTES`): checked with `stat`, before the file is read. */
  maxFileBytes: number;
  /** Bytes in all the spec's files together (`CHIME_SPEC_MAX_TOTAL_BYTES`). */
  maxTotalBytes: number;
  /** YAML alias nodes (`*name`) in one file (`CHIME_SPEC_MAX_ALIASES`). */
  maxAliases: number;
  /** Nodes in one file once every alias is expanded, as every tool after the parser sees it (`CHIME_SPEC_MAX_NODES`). */
  maxNodes: number;
  /** Nesting of maps and lists, aliases expanded (`CHIME_SPEC_MAX_DEPTH`). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoaderLimits = {
  maxFileBytes: 8 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxAliases: 100,
  maxNodes: 2_000_000,
  maxDepth: 64,
};

const ENV: Record<keyof LoaderLimits, string> = {
  maxFileBytes: 'CHIME_SPEC_MAX_FILE_BYTES',
  maxTotalBytes: 'CHIME_SPEC_MAX_TOTAL_BYTES',
  maxAliases: 'CHIME_SPEC_MAX_ALIASES',
  maxNodes: 'CHIME_SPEC_MAX_NODES',
  maxDepth: 'CHIME_SPEC_MAX_DEPTH',
};

/** The limits in force: the defaults, each overridden by its environment variable (a positive integer), then by `overrides`. */
export function loaderLimits(overrides: Partial<LoaderLimits> = {}, env = process.env): LoaderLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV) as (keyof LoaderLimits)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`${ENV[key]}=${raw}: expected a whole number (the default is ${DEFAULT_LIMITS[key]})`);
    limits[key] = value;
  }
  return { ...limits, ...overrides };
}

/** How to raise limit `key`, for the message that names it. */
export function raiseHint(key: keyof LoaderLimits, limits: LoaderLimits): string {
  return `the limit is ${limits[key]} (${ENV[key]} raises it, if the spec really needs more)`;
}

/**
 * The problem a file over `maxFileBytes` is, or nothing: from its size alone,
 * so an oversized file is never read.
 */
export function checkFileSize(path: string, bytes: number, limits: LoaderLimits): SpecProblem | undefined {
  if (bytes <= limits.maxFileBytes) return undefined;
  return {
    file: relative(process.cwd(), path) || path,
    rule: 'chime/spec-limit',
    message: `The file is ${bytes} bytes, over the loader's size limit: ${raiseHint('maxFileBytes', limits)}. Split it with $refs, or trim it.`,
  };
}

/**
 * Parses `text` as YAML (JSON is YAML too) into a tree with positions, and
 * checks the alias, node and depth limits on it without ever expanding an
 * alias (each anchor's expanded size is counted once). Returns the parsed
 * document (for the `$ref` scan) or the problems.
 */
export function parseWithinLimits(
  path: string,
  text: string,
  limits: LoaderLimits,
): { root: Node | null; at: (offset: number) => { line: number; column: number }; problems: SpecProblem[] } {
  const file = relative(process.cwd(), path) || path;
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // the yaml package's own maxAliasCount applies only when converting to JS, which this never does: aliases are measured below
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    return {
      root: null,
      at,
      problems: [
        { file, ...at(syntax.pos[0]), rule: 'yaml-syntax', message: `The file does not parse: ${syntax.message}` },
      ],
    };
  }
  const problems: SpecProblem[] = [];
  const fail = (node: Node, key: keyof LoaderLimits, what: string) =>
    problems.push({
      file,
      ...at(node.range?.[0] ?? 0),
      rule: 'chime/spec-limit',
      message: `${what}: ${raiseHint(key, limits)}.`,
    });

  let aliases = 0;
  // expanded size and depth of each node an alias points at, computed once
  const measured = new Map<Node, { nodes: number; depth: number }>();
  const measure = (node: Node | null | undefined, depth: number): { nodes: number; depth: number } => {
    if (!node || problems.length > 0) return { nodes: 1, depth: 0 };
    if (isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliases) {
        fail(node, 'maxAliases', `More than ${limits.maxAliases} YAML aliases in the file`);
        return { nodes: 1, depth: 0 };
      }
      const target = node.resolve(doc) as Node | undefined;
      if (!target) return { nodes: 1, depth: 0 };
      const size = measured.get(target);
      // an anchor still being measured is an alias inside itself: a cycle, which YAML tools expand forever
      if (size === undefined) {
        fail(node, 'maxDepth', `The alias *${node.source} refers to a node that contains it (a cycle)`);
        return { nodes: 1, depth: 0 };
      }
      if (depth + size.depth > limits.maxDepth)
        fail(node, 'maxDepth', `The alias *${node.source} nests deeper than ${limits.maxDepth} levels once expanded`);
      return size;
    }
    if (depth > limits.maxDepth) {
      fail(node, 'maxDepth', `Maps and lists nest deeper than ${limits.maxDepth} levels`);
      return { nodes: 1, depth: 0 };
    }
    const anchored = (node as { anchor?: string }).anchor !== undefined;
    let total = { nodes: 1, depth: 0 };
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        const children = isPair(item) ? [item.key as Node | null, item.value as Node | null] : [item as Node];
        for (const child of children) {
          const size = measure(child, depth + 1);
          total = { nodes: total.nodes + size.nodes, depth: Math.max(total.depth, size.depth + 1) };
          if (total.nodes > limits.maxNodes && problems.length === 0)
            fail(
              child ?? node,
              'maxNodes',
              `The file holds more than ${limits.maxNodes} nodes once its YAML aliases are expanded (an alias bomb, or a spec too big to load)`,
            );
        }
      }
    } else if (!isScalar(node)) {
      return total;
    }
    if (anchored) measured.set(node, total);
    return total;
  };
  try {
    measure(doc.contents as Node | null, 0);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    fail(doc.contents as Node, 'maxDepth', `Maps and lists nest too deep to walk`);
  }
  return { root: doc.contents as Node | null, at, problems };
}
