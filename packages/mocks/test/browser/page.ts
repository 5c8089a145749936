// Runs in Chromium: the generated handlers in a real service worker, called through the client.
import { ChimeServiceException, createChimeClient } from '@chime-api/client';
import { setupWorker } from 'msw/browser';
import { chimeMocks, createChimeMocks, handlers } from '../../src/index.js';

type Outcome = { name: string; ok: boolean; detail: string };

async function scenario(name: string, run: () => Promise<string>): Promise<Outcome> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

async function main() {
  const worker = setupWorker(...handlers);
  await worker.start({ onUnhandledRequest: 'error', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
  const chime = createChimeClient({ retry: { baseDelayMs: 1, maxDelayMs: 2 } });
  const results: Outcome[] = [];

  results.push(
    await scenario('happy path', async () => {
      const { User } = await chime.updateUser({ AccountId: 'acc', UserId: 'browser-user', LicenseType: 'Plus' });
      if (!(User?.RegisteredOn instanceof Date)) throw new Error('RegisteredOn is not a Date');
      return `${User.UserId}:${User.LicenseType}:${User.RegisteredOn.toISOString()}`;
    }),
  );
  results.push(
    await scenario('throttled once, then retried', async () => {
      worker.use(chimeMocks.updateUser.error('ThrottledClientException', { once: true }));
      const output = await chime.updateUser({ AccountId: 'acc', UserId: 'u' });
      return `attempts=${output.$metadata.attempts}`;
    }),
  );
  results.push(
    await scenario('invalid request', async () => {
      const error = await chime
        .updateUser({ AccountId: 'acc', UserId: 'u', LicenseType: 'Gold' as never })
        .catch((e: unknown) => e);
      if (!(error instanceof ChimeServiceException)) throw new Error('expected a service exception');
      return `${error.name}:${error.Code}:${error.$metadata.httpStatusCode}`;
    }),
  );
  results.push(
    await scenario('strict store', async () => {
      const mocks = createChimeMocks({ store: { strict: true } });
      worker.use(...mocks.handlers);
      const error = await chime.updateUser({ AccountId: 'acc', UserId: 'ghost' }).catch((e: unknown) => e);
      return error instanceof ChimeServiceException ? error.name : 'no error';
    }),
  );
  results.push(
    await scenario('relative baseUrl', async () => {
      // the page's own origin, as an app that calls its proxy at /api/chime
      const proxied = createChimeMocks({ baseUrl: '/api/chime' });
      worker.use(...proxied.handlers);
      const viaProxy = createChimeClient({ endpoint: `${location.origin}/api/chime`, retry: false });
      const { User } = await viaProxy.updateUser({ AccountId: 'acc', UserId: 'via-proxy' });
      return `${User?.UserId}:${proxied.updateUser.calls[0]?.url.replace(location.origin, '')}`;
    }),
  );
  (window as unknown as { __results: Outcome[] }).__results = results;
}

main().catch((error) => {
  (window as unknown as { __results: Outcome[] }).__results = [{ name: 'start', ok: false, detail: String(error) }];
});
