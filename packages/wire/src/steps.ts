/**
 * The wire features only some operations use, one step each: idempotency
 * tokens, timestamps in their wire form, host prefixes, query strings,
 * header members, output members read from headers and the status, and
 * timestamp revival. The generator lists a step in an operation's spec
 * constant (`createItemSpec.requestSteps`) only when the operation's data
 * fields call for it, and `send` runs the steps it finds: so a bundle
 * carries the code of the features its operations use, and no other.
 * A spec written by hand gets its steps from {@link withWireSteps}.
 */
import { hostPrefixed } from './host.js';
import { convertAt } from './paths.js';
import type { MemberSpec, OperationSpec, RequestStep, ResponseStep } from './spec.js';
import { fromText, percentEncode } from './text.js';
import { dateFromEpoch, dateFromText, timestampToWire } from './timestamp.js';

/**
 * A random (v4) UUID for an idempotency token: `crypto.randomUUID()`, or the
 * same from `crypto.getRandomValues` where a browser withholds `randomUUID`
 * (a page served over plain http from a non-localhost host).
 */
export function uuid(): string {
  // each 0/1/8 of the template becomes a random hex digit: 4 stays (version), 8 becomes 8-b (variant)
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+c / 4)))).toString(16),
    )
  );
}

/**
 * Fills each idempotency token (`x-amzn-idempotency-token`) the caller left
 * out with a fresh UUID, as AWS SDK v3 does; once per call, so every retry
 * resends the same token.
 */
export const fillTokens: RequestStep = ({ wire }, op) => {
  for (const { name, idempotencyToken } of op.members) {
    if (idempotencyToken && wire[name] === undefined) wire[name] = uuid();
  }
};

/**
 * Each timestamp member's `Date` in its wire form: an RFC 3339 string, or
 * epoch seconds for `unixTimestamp`; anything else as given.
 */
export const encodeTimestamps: RequestStep = ({ wire }, op) => {
  for (const { name, timestamp } of op.members) {
    if (timestamp && wire[name] instanceof Date) wire[name] = timestampToWire(wire[name], timestamp);
  }
};

/** Sends the call to the operation's prefixed host (see {@link hostPrefixed}), unless the client sets `disableHostPrefix`. */
export const prefixHost: RequestStep = (call, op) => {
  if (!call.disableHostPrefix) call.base = hostPrefixed(call.base, op.hostPrefix);
};

/**
 * The query string (`?operation=archive&tag=a&tag=b`): the literal query
 * first, then the query members that are set, lists as repeated keys
 * (restJson1's form).
 */
export const encodeQuery: RequestStep = (call, op) => {
  const pairs: string[] = op.query ? [op.query] : [];
  for (const { name, in: where, wireName } of op.members) {
    const value = call.wire[name];
    if (where !== 'query' || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value])
      pairs.push(`${percentEncode(wireName)}=${percentEncode(String(item))}`);
  }
  if (pairs.length) call.search = `?${pairs.join('&')}`;
};

/** The header members that are set, as header text: a list comma-joined, anything else as `String` writes it. */
export const encodeHeaders: RequestStep = ({ wire, headers }, op) => {
  for (const { name, in: where, wireName } of op.members) {
    const value = wire[name];
    if (where === 'header' && value !== undefined)
      headers[wireName] = Array.isArray(value) ? value.join(',') : String(value);
  }
};

/** The output members the spec maps from the success response's headers (`outputHeaders`) and its status (`statusMember`). */
export const readHeaders: ResponseStep = (data, op, response) => {
  for (const { name, header, type } of op.outputHeaders ?? []) {
    const value = response.headers.get(header);
    if (value !== null) data[name] = fromText(value, type);
  }
  if (op.statusMember) data[op.statusMember] = response.status;
};

/** The RFC 3339 strings at `datePaths` as `Date`s. */
export const reviveDates: ResponseStep = (data, op) =>
  convertAt(data, op.datePaths, (node) => dateFromText(node) ?? node);

/** The epoch seconds at `epochPaths` as `Date`s. */
export const reviveEpochs: ResponseStep = (data, op) =>
  convertAt(data, op.epochPaths, (node) => dateFromEpoch(node) ?? node);

/**
 * A spec written by hand with every step its data fields call for, in the
 * order the generator writes them into each spec constant:
 * `client.send(withWireSteps({ operationId: 'SearchThings', ... }), input)`.
 */
export function withWireSteps<T extends OperationSpec>(op: T): T {
  const has = (test: (member: MemberSpec) => unknown) => op.members.some(test);
  const pick = <S>(steps: [S, unknown][]) => steps.filter(([, needed]) => needed).map(([step]) => step);
  const requestSteps = pick<RequestStep>([
    [fillTokens, has((m) => m.idempotencyToken)],
    [encodeTimestamps, has((m) => m.timestamp)],
    [prefixHost, op.hostPrefix],
    [encodeQuery, op.query || has((m) => m.in === 'query')],
    [encodeHeaders, has((m) => m.in === 'header')],
  ]);
  const responseSteps = pick<ResponseStep>([
    [readHeaders, op.outputHeaders?.length || op.statusMember],
    [reviveDates, op.datePaths.length],
    [reviveEpochs, op.epochPaths?.length],
  ]);
  return {
    ...op,
    ...(requestSteps.length > 0 && { requestSteps }),
    ...(responseSteps.length > 0 && { responseSteps }),
  };
}
