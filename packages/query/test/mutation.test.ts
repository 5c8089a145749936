/**
 * The product spec's mutation through a real `@tanstack/query-core`
 * QueryClient and MutationObserver (what `useMutation` runs), against
 * `@chime-api/mocks` through msw/node under the test preset
 * (`@chime-api/mocks/testing`): the data, the key, the typed error class,
 * and retries that happen once, in the client, without waiting.
 */
import { ChimeClientError, NotFoundException, ThrottledClientException } from '@chime-api/client';
import { setupChimeTest } from '@chime-api/mocks/testing';
import { MutationObserver, QueryClient } from '@tanstack/query-core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { chimeQueryKeys, updateUserMutationOptions } from '../src/index.js';

const chime = setupChimeTest(setupServer);
beforeAll(() => chime.listen());
afterEach(() => {
  vi.useRealTimers();
  chime.reset();
});
afterAll(() => chime.close());

/** A QueryClient whose defaults would retry 3 times: the options' own `retry: false` must win. */
const queryClient = () => new QueryClient({ defaultOptions: { mutations: { retry: 3, retryDelay: 0 } } });
const input = { AccountId: 'a1', UserId: 'u1', LicenseType: 'Basic' } as const;

/** Runs the mutation as `useMutation` does and returns the observer's result once it settles. */
async function mutate(options: ReturnType<typeof updateUserMutationOptions>, client = queryClient()) {
  const observer = new MutationObserver(client, options);
  await observer.mutate(input).catch(() => undefined);
  return observer.getCurrentResult();
}

describe('updateUserMutationOptions', () => {
  it('sends UpdateUser and resolves with the returned user; its key is chimeQueryKeys.updateUser()', async () => {
    const client = queryClient();
    const result = await mutate(updateUserMutationOptions(chime.client), client);
    expect(result.status).toBe('success');
    expect(result.data?.User).toMatchObject({ UserId: 'u1', LicenseType: 'Basic' });
    expect(result.data?.User?.RegisteredOn).toBeInstanceOf(Date);
    expect(chime.mocks.updateUser.calls.map((c) => c.input)).toEqual([input]);
    const [mutation] = client.getMutationCache().findAll({ mutationKey: chimeQueryKeys.updateUser() });
    expect(mutation?.options.mutationKey).toEqual(['chime', 'updateUser']);
    expect(client.getMutationCache().findAll({ mutationKey: chimeQueryKeys.all })).toHaveLength(1);
  });

  it("error is the client's exception class, with the mock's request id", async () => {
    chime.server.use(chime.mocks.updateUser.error('NotFoundException'));
    const { error, status } = await mutate(updateUserMutationOptions(chime.client));
    expect(status).toBe('error');
    expect(error).toBeInstanceOf(NotFoundException);
    if (!(error instanceof NotFoundException)) return;
    expect(error.$metadata).toMatchObject({ httpStatusCode: 404, attempts: 1 });
    expect(error.$metadata.requestId).toBe(chime.mocks.updateUser.calls[0]?.requestId);
  });

  it('input that cannot be sent fails as ChimeClientError before any request', async () => {
    const observer = new MutationObserver(queryClient(), updateUserMutationOptions(chime.client));
    await observer.mutate({ AccountId: 'a1', UserId: '..' }).catch(() => undefined);
    expect(observer.getCurrentResult().error).toBeInstanceOf(ChimeClientError);
    expect(chime.mocks.updateUser.calls).toHaveLength(0);
  });

  it('a throttled call is retried by the client, at once, under the preset (fake timers: no timer could fire)', async () => {
    vi.useFakeTimers();
    chime.server.use(chime.mocks.updateUser.error('ThrottledClientException', { once: true }));
    const result = await mutate(updateUserMutationOptions(chime.client));
    expect(result.status).toBe('success');
    expect(result.data?.$metadata).toMatchObject({ attempts: 2, totalRetryDelay: 0 });
    expect(chime.mocks.updateUser.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("retries do not multiply: a QueryClient defaulting to retry: 3 still sends the client's 3 attempts only", async () => {
    chime.server.use(chime.mocks.updateUser.error('ThrottledClientException'));
    const { error, failureCount } = await mutate(updateUserMutationOptions(chime.client));
    expect(error).toBeInstanceOf(ThrottledClientException);
    expect(failureCount).toBe(1);
    expect(chime.mocks.updateUser.calls).toHaveLength(3);
  });

  it('overrides apply: a caller may opt into TanStack retries, and its onSuccess gets the data', async () => {
    chime.server.use(chime.mocks.updateUser.error('NotFoundException', { once: true }));
    const onSuccess = vi.fn();
    const result = await mutate(updateUserMutationOptions(chime.client, { retry: 1, retryDelay: 0, onSuccess }));
    expect(result.status).toBe('success');
    expect(chime.mocks.updateUser.calls.map((c) => c.status)).toEqual([404, 200]);
    expect(onSuccess).toHaveBeenCalledOnce();
    expect(onSuccess.mock.calls[0]?.[0]).toBe(result.data);
    expect(onSuccess.mock.calls[0]?.[1]).toEqual(input);
  });

  it('invalidates nothing by default (the product spec lists no x-chime-invalidates)', async () => {
    const client = queryClient();
    client.setQueryData(['chime', 'someRead', {}], { cached: true });
    await mutate(updateUserMutationOptions(chime.client), client);
    expect(client.getQueryState(['chime', 'someRead', {}])?.isInvalidated).toBe(false);
  });
});
