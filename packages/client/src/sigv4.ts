/**
 * SigV4 signing with aws4fetch: every request (every retry too) is signed
 * with fresh credentials from an object or an async provider.
 */
import { AwsV4Signer } from 'aws4fetch';
import { ChimeClientError, describeCause } from './exceptions.js';
import { contextOf, deriveRequest, type FetchMiddleware } from './metadata.js';
import { signing } from './operations.gen.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type CredentialsProvider = () => Promise<AwsCredentials> | AwsCredentials;

export interface SigV4Options {
  credentials: AwsCredentials | CredentialsProvider;
  /** Signing region; defaults to the spec's (`us-east-1`). */
  region?: string;
  /** Signing service; defaults to the spec's (`chime`). */
  service?: string;
  /** The signing clock; for tests. */
  now?: () => Date;
}

const amzDate = (date: Date) => date.toISOString().replace(/[:-]|\.\d{3}/g, '');

/**
 * @example
 * createChimeClient({ middleware: [withSigV4({ credentials: fromEnv })] }); // from '@chime-api/client/core'
 */
export function withSigV4(options: SigV4Options): FetchMiddleware {
  const region = options.region ?? signing.region;
  const service = options.service ?? signing.service;
  if (!region || !service) {
    throw new TypeError("SigV4: pass a region and service, or declare x-aws-sigv4 on the spec's security scheme.");
  }
  // derived signing keys, reused while the date, region and secret stay the same
  const cache = new Map<string, ArrayBuffer>();
  return (next) => async (request) => {
    let credentials: AwsCredentials | undefined;
    try {
      credentials = typeof options.credentials === 'function' ? await options.credentials() : options.credentials;
      if (!credentials?.accessKeyId || !credentials.secretAccessKey) throw 0;
    } catch (cause) {
      // not a TypeError: a credentials failure is not the network's, so it is never retried
      throw new ChimeClientError(
        `SigV4: \`credentials\` ${cause ? `threw (${describeCause(cause)})` : 'gave no accessKeyId and secretAccessKey'}; fix that`,
        'CredentialsError',
        [],
        cause,
      );
    }
    const body = request.body ? (contextOf(request)?.body ?? (await request.clone().arrayBuffer())) : undefined;
    const signer = new AwsV4Signer({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      service,
      region,
      cache,
      // sign every header the request carries (content-type included), as the AWS SDK does
      allHeaders: true,
      datetime: options.now && amzDate(options.now()),
    });
    const signed = await signer.sign();
    return next(deriveRequest(request, { headers: signed.headers, ...(body ? { body } : {}) }));
  };
}
