/**
 * The page's entry. A proxy on this origin signs for the page (no keys in a
 * page), so the core client (no SigV4) with a path for an endpoint is enough;
 * `?mock` runs it against @chime-api/mocks in a service worker instead
 * (`&scenario=notFound|badRequest|throttled` stages that error).
 */
import { createChimeBaseClient } from '@chime-api/client/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const scenarios = {
  notFound: 'NotFoundException',
  badRequest: 'BadRequestException',
  throttled: 'ThrottledClientException',
} as const;

async function startMocks() {
  const [{ setupWorker }, { createChimeMocks }] = await Promise.all([
    import('msw/browser'),
    import('@chime-api/mocks'),
  ]);
  const mocks = createChimeMocks({ baseUrl: '/api/chime' });
  const worker = setupWorker(...mocks.handlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  const scenario = new URLSearchParams(location.search).get('scenario') as keyof typeof scenarios | null;
  if (scenario && scenario in scenarios) worker.use(mocks.updateUser.error(scenarios[scenario]));
}

const client = createChimeBaseClient({ endpoint: '/api/chime', timeoutMs: 10_000 });
const mock = new URLSearchParams(location.search).has('mock');
(mock ? startMocks() : Promise.resolve()).then(() => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
});
