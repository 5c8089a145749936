/**
 * A success response both ways: encoded from an output (the mocks) and
 * decoded into one (the client). Output members the spec maps to headers
 * (`outputHeaders`) travel as headers, the status member as the status, the
 * rest as the JSON body; an operation without a body (a 204) sends none.
 */

import { convertAt } from './paths.js';
import type { OperationSpec } from './spec.js';
import { timestampToWire } from './timestamp.js';

type Values = Record<string, unknown>;

export interface EncodedResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body's value, or `undefined` for a response without a body. */
  body: unknown;
}

/**
 * The success response for `output`: header members as header text, the status
 * member left out of the body (the status is the operation's), `Date`s at
 * `datePaths` and `epochPaths` in their wire form (in place: a body without `Date`s is left as it is), no body when `hasBody` is false
 * (default: unless the success status is 204).
 */
export function encodeResponse(
  op: OperationSpec,
  output: unknown,
  { hasBody = op.successStatus !== 204 }: { hasBody?: boolean } = {},
): EncodedResponse {
  const headers: Record<string, string> = {};
  let rest = output;
  if ((op.outputHeaders?.length || op.statusMember) && output && typeof output === 'object') {
    rest = { ...output } as Values;
    for (const h of op.outputHeaders ?? []) {
      const value = (rest as Values)[h.name];
      delete (rest as Values)[h.name];
      if (value !== undefined && value !== null) headers[h.header] = String(value);
    }
    if (op.statusMember) delete (rest as Values)[op.statusMember];
  }
  convertAt(rest, op.datePaths, (node) => timestampToWire(node, 'date-time'));
  convertAt(rest, op.epochPaths, (node) => timestampToWire(node, 'unixTimestamp'));
  return { status: op.successStatus, headers, body: hasBody ? rest : undefined };
}

/**
 * The output a success carries: `data` (its parsed JSON body, `{}` for none) with
 * the operation's response steps run on it (members from headers and the status,
 * timestamps revived to `Date`s; see steps.ts).
 */
export function decodeResponse(op: OperationSpec, response: Response, data: Values): Values {
  for (const step of op.responseSteps ?? []) step(data, op, response);
  return data;
}
