/**
 * @chime-api/sdk: the Chime API as OpenAPI Generator's typescript-fetch
 * generates it (one API class per tag, such as `UsersApi`, `Configuration`,
 * models with `Date`s), with the client's signing, retries and typed errors
 * wired through `Configuration.middleware`.
 *
 * @example
 * import { createChimeSdk } from '@chime-api/sdk';
 * const { users } = createChimeSdk({ credentials });
 * const { User } = await users.updateUser({ accountId: 'a1', userId: 'u1', UpdateUserRequestBody: { LicenseType: 'Pro' } });
 */
import { type ChimeApis, createApis } from './generated/apis.gen.js';
import { Configuration } from './generated/index.js';
import { type ChimeMiddlewareOptions, chimeMiddleware } from './middleware.js';

export interface ChimeSdkOptions extends ChimeMiddlewareOptions {
  /** Base URL; defaults to the spec's server. */
  endpoint?: string;
  /** The fetch to use; defaults to the global one, looked up at call time. */
  fetch?: typeof fetch;
}

/** A `Configuration` with the Chime middleware, for any generated API class. */
export function createConfiguration(options: ChimeSdkOptions = {}): Configuration {
  return new Configuration({
    // without trailing slashes, as the client takes it: the generated paths start with one
    ...(options.endpoint ? { basePath: options.endpoint.replace(/\/+$/, '') } : {}),
    fetchApi: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    middleware: chimeMiddleware(options),
  });
}

/**
 * Every generated API class, configured once: `{ configuration, users, ... }`,
 * one property per API class (`UsersApi` → `users`).
 */
export function createChimeSdk(options: ChimeSdkOptions = {}): ChimeApis & { configuration: Configuration } {
  const configuration = createConfiguration(options);
  return { ...createApis(configuration), configuration };
}

export * from '@chime-api/client/errors';
export type { ChimeApis } from './generated/apis.gen.js';
export * from './generated/index.js';
export { type ChimeMiddlewareOptions, chimeMiddleware } from './middleware.js';
