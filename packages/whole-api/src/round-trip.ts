/**
 * The wire codec's round trip over a whole operation table (issue 17): for
 * every operation and generated inputs, encode the request as the client does,
 * route it as the mocks and the SDK do, decode it as the mocks do, and get the
 * input back; encode a success as the mocks do, decode it as the client does,
 * and get the output back. The codec is a parameter, so a test can run the
 * same property against a codec with a planted bug and see it fail.
 */
import type * as Wire from '@chime-api/wire';
import type { OperationSpec } from '@chime-api/wire';

export type Codec = typeof Wire;

/** What the property needs of one operation: its spec's data fields and its schemas (the mocks' definition). */
export interface RoundTripOperation {
  spec: OperationSpec;
  inputSchema: Schema;
  outputSchema: Schema;
}

/** The JSON Schema subset the mocks' synthesiser reads. */
export type Schema = Record<string, unknown>;

export type Synthesize = (schema: Schema, random: () => number, referenceDate: Date, name: string) => unknown;

export interface RoundTripOptions {
  /** Inputs (and outputs) per operation. */
  inputs: number;
  /** The base URLs requests go to, in turn: a DNS name and an IP literal (where no host prefix applies). */
  bases: readonly string[];
  synthesize: Synthesize;
  seededRandom: (seed: number) => () => number;
}

const REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A date with milliseconds, within some years of the reference date. */
const someDate = (random: () => number) =>
  new Date(REFERENCE_DATE.getTime() - Math.floor(random() * 3e11) + Math.floor(random() * 1000));

/** Text a header carries as it was set: visible ASCII (no spaces at the ends), no comma inside a list item. */
const headerText = (value: unknown, list: boolean) =>
  typeof value === 'string' ? value.replace(list ? /[^\x21-\x2b\x2d-\x7e]/g : /[^\x21-\x7e]/g, 'x') || 'x' : value;

/**
 * A caller's input for `op`, made by the synthesiser from the flat input
 * schema: timestamp members as `Date`s, header text as a header can carry
 * it, a path member never empty or a dot segment; the idempotency tokens
 * left out of every other input, for the codec to fill.
 */
export function inputFor(op: RoundTripOperation, random: () => number, n: number, options: RoundTripOptions) {
  const input = options.synthesize(op.inputSchema, random, REFERENCE_DATE, op.spec.operationId) as Record<
    string,
    unknown
  >;
  for (const m of op.spec.members) {
    if (m.timestamp) input[m.name] = someDate(random);
    else if (m.in === 'header')
      input[m.name] = Array.isArray(input[m.name])
        ? (input[m.name] as unknown[]).map((item) => headerText(item, true))
        : headerText(input[m.name], false);
    else if (m.in === 'path' && ['', '.', '..'].includes(String(input[m.name]))) input[m.name] = `p${input[m.name]}`;
    if (m.idempotencyToken && n % 2 === 1) delete input[m.name];
  }
  return input;
}

/** Sets each leaf at `paths` (`*` for array items) that holds a value to what `make` returns. */
function setAt(value: unknown, paths: readonly (readonly string[])[], make: () => unknown) {
  const visit = (node: unknown, [head, ...rest]: readonly string[]): unknown => {
    if (head === undefined) return node === undefined ? node : make();
    if (head === '*') return Array.isArray(node) ? node.map((item) => visit(item, rest)) : node;
    if (node && typeof node === 'object' && head in node) {
      (node as Record<string, unknown>)[head] = visit((node as Record<string, unknown>)[head], rest);
    }
    return node;
  };
  for (const path of paths) visit(value, path);
}

/**
 * An output for `op` as the client hands it to a caller: the synthesised body
 * with `Date`s at its timestamp paths, the header members and the status member.
 */
