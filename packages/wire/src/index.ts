/**
 * @chime-api/wire: the wire rules of the Chime spec in one place, for the
 * client, the SDK middleware and the mocks: the operation spec type, requests
 * encoded from an input and decoded back into one, a request routed to its
 * operation, success responses both ways, and the rules underneath (host
 * prefixes, literal queries, the timestamp codec, idempotency tokens, redaction).
 * Browser and Node alike; every export tree-shakes on its own.
 */
export { hostPrefixed, prefixableHost } from './host.js';
export { convertAt } from './paths.js';
export { carriesPairs, literalPairs, splitPathKey } from './query.js';
export { REDACTED, redact } from './redact.js';
export {
  bodyMembersOf,
  decodeRequest,
  type EncodedRequest,
  type EncodeOptions,
  encodeRequest,
  type RequestParts,
  reviveInput,
  segmentProblem,
} from './request.js';
export { decodeResponse, type EncodedResponse, encodeResponse } from './response.js';
export { createRouter, isLoopbackOrIp, type Routable, type Route, type Router } from './router.js';
export type {
  HeaderMemberSpec,
  MemberSpec,
  OperationSpec,
  OperationTable,
  PaginatorSpec,
  RequestStep,
  ResponseStep,
  TimestampFormat,
  WireCall,
} from './spec.js';
export {
  encodeHeaders,
  encodeQuery,
  encodeTimestamps,
  fillTokens,
  prefixHost,
  readHeaders,
  reviveDates,
  reviveEpochs,
  uuid,
  withWireSteps,
} from './steps.js';
export { fromText, percentEncode } from './text.js';
export { dateFromEpoch, dateFromText, timestampFromWire, timestampToWire } from './timestamp.js';
