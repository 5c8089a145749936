/**
 * The wire codec's round trip (issue 17) over the whole official API: the
 * 191-operation document drafted from the model generates the client's
 * operation table and the mocks' definitions (their input and output
 * schemas); for every operation and 6 inputs made by the mocks' synthesiser,
 * encode → route → decode gives the input back and encode-response →
 * decode-response the output. Two hand-written operations beside them share
 * the document's `GET /search` and its first literal pair, with
 * epoch-seconds query and header members, so the rules the document alone
 * never needs to tell apart are exercised too. Then the same property runs
 * against the codec with one planted bug at a time, and must fail.
 *
 * The codec is @chime-api/wire's source, imported afresh per run, so a
 * planted bug (a module replaced with vi.doMock) is the code that runs.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDocument, generate, loadModel, targets } from '@chime-api/codegen';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Codec, type RoundTripOperation, type RoundTripOptions, roundTrip } from '../src/round-trip.js';
import { operationNames } from '../src/tree.js';

const here = import.meta.dirname;
const packages = resolve(here, '../..');
const wireSrc = join(packages, 'wire/src');
const root = join(here, '.tmp/round-trip');
const INPUTS = 6;

let operations: RoundTripOperation[];
let options: RoundTripOptions;

/** Two operations written by hand, at the document's `GET /search` (`type=phone-numbers`), told apart by their second pair. */
const HAND_WRITTEN: RoundTripOperation[] = ['account', 'app'].map((scope) => ({
  spec: {
    operationId: `SearchUsers_${scope}`,
    method: 'GET',
    path: '/search',
    query: `type=users&scope=${scope}`,
    members: [
      { name: 'Since', in: 'query', wireName: 'since', required: false, timestamp: 'unixTimestamp' },
      { name: 'At', in: 'header', wireName: 'x-at', required: false, timestamp: 'unixTimestamp' },
      { name: 'Tags', in: 'query', wireName: 'tag', required: false, type: 'array', items: 'string' },
      { name: 'Token', in: 'header', wireName: 'x-token', required: false, idempotencyToken: true },
    ],
    successStatus: 200,
    datePaths: [],
    epochPaths: [['Users', '*', 'Seen']],
    errors: {},
    sensitive: [],
  },
  inputSchema: {
    type: 'object',
    properties: {
      Since: { type: 'number' },
      At: { type: 'number' },
      Tags: { type: 'array', items: { type: 'string' } },
    },
  },
  outputSchema: {
    type: 'object',
    properties: { Users: { type: 'array', items: { type: 'object', properties: { Seen: { type: 'number' } } } } },
  },
}));

/** The generated client table and mocks definitions, beside copies of both runtimes (as a user of another spec gets them). */
async function generated(): Promise<RoundTripOperation[]> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const model = loadModel();
  const spec = join(root, 'openapi.yaml');
  writeFileSync(spec, buildDocument(model, operationNames(model, 'all')));
  const wanted = targets.filter((t) => t.name === 'client' || t.name === 'mocks');
  await generate({ spec, outRoot: root, targets: wanted, fresh: true });
  for (const pkg of ['client', 'mocks']) {
    for (const file of readdirSync(join(packages, pkg, 'src'))) {
      if (file.endsWith('.ts') && !file.endsWith('.gen.ts'))
        cpSync(join(packages, pkg, 'src', file), join(root, pkg, file));
    }
  }
  // the mocks' definitions read this table; their validators are not what this test checks (none is called)
  const handlers = join(root, 'mocks/handlers.gen.ts');
  writeFileSync(
    handlers,
    readFileSync(handlers, 'utf8')
      .replace("from '@chime-api/client/core'", "from '../client/operations.gen.js'")
      .replace(
        /import \{ validators \} from '@chime-api\/validation';/,
        'const validators = {} as Record<string, never>;',
      ),
  );
  const { definitions } = (await import(handlers)) as {
    definitions: { operation: RoundTripOperation['spec']; inputSchema: object; outputSchema: object }[];
  };
  return definitions.map((d) => ({
    spec: d.operation,
    inputSchema: d.inputSchema as Record<string, unknown>,
    outputSchema: d.outputSchema as Record<string, unknown>,
  }));
}