export function outputFor(op: RoundTripOperation, random: () => number, options: RoundTripOptions) {
  const { spec } = op;
  const body =
    spec.successStatus === 204
      ? {}
      : (options.synthesize(op.outputSchema, random, REFERENCE_DATE, spec.operationId) as Record<string, unknown>);
  setAt(body, spec.datePaths, () => someDate(random));
  setAt(body, spec.epochPaths ?? [], () => someDate(random));
  for (const h of spec.outputHeaders ?? []) {
    const value = options.synthesize({ type: h.type ?? 'string' }, random, REFERENCE_DATE, h.name);
    body[h.name] = headerText(value, false);
  }
  if (spec.statusMember) body[spec.statusMember] = spec.successStatus;
  return body;
}

/** One way the round trip failed: the operation, the input number, and what differed. */
export interface Failure {
  operation: string;
  n: number;
  what: string;
}

const json = (value: unknown) =>
  JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

/** Equal as a caller sees them: the same members, `Date`s at the same instant. */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
    const [ka, kb] = [keys(a).sort(), keys(b).sort()];
    return (
      json(ka) === json(kb) &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return Object.is(a, b);
}

/**
 * Runs the property over every operation with `codec`: the failures, empty
 * when every input and output came back. Steps are the codec's own
 * (`withWireSteps` over the table's data fields), so a planted bug in a step
 * is the one that runs.
 */
export async function roundTrip(
  codec: Codec,
  operations: readonly RoundTripOperation[],
  options: RoundTripOptions,
): Promise<{ failures: Failure[]; checked: number }> {
  const specs = operations.map(({ spec: { requestSteps, responseSteps, ...data } }) => codec.withWireSteps(data));
  const router = codec.createRouter(specs, options.bases);
  const failures: Failure[] = [];
  let checked = 0;
  for (const [index, spec] of specs.entries()) {
    const op = operations[index] as RoundTripOperation;
    for (let n = 0; n < options.inputs; n++) {
      const random = options.seededRandom(index * 1009 + n + 1);
      const fail = (what: string) => failures.push({ operation: spec.operationId, n, what });
      checked++;
      // the request: encode → route → decode
      const input = inputFor(op, random, n, options);
      const base = options.bases[n % options.bases.length] as string;
      let request: Request;
      try {
        const encoded = codec.encodeRequest(spec, input, {
          base,
          refuse: (_op, member, problem) => {
            throw new Error(`${member.name} ${problem}`);
          },
        });
        request = new Request(encoded.url, { method: spec.method, headers: encoded.headers, body: encoded.body });
      } catch (error) {
        fail(`encode: ${(error as Error).message}`);
        continue;
      }
      const route = router.route(request.method, new URL(request.url));
      if (route?.kind !== 'operation' || route.index !== index) {
        const other = route?.kind === 'operation' ? specs[route.index]?.operationId : route?.kind;
        fail(`routed ${request.method} ${request.url} to ${other ?? 'nothing'}`);
        continue;
      }
      const text = await request.text();
      const decoded = codec.reviveInput(
        spec,
        codec.decodeRequest(spec, {
          url: new URL(request.url),
          headers: request.headers,
          params: route.params,
          body: text ? JSON.parse(text) : undefined,
        }),
      );
      for (const m of spec.members) {
        if (m.idempotencyToken && input[m.name] === undefined) {
          if (!UUID.test(String(decoded[m.name]))) fail(`token ${m.name} not filled: ${String(decoded[m.name])}`);
          delete decoded[m.name];
        }
      }
      if (!same(decoded, input)) fail(`input ${json(input)} came back as ${json(decoded)}`);

      // the response: encode → decode
      const output = outputFor(op, random, options);
      const expected = structuredClone(output);
      const sent = codec.encodeResponse(spec, output);
      const response = new Response(sent.body === undefined ? null : JSON.stringify(sent.body), {
        status: sent.status,
        headers: sent.headers,
      });
      const body = await response.text();
      const back = codec.decodeResponse(spec, response, body ? JSON.parse(body) : {});
      if (!same(back, expected)) fail(`output ${json(expected)} came back as ${json(back)}`);
    }
  }
  return { failures, checked };
}
