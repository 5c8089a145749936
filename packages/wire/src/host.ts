/**
 * The host-prefix rule (`x-amzn-host-prefix`): an operation with a prefix
 * (`messaging-`) goes to the prefixed host name, except where no prefixed
 * name exists: `localhost` and IP literals.
 */

/** A host with no prefixed name: `localhost`, a dotted quad (`127.0.0.1`) or a bracketed IPv6 (`[::1]`). */
const UNPREFIXABLE_HOST = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[\da-f:.]*\])$/i;

/**
 * True when `hostname` (as `URL` gives it: lower-case, IPv4 canonical) can take a host prefix;
 * false for `localhost` and an IP literal. A DNS name that merely starts with a digit
 * (`1password.example`) takes one.
 */
export const prefixableHost = (hostname: string): boolean => !UNPREFIXABLE_HOST.test(hostname);

/**
 * `url` with the operation's host prefix prepended to its host name
 * (`https://chime.us-east-1.amazonaws.com/x` → `https://messaging-chime.us-east-1.amazonaws.com/x`),
 * a custom endpoint's too, but never to an IP literal or `localhost` (a loopback server or a
 * proxy addressed by IP has no prefixed name). The rest of the URL stays as written (never
 * re-serialised, so a path is not normalised).
 */
export function hostPrefixed(url: string, prefix: string | undefined): string {
  if (!prefix || !prefixableHost(new URL(url).hostname)) return url;
  return url.replace(/^([a-z][a-z\d+.-]*:\/\/(?:[^/?#@]*@)?)/i, `$1${prefix}`);
}
