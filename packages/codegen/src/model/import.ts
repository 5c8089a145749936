/**
 * `pnpm spec:import`: drafts operations from the Chime model, either into the
 * hand-authored spec (appended as text: every byte already there stays as it
 * was) or into a new document (`--out`). The result is loaded and linted with
 * {@link loadSpec} before anything is written.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { isCollection, isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { formatProblem, loadSpec, SpecError } from '../load.js';
import { type Draft, Drafter, type ExistingNames } from './draft.js';
import { firstSentence, type LoadedModel, pathKeyOf, plainText } from './model.js';

/** Thrown for a request the importer refuses; nothing has been written. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Levenshtein distance, for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The model's operations named in `names`, or all with `all`; unknown names fail with the closest matches. */
export function selectOperations(model: LoadedModel, names: string[], all: boolean): string[] {
  const known = Object.keys(model.service.operations).sort();
  if (all) return known;
  if (names.length === 0) {
    throw new ImportError('Name the operations to import (e.g. `pnpm spec:import GetUser ListUsers`), or pass --all.');
  }
  const unknown = names.filter((n) => !model.service.operations[n]);
  if (unknown.length > 0) {
    const hints = unknown.map((n) => {
      const near = known
        .map((k) => [k, editDistance(k.toLowerCase(), n.toLowerCase())] as const)
        .filter(([, d]) => d <= Math.max(2, Math.floor(n.length / 4)))
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, 5)
        .map(([k]) => k);
      return `${n}${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`;
    });
    throw new ImportError(
      `The model has no operation ${hints.join('; ')}. Operation names are PascalCase, as in boto3's docs.`,
    );
  }
  return [...new Set(names)];
}

/** Drafts `names` against what the spec already has. */
export function draftOperations(model: LoadedModel, names: string[], existing: ExistingNames): Draft {
  const drafter = new Drafter(model, existing);
  for (const name of names) drafter.operation(model.service.operations[name] as never);
  return drafter.draft;
}

// YAML 1.1 quoting: strings that a 1.1 parser (js-yaml) would read as dates or booleans are quoted
const YAML_OPTIONS = { aliasDuplicateObjects: false, lineWidth: 100, version: '1.1' } as const;

/** The region of Chime's global endpoint, where it signs. */
const GLOBAL_REGION = 'us-east-1';

/** A whole new document holding `names` (for `--out`): the same conventions as the product spec. */
export function buildDocument(model: LoadedModel, names: string[]): string {
  const { metadata } = model.service;
  const serverUrl = `https://${metadata.endpointPrefix}.${GLOBAL_REGION}.amazonaws.com`;
  const draft = draftOperations(model, names, {
    schemas: new Set(),
    responses: new Set(),
    headers: new Set(),
    tags: new Set(),
    serverUrl,
  });
  const signingName = metadata.signingName ?? metadata.endpointPrefix;
  const doc = {
    openapi: '3.1.0',
    info: {
      title: `${metadata.serviceFullName} (${names.length} operation${names.length === 1 ? '' : 's'} from the model)`,
      version: metadata.apiVersion,
      summary: `Drafted by pnpm spec:import from botocore ${metadata.endpointPrefix}/${metadata.apiVersion}.`,
      description: `Every operation here was drafted from the official service model (botocore \`${metadata.endpointPrefix}/${metadata.apiVersion}/service-2.json\`, protocol \`${metadata.protocol}\`, signature \`${metadata.signatureVersion}\`) in the conventions of specs/chime/openapi.yaml (README: "Operations from the official model"). Besides \`x-sensitive\` and \`x-amzn-error-code\`, what generators must honour: a literal query after \`#\` in a path key (sent as the start of the query string); \`x-amzn-host-prefix\` (prepended to the endpoint's host); \`x-amzn-error-codes\` (every exception at one status); \`x-amzn-timestamp-format\` (\`unixTimestamp\`: epoch seconds); \`x-amzn-idempotency-token\`; \`x-amzn-paginator\`. Examples are drafts (\`x-draft: true\`).`,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      { url: serverUrl, description: `The ${metadata.serviceId} global endpoint (signing region ${GLOBAL_REGION}).` },
    ],
    security: [{ sigv4: [] }],
    tags: [...draft.tags].sort((a, b) => a.name.localeCompare(b.name)),
    paths: sortKeys(draft.paths),
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: `AWS Signature Version 4 (service \`${signingName}\`, region \`${GLOBAL_REGION}\`).`,
          'x-amazon-apigateway-authtype': 'awsSigv4',
          'x-aws-sigv4': { service: signingName, region: GLOBAL_REGION },
        },
      },
      headers: sortKeys(draft.headers),
      responses: sortKeys(draft.responses),
      schemas: sortKeys(draft.schemas),
    },
  };
  return stringify(doc, YAML_OPTIONS);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Names and operations already in a spec, read from its YAML. */
