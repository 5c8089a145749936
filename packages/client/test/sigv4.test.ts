import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { withSigV4 } from '../src/sigv4.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const now = new Date('2026-02-19T12:34:56Z');

/** Signs with our middleware and returns the request it hands to fetch. */
async function oursSign(url: string, body: string, creds: typeof credentials & { sessionToken?: string }) {
  let seen: Request | undefined;
  const signed = withSigV4({ credentials: creds, now: () => now })(async (request) => {
    seen = request;
    return new Response('{}');
  });
  await signed(new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
  return seen as Request;
}

/** Signs the same request with the AWS SDK's signer, the reference. */
async function referenceSign(url: string, body: string, creds: typeof credentials & { sessionToken?: string }) {
  const u = new URL(url);
  // applyChecksum off: the payload hash goes into the signature, not into an x-amz-content-sha256 header
  const signer = new SignatureV4({
    credentials: creds,
    region: 'us-east-1',
    service: 'chime',
    sha256: Sha256,
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: u.protocol,
    hostname: u.hostname,
    path: u.pathname,
    headers: { host: u.host, 'content-type': 'application/json' },
    body,
  });
  return signer.sign(request, { signingDate: now });
}

describe('SigV4 signing agrees with @smithy/signature-v4', () => {
  it.each([
    ['plain ids', 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1'],
    [
      'a member with a slash, double-encoded in the canonical path',
      'https://chime.us-east-1.amazonaws.com/accounts/a1/users/a%2Fb',
    ],
    ['a member with spaces and unicode', 'https://chime.us-east-1.amazonaws.com/accounts/a%20b/users/%C3%A9%40x'],
  ])('%s', async (_name, url) => {
    const body = JSON.stringify({ LicenseType: 'Pro' });
    const ours = await oursSign(url, body, credentials);
    const reference = await referenceSign(url, body, credentials);
    expect(ours.headers.get('authorization')).toBe(reference.headers.authorization);
    expect(ours.headers.get('x-amz-date')).toBe('20260219T123456Z');
    expect(ours.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260219\/us-east-1\/chime\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('signs the session token', async () => {
    const url = 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1';
    const creds = { ...credentials, sessionToken: 'TOKEN' };
    const ours = await oursSign(url, '{}', creds);
    const reference = await referenceSign(url, '{}', creds);
    expect(ours.headers.get('x-amz-security-token')).toBe('TOKEN');
    expect(ours.headers.get('authorization')).toBe(reference.headers.authorization);
  });

  it.each([
    [
      'a literal query and query members, repeated, unsorted, with reserved characters',
      'GET',
      'https://chime.us-east-1.amazonaws.com/accounts/a1/users?operation=logout&max-results=5&tag=b%20c&tag=a&user-email=j%2Bd%40x.com&next-token=a%2Fb%3D&x=!%27()*',
      undefined,
      {},
    ],
    [
      'header members with inner spaces, and a GET without a body',
      'GET',
      'https://messaging-chime.us-east-1.amazonaws.com/channels/c1',
      undefined,
      { 'x-amz-chime-bearer': 'arn:aws:chime:us-east-1:1:app/a  b', 'x-amzn-client-token': 'tok' },
    ],
    [
      'a DELETE with an empty query value',
      'DELETE',
      'https://chime.us-east-1.amazonaws.com/accounts/a1?force=',
      undefined,
      {},
    ],
    [
      'a payload hash given as a header',
      'PUT',
      'https://chime.us-east-1.amazonaws.com/accounts/a1',
      '{"a":1}',
      { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'application/json' },
    ],
  ] as const)('%s', async (_name, method, url, body, headers) => {
    const u = new URL(url);
    let seen: Request | undefined;
    const signed = withSigV4({ credentials: { ...credentials, sessionToken: 'TOKEN' }, now: () => now })(
      async (request) => {
        seen = request;
        return new Response('{}');
      },
    );
    await signed(new Request(url, { method, body, headers }));
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(u.searchParams.keys())) {
      const values = u.searchParams.getAll(key);
      query[key] = values.length > 1 ? values : (values[0] as string);
    }
    const reference = await new SignatureV4({
      credentials: { ...credentials, sessionToken: 'TOKEN' },
      region: 'us-east-1',
      service: 'chime',
      sha256: Sha256,
      applyChecksum: false,
    }).sign(
      new HttpRequest({
        method,
        protocol: u.protocol,
        hostname: u.hostname,
        path: u.pathname,
        query,
        headers: { host: u.host, ...headers },
        ...(body ? { body } : {}),
      }),
      { signingDate: now },
    );
    expect(seen?.headers.get('authorization')).toBe(reference.headers.authorization);
    expect(seen?.headers.get('x-amz-security-token')).toBe('TOKEN');
  });

  it('takes credentials from an async provider, once per request', async () => {
    let calls = 0;
    const provider = async () => {
      calls++;
      return credentials;
    };
    const next = async () => new Response('{}');
    const fetchSigned = withSigV4({ credentials: provider })(next);
    await fetchSigned(new Request('https://x.test/a', { method: 'POST', body: '{}' }));
    await fetchSigned(new Request('https://x.test/a', { method: 'POST', body: '{}' }));
    expect(calls).toBe(2);
  });

  it('says what is missing from incomplete credentials', async () => {
    const fetchSigned = withSigV4({ credentials: { accessKeyId: '', secretAccessKey: '' } })(
      async () => new Response(),
    );
    await expect(fetchSigned(new Request('https://x.test/'))).rejects.toThrow(/no accessKeyId and secretAccessKey/);
  });
});
