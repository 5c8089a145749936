/**
 * Headers as the mocks record them, and the SigV4 check the service makes on
 * them. Kept apart from the HTTP server and the request handling: both call
 * these two functions only.
 */

/**
 * The request's headers by lower-case name, whatever the runtime's `Headers`
 * keeps: a spec-conformant one lower-cases names, happy-dom's keeps them as
 * set (`X-Amz-Date`). Names differing only in case are joined as `fetch` joins
 * repeated headers (`, `).
 */
export function recordedHeaders(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  });
  return headers;
}

const SIGV4 = 'AWS4-HMAC-SHA256';

/**
 * Why the service would refuse the request's SigV4 `Authorization` header, or
 * `undefined` (unsigned requests and other schemes are not the mocks' to
 * judge). SigV4 names the signed headers in `SignedHeaders` lower case,
 * sorted, `host` among them: a signer that kept a header's case (aws4fetch
 * under happy-dom signed `X-Amz-Date`) computed its signature over another
 * canonical request than the service does, so the service answers that the
 * signature does not match.
 */
export function signatureProblem(headers: Readonly<Record<string, string>>): string | undefined {
  const authorization = headers.authorization;
  if (!authorization?.startsWith(`${SIGV4} `)) return undefined;
  const params = new Map(
    authorization
      .slice(SIGV4.length + 1)
      .split(',')
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
      }),
  );
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !params.get(name));
  if (missing.length) {
    return `Authorization header requires ${missing.map((name) => `'${name}'`).join(', ')} parameter${missing.length > 1 ? 's' : ''}.`;
  }
  const signed = (params.get('SignedHeaders') as string).split(';');
  const why = signed.some((name) => name !== name.toLowerCase())
    ? `SignedHeaders must name headers in lower case; found ${signed.filter((n) => n !== n.toLowerCase()).join(', ')}`
    : signed.some((name, i) => i > 0 && (signed[i - 1] as string) >= name)
      ? `SignedHeaders must be sorted and without repeats; found ${signed.join(';')}`
      : !signed.includes('host')
        ? 'SignedHeaders must include host'
        : signed.find((name) => name !== 'host' && !(name in headers));
  if (why === undefined) return undefined;
  const reason = why.startsWith('SignedHeaders') ? why : `SignedHeaders names ${why}, which the request does not carry`;
  return `The request signature we calculated does not match the signature you provided (${reason}). Check your AWS Secret Access Key and signing method.`;
}