export function existingOf(text: string): ExistingNames & { operations: Map<string, string> } {
  const doc = parseDocument(text).toJS() as {
    paths?: Record<string, Record<string, { operationId?: string }>>;
    components?: Record<string, Record<string, unknown>>;
    tags?: { name: string }[];
    servers?: { url: string }[];
  };
  const operations = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (op && typeof op === 'object' && 'responses' in op) {
        operations.set(`${method.toUpperCase()} ${path}`, op.operationId ?? '');
        if (op.operationId) operations.set(op.operationId, `${method.toUpperCase()} ${path}`);
      }
    }
  }
  const names = (kind: string) => new Set(Object.keys(doc.components?.[kind] ?? {}));
  const serverUrl = doc.servers?.[0]?.url;
  if (!serverUrl)
    throw new ImportError('The spec has no root `servers` entry; host prefixes are applied to it. Add one.');
  return {
    schemas: names('schemas'),
    responses: names('responses'),
    headers: names('headers'),
    tags: new Set((doc.tags ?? []).map((t) => t.name)),
    serverUrl,
    operations,
  };
}

/** Refuses operations whose id, or method and path, the spec already has. */
export function refuseExisting(model: LoadedModel, names: string[], operations: Map<string, string>, file: string) {
  const clashes: string[] = [];
  for (const name of names) {
    const op = model.service.operations[name];
    if (!op) continue;
    const where = `${op.http.method} ${pathKeyOf(op.http.requestUri)}`;
    if (operations.has(name)) clashes.push(`${name} is already there (${operations.get(name)})`);
    else if (operations.has(where)) clashes.push(`${where} is already taken by ${operations.get(where)}, not ${name}`);
  }
  if (clashes.length > 0) {
    throw new ImportError(
      `${file}: ${clashes.join('; ')}. spec:import never overwrites an operation; nothing was written. Leave these out, or delete them from the spec first to import the model's version.`,
    );
  }
}

interface Insertion {
  at: number;
  text: string;
  order: number;
}

function indentBlock(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/**
 * Text insertions that append `entries` to the block collection at `keyPath`
 * (creating missing parents), leaving every existing byte where it is.
 */
function appendAt(
  text: string,
  doc: ReturnType<typeof parseDocument>,
  keyPath: string[],
  entries: Record<string, unknown> | unknown[],
  order: number,
): Insertion {
  const node = keyPath.length ? doc.getIn(keyPath, true) : doc.contents;
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
    const parent = keyPath.slice(0, -1);
    return appendAt(text, doc, parent, { [keyPath.at(-1) as string]: entries }, order);
  }
  if (!isCollection(node) || !node.range)
    throw new ImportError(`${keyPath.join('.')} is not a map or list in the spec.`);
  if (node.flow) {
    throw new ImportError(
      `${keyPath.join('.') || 'The document'} is written in flow style ({...} / [...]); spec:import appends to block style only. Rewrite it in block style.`,
    );
  }
  if (Array.isArray(entries) !== isSeq(node) || (!Array.isArray(entries) && !isMap(node))) {
    throw new ImportError(`${keyPath.join('.')} has an unexpected shape in the spec.`);
  }
  const start = node.range[0];
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  const end = node.range[1];
  const at = text[end - 1] === '\n' ? end : text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end) + 1;
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { at, text: lead + indentBlock(stringify(entries, YAML_OPTIONS), indent), order };
}