/** @chime-api/wire's source, loaded afresh (so the modules replaced by vi.doMock, if any, are the ones it uses). */
async function freshCodec(): Promise<Codec> {
  vi.resetModules();
  return (await import(join(wireSrc, 'index.ts'))) as Codec;
}

beforeAll(async () => {
  const fromModel = await generated();
  operations = [...fromModel, ...HAND_WRITTEN];
  const { synthesize, seededRandom } = await import(join(packages, 'mocks/src/data.ts'));
  options = {
    inputs: INPUTS,
    bases: ['https://chime.us-east-1.amazonaws.com', 'http://127.0.0.1:9000'],
    synthesize,
    seededRandom,
  };
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the wire round trip over the whole API', () => {
  it('every operation: encode → route → decode gives the input back, encode → decode the output', async () => {
    expect(operations).toHaveLength(191 + HAND_WRITTEN.length);
    // the document exercises what the property is about: host prefixes, literal queries, epoch timestamps, tokens
    const specs = operations.map((o) => o.spec);
    expect(specs.filter((s) => s.hostPrefix).length).toBeGreaterThan(10);
    expect(specs.filter((s) => s.query).length).toBeGreaterThan(10);
    expect(specs.filter((s) => s.members.some((m) => m.idempotencyToken)).length).toBeGreaterThan(5);
    expect(specs.filter((s) => s.members.some((m) => m.in === 'query' || m.in === 'header')).length).toBeGreaterThan(
      10,
    );
    const { failures, checked } = await roundTrip(await freshCodec(), operations, options);
    expect(failures).toEqual([]);
    expect(checked).toBe(operations.length * INPUTS);
  });
});

/** A planted bug: a wire module replaced by a mutant of itself. */
interface Mutant {
  name: string;
  module: string;
  mutate: (original: Record<string, unknown>) => Record<string, unknown>;
  /** What the failures name: the operations it breaks. */
  breaks: RegExp;
}

const MUTANTS: Mutant[] = [
  {
    name: 'a literal-query matcher that honours only the first pair',
    module: 'query.ts',
    mutate: (original) => ({
      ...original,
      carriesPairs: (pairs: [string, string][], params: URLSearchParams) =>
        (original.carriesPairs as (p: [string, string][], q: URLSearchParams) => boolean)(pairs.slice(0, 1), params),
    }),
    breaks: /SearchUsers_/,
  },
  {
    name: 'a dropped epoch conversion (a Date sent as RFC 3339 where the wire wants epoch seconds)',
    module: 'timestamp.ts',
    mutate: (original) => ({
      ...original,
      timestampToWire: (value: unknown) => (value instanceof Date ? value.toISOString() : value),
    }),
    breaks: /came back/,
  },
  {
    name: 'a host prefix applied to an IP literal',
    module: 'host.ts',
    mutate: (original) => ({
      ...original,
      hostPrefixed: (url: string, prefix?: string) =>
        prefix ? url.replace(/^([a-z][a-z\d+.-]*:\/\/)/i, `$1${prefix}`) : url,
    }),
    // `messaging-127.0.0.1` is no host a URL can name: the request cannot even be made
    breaks: /http:\/\/[a-z]+-127\.0\.0\.1:9000\//,
  },
  {
    name: 'epoch seconds revived as milliseconds',
    module: 'timestamp.ts',
    mutate: (original) => ({
      ...original,
      dateFromEpoch: (value: unknown) => (typeof value === 'number' ? new Date(value) : undefined),
    }),
    breaks: /output .* came back/,
  },
];

describe('planted bugs in the codec fail the round trip', () => {
  it.each(MUTANTS.map((m) => [m.name, m] as const))('%s', async (_name, mutant) => {
    const path = join(wireSrc, mutant.module);
    vi.doMock(path, async (importOriginal) => mutant.mutate(await importOriginal<Record<string, unknown>>()));
    try {
      const { failures } = await roundTrip(await freshCodec(), operations, options);
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.map((f) => `${f.operation}: ${f.what}`).join('\n')).toMatch(mutant.breaks);
    } finally {
      vi.doUnmock(path);
    }
  });

  it('the unmutated codec, loaded the same way after the mutants, passes again', async () => {
    expect((await roundTrip(await freshCodec(), operations, options)).failures).toEqual([]);
  });
});
