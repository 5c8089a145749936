/**
 * The SigV4 check the service makes before anything else: SignedHeaders lower
 * case, sorted, host among them. A signature over another canonical request
 * gets the service's 401 (UnauthorizedClientException), never a success.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClient, setupChimeTest } from '../src/testing.js';

const { mocks, ...chime } = setupChimeTest(setupServer);
beforeAll(() => chime.listen());
afterEach(() => chime.reset());
afterAll(() => chime.close());

const url = 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1';
const credential = 'Credential=AKIDEXAMPLE/20260101/us-east-1/chime/aws4_request';
const signature = `Signature=${'ab'.repeat(32)}`;

/** Sends UpdateUser with an Authorization header naming `signedHeaders`, as a signer would. */
async function send(signedHeaders: string, body: unknown = { LicenseType: 'Pro' }) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=${signedHeaders}, ${signature}`,
      'content-type': 'application/json',
      'x-amz-date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-ErrorType'),
    body: (await response.json()) as { Code?: string; Message?: string },
  };
}

describe('SignedHeaders as SigV4 requires', () => {
  it('lower case and sorted: answered', async () => {
    expect((await send('content-type;host;x-amz-date')).status).toBe(200);
  });

  it('a name kept in its case (X-Amz-Date, as a signer reading happy-dom Headers would): 401 naming it', async () => {
    const answer = await send('X-Amz-Date;content-type;host');
    expect(answer).toMatchObject({ status: 401, errorType: 'UnauthorizedClientException' });
    expect(answer.body.Code).toBe('Unauthorized');
    expect(answer.body.Message).toContain('does not match the signature you provided');
    expect(answer.body.Message).toContain('lower case; found X-Amz-Date');
  });

  it('out of order, without host, or naming a header the request lacks: 401 each', async () => {
    expect((await send('host;content-type;x-amz-date')).body.Message).toContain('must be sorted');
    expect((await send('content-type;x-amz-date')).body.Message).toContain('must include host');
    expect((await send('content-type;host;x-amz-date;x-amz-security-token')).body.Message).toContain(
      'x-amz-security-token, which the request does not carry',
    );
  });

  it('is checked before the input: a bad signature on an invalid input is a 401, not the 400', async () => {
    const answer = await send('X-Amz-Date;content-type;host', { LicenseType: 'Gold' });
    expect(answer.status).toBe(401);
    expect(mocks.updateUser.calls[0]).toMatchObject({ status: 401, errorType: 'UnauthorizedClientException' });
  });

  it("the client's signature passes, and unsigned requests are not judged", async () => {
    const signed = createTestClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    await expect(signed.updateUser({ AccountId: 'a1', UserId: 'u1' })).resolves.toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
    await expect(chime.client.updateUser({ AccountId: 'a1', UserId: 'u1' })).resolves.toBeDefined();
  });
});
