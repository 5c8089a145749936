/**
 * Updates a user's licence. The form is checked with the generated validator
 * (Standard Schema) before the typed client sends it; `?mock` runs the page
 * against @chime-api/mocks in a service worker instead of a signing proxy.
 */
import { ChimeServiceException } from '@chime-api/client';
import { createChimeClient } from '@chime-api/client/core';
import { LicenseValues, UpdateUserInputSchema } from '@chime-api/validation';

const form = document.querySelector<HTMLFormElement>('#update-user') as HTMLFormElement;
const select = form.querySelector<HTMLSelectElement>('#LicenseType') as HTMLSelectElement;
const errors = document.querySelector('#errors') as HTMLElement;
const result = document.querySelector('#result') as HTMLOutputElement;
// the spec's licences, and one it does not have (the validator refuses it before any request)
for (const license of [...LicenseValues, 'Enterprise']) select.add(new Option(license, license));

async function startMocks() {
  const [{ setupWorker }, { createChimeMocks }] = await Promise.all([
    import('msw/browser'),
    import('@chime-api/mocks'),
  ]);
  // the mocks answer the spec's server only, unless told where the page sends its calls
  const mocks = createChimeMocks({ baseUrl: '/api/chime' });
  const worker = setupWorker(...mocks.handlers);
  // msw 3 renamed msw 2's `onUnhandledRequest` to `onUnhandledFrame`; each ignores the other's name
  const options = { quiet: true, onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass' } as const;
  await worker.start(options);
  const scenario = new URLSearchParams(location.search).get('scenario');
  if (scenario === 'throttled') worker.use(mocks.updateUser.error('ThrottledClientException'));
}

// a proxy on this origin signs for the page, so the core client (no SigV4) is enough
const chime = createChimeClient({ endpoint: '/api/chime', timeoutMs: 10_000 });

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errors.textContent = '';
  result.textContent = '';
  const values = Object.fromEntries(new FormData(form));
  const verdict = await UpdateUserInputSchema['~standard'].validate(values);
  if (verdict.issues) {
    errors.textContent = verdict.issues.map((i) => `${i.path?.join('.') || 'form'}: ${i.message}`).join('\n');
    return;
  }
  try {
    const { User } = await chime.updateUser(verdict.value);
    result.textContent = `Licence updated: ${User?.UserId} is now ${User?.LicenseType}`;
  } catch (error) {
    errors.textContent =
      error instanceof ChimeServiceException ? `${error.name}: ${error.Message}` : `Request failed: ${String(error)}`;
  }
});

if (new URLSearchParams(location.search).has('mock')) {
  form.querySelector('button')?.setAttribute('disabled', '');
  startMocks().then(() => form.querySelector('button')?.removeAttribute('disabled'));
}
