/**
 * `$ref` confinement. A spec is input from people, and what a `$ref` reaches
 * is copied into committed, generated code: `$ref: /proc/self/environ` would
 * publish the generator's environment, `../../../etc/passwd` any file, and an
 * `http://` ref would fetch from the network. So the loader reads the spec
 * itself before Redocly sees it ({@link readSpecFiles}): from the root file,
 * every `$ref`, `externalValue` and discriminator `mapping` of every file
 * reached, and accepts a target only when it is a regular file whose real
 * path (symlinks followed) lies inside the spec's root folder, and when it
 * passes the limits of `limits.ts`. Anything else is refused at the ref's
 * `file:line:col` and never opened (`lstat`/`realpath` only).
 *
 * Redocly then resolves through {@link ConfinedResolver}, which serves only
 * the files read here (the very bytes that were checked) and refuses every
 * other path or URL: a ref the scan did not see still cannot read anything.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { BaseResolver, ResolveError, Source } from '@redocly/openapi-core';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { checkFileSize, type LoaderLimits, parseWithinLimits, raiseHint } from './limits.js';
import type { SpecProblem } from './load.js';

/** Where refs may reach. URLs never: a spec that needs a remote file keeps a copy in its folder. */
export interface RefPolicy {
  /** The folder every file of the spec must lie in (a real path). Default: the root spec file's folder; `CHIME_SPEC_ROOT` sets it. */
  root: string;
}

/** What the scan read: each file's text by the absolute path Redocly will ask for. */
export interface SpecFiles {
  sources: Map<string, string>;
  problems: SpecProblem[];
}

/** Redocly's own test for a URL ref (`isAbsoluteUrl`), widened to any scheme: `file:`, `data:`, `ftp:` are refused too. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

/** The file part of a ref, as Redocly's `parseRef` splits it: before `#/`, without a trailing `#`; `''` for a local ref. */
export function refFilePart(ref: string): string {
  const uri = ref.split('#/')[0] ?? '';
  if (/^#[A-Za-z][A-Za-z0-9\-_:.]*$/.test(ref)) return '';
  return uri.endsWith('#') ? uri.slice(0, -1) : uri;
}

const inside = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** Keys whose string value names another file. */
function refsIn(root: Node | null): Node[] {
  const found: Node[] = [];
  const stack: (Node | null | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const value = pair.value as Node | null;
        if ((key === '$ref' || key === 'externalValue') && isScalar(value) && typeof value.value === 'string')
          found.push(value);
        else if (key === 'mapping' && isMap(value)) {
          // a discriminator's mapping: a value that looks like a ref is resolved as one
          for (const entry of value.items)
            if (isPair(entry) && isScalar(entry.value) && typeof entry.value.value === 'string') {
              const target = entry.value.value;
              if (/^(#|\.\.?\/|[a-z][a-z0-9+.-]*:)/i.test(target) || /\.(ya?ml|json)(#|$)/i.test(target))
                found.push(entry.value as Node);
            }
        }
        stack.push(pair.key as Node | null, value);
      }
    } else if (isSeq(node)) {
      stack.push(...(node.items as Node[]));
    }
  }
  return found;
}

/**
 * Reads the root spec file and every file its refs reach, each checked
 * against `policy` and `limits` before it is opened. Problems name the ref
 * that points outside (or the file over a limit) at `file:line:col`.
 */
export async function readSpecFiles(rootFile: string, policy: RefPolicy, limits: LoaderLimits): Promise<SpecFiles> {
  const sources = new Map<string, string>();
  const problems: SpecProblem[] = [];
  let total = 0;
  const queued = new Set<string>([rootFile]);
  const queue: string[] = [rootFile];
  while (queue.length > 0 && problems.length === 0) {
    const path = queue.shift() as string;
    const size = (await stat(path)).size;
    const tooBig = checkFileSize(path, size, limits);
    if (tooBig) {
      problems.push(tooBig);
      break;
    }
    total += size;
    if (total > limits.maxTotalBytes) {
      problems.push({
        file: relative(process.cwd(), path) || path,
        rule: 'chime/spec-limit',
        message: `The spec's files together pass ${total} bytes with this one: ${raiseHint('maxTotalBytes', limits)}.`,
      });
      break;
    }
    const text = (await readFile(path, 'utf8')).replace(/\r\n/g, '\n');
    sources.set(path, text);
    // Redocly parses only YAML and JSON files; any other file a ref reaches is taken as text
    if (path !== rootFile && !/\.(ya?ml|json)$/i.test(path)) continue;
    const parsed = parseWithinLimits(path, text, limits);
    if (parsed.problems.length > 0) {
      problems.push(...parsed.problems);
      break;
    }
    const file = relative(process.cwd(), path) || path;
    for (const node of refsIn(parsed.root)) {
      const ref = (node as unknown as { value: string }).value;
      const target = refFilePart(ref);
      if (target === '') continue;
      const where = { file, ...parsed.at(node.range?.[0] ?? 0), rule: 'chime/ref-outside-spec' };
      const refused = await refuse(path, target, policy);
      if (refused) {
        problems.push({ ...where, message: `$ref "${ref}" ${refused}` });
        continue;
      }
      const absolute = resolve(dirname(path), target);
      if (!queued.has(absolute)) {
        queued.add(absolute);
        // a missing file is Redocly's to report (no-unresolved-refs), with its location
        if (
          await lstat(absolute).then(
            () => true,
            () => false,
          )
        )
          queue.push(absolute);
      }
    }
  }
  return { sources, problems };
}

/** Why the ref `target` from file `from` may not be followed, or nothing when it may. Opens nothing. */
async function refuse(from: string, target: string, policy: RefPolicy): Promise<string | undefined> {
  if (URL_LIKE.test(target) || target.startsWith('//'))
    return `is a URL, which the loader never fetches: refs may only name files inside ${policy.root} (keep a copy of the file there)`;
  const absolute = resolve(dirname(from), target);
  // the real path decides (symlinks followed, nothing opened); a missing file is Redocly's to report, and is read by no one
  const real = await realpath(absolute).catch(() => undefined);
  if (real === undefined) return undefined;
  if (!inside(policy.root, real))
    return `reaches ${real}, outside the spec's folder ${policy.root}: refs may only name files inside it (CHIME_SPEC_ROOT sets another folder)`;
  const kind = await stat(real);
  if (!kind.isFile()) return 'is not a regular file';
  return undefined;
}

/**
 * A Redocly resolver that serves the files {@link readSpecFiles} read and
 * nothing else: no disk read, no network. One per Redocly call (each parses
 * and may change its own copy).
 */
export class ConfinedResolver extends BaseResolver {
  constructor(private readonly files: SpecFiles) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const text = this.files.sources.get(absoluteRef);
    if (text === undefined) {
      const missing =
        !URL_LIKE.test(absoluteRef) &&
        !(await lstat(absoluteRef).then(
          () => true,
          () => false,
        ));
      throw new ResolveError(
        new Error(
          missing
            ? `ENOENT: no such file or directory, open '${absoluteRef}'`
            : `${absoluteRef} was not read: the loader serves only the files inside the spec's folder that its $ref scan reached`,
        ),
      );
    }
    return new Source(absoluteRef, text);
  }
}