/** `text` with the draft appended to its paths, components and tags; existing bytes untouched. */
export function appendDraft(text: string, draft: Draft): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new ImportError(`The spec does not parse: ${doc.errors[0]?.message}`);
  const insertions: Insertion[] = [];
  const add = (path: string[], entries: Record<string, unknown> | unknown[]) => {
    if (Array.isArray(entries) ? entries.length : Object.keys(entries).length) {
      insertions.push(appendAt(text, doc, path, entries, insertions.length));
    }
  };
  add(['tags'], draft.tags);
  const paths = (doc.toJS() as { paths?: Record<string, unknown> }).paths ?? {};
  const fresh: Draft['paths'] = {};
  for (const [key, item] of Object.entries(draft.paths)) {
    // another method on a path the spec has: append under that path item
    if (key in paths) add(['paths', key], item);
    else fresh[key] = item;
  }
  add(['paths'], fresh);
  add(['components', 'headers'], draft.headers);
  add(['components', 'responses'], draft.responses);
  add(['components', 'schemas'], draft.schemas);
  let out = text;
  for (const ins of insertions.sort((a, b) => b.at - a.at || b.order - a.order)) {
    out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  }
  return out;
}

export interface ImportRequest {
  model: LoadedModel;
  names: string[];
  all: boolean;
  /** Write a new document here instead of adding to `spec`. */
  out?: string;
  /** The spec to add to. */
  spec: string;
}

export interface ImportResult {
  file: string;
  operations: string[];
  /** Components and tags the import added (names the spec had are reused, not redefined). */
  added: { schemas: string[]; responses: string[]; headers: string[]; tags: string[] };
}

/**
 * Drafts the operations, checks the result with {@link loadSpec} (Redocly
 * with redocly.yaml, then this project's rules), and only then writes it.
 */
export async function runImport(request: ImportRequest): Promise<ImportResult> {
  const { model } = request;
  const names = selectOperations(model, request.names, request.all);
  let target: string;
  let content: string;
  let draft: Draft | undefined;
  if (request.out) {
    target = request.out;
    content = buildDocument(model, names);
  } else {
    target = request.spec;
    const text = await readFile(target, 'utf8');
    const existing = existingOf(text);
    refuseExisting(model, names, existing.operations, relative(process.cwd(), target) || target);
    draft = draftOperations(model, names, existing);
    content = appendDraft(text, draft);
  }
  // checked next to the target, so relative example refs resolve the same way
  const staged = join(dirname(target), `.spec-import-${randomUUID()}.yaml`);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(staged, content);
  try {
    await loadSpec(staged).catch((error: unknown) => {
      if (!(error instanceof SpecError)) throw error;
      const lines = error.problems.map((p) =>
        formatProblem({ ...p, file: p.file.replace(basename(staged), basename(target)) }),
      );
      throw new ImportError(
        `The drafted document does not pass the spec's lint, so nothing was written:\n${lines.join('\n')}\nThis is a bug in spec:import or a spec it cannot extend; import fewer operations or fix the spec first.`,
      );
    });
    await rename(staged, target);
  } finally {
    await rm(staged, { force: true });
  }
  const keys = (record: Record<string, unknown> | undefined) => Object.keys(record ?? {}).sort();
  return {
    file: target,
    operations: names,
    added: {
      schemas: keys(draft?.schemas),
      responses: keys(draft?.responses),
      headers: keys(draft?.headers),
      tags: (draft?.tags ?? []).map((t) => t.name),
    },
  };
}

/** A one-line description of an operation for CLI listings. */
export function describe(model: LoadedModel, name: string): string {
  const op = model.service.operations[name];
  if (!op) return name;
  return `${name}  ${op.http.method} ${op.http.requestUri}  ${firstSentence(plainText(op.documentation))}`;
}
