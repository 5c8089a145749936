/** How a member travels as text (a query or header value), both ways. */
import type { MemberSpec } from './spec.js';

type Scalar = MemberSpec['type'] | MemberSpec['items'];

/** Percent-encoding as the AWS SDKs do it for paths and queries: `encodeURIComponent` plus `!'()*` (RFC 3986). */
export const percentEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A query or header value as its member's type: `max-results=5` → 5, `true` → true,
 * an epoch-seconds timestamp → its number. Anything else stays the text that was
 * sent, for validation to refuse in the service's words (`STRING_VALUE can not be
 * converted to an Integer`). Date-time timestamps stay RFC 3339 strings (the wire shape).
 */
export function fromText(text: string, type: Scalar, timestamp?: MemberSpec['timestamp']): unknown {
  if (timestamp === 'unixTimestamp' || type === 'number') {
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
  }
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}
