/**
 * The page as a person uses it, in jsdom and in happy-dom (the same file runs
 * in both projects), against @chime-api/mocks through msw/node with the test
 * preset: retries that never wait, fixed request ids, unanswered requests
 * failing the test.
 */
import { setupChimeTest } from '@chime-api/mocks/testing';
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../src/App.js';

// the page's own endpoint, a path: the client resolves it against the DOM's location
const chime = setupChimeTest(setupServer, { mocks: { baseUrl: '/api/chime' } });
beforeAll(() => chime.listen());
afterEach(() => {
  cleanup();
  chime.reset();
});
afterAll(() => chime.close());

async function submit(values: { AccountId: string; UserId: string; LicenseType?: string }) {
  const user = userEvent.setup();
  render(<App client={chime.client} />);
  if (values.AccountId) await user.type(screen.getByLabelText('Account ID'), values.AccountId);
  if (values.UserId) await user.type(screen.getByLabelText('User ID'), values.UserId);
  if (values.LicenseType) await user.selectOptions(screen.getByLabelText('Licence'), values.LicenseType);
  await user.click(screen.getByRole('button', { name: 'Update licence' }));
  return user;
}

describe(`admin-react in ${navigator.userAgent.includes('jsdom') ? 'jsdom' : 'happy-dom'}`, () => {
  it('changes the licence and shows the returned user', async () => {
    await submit({ AccountId: 'acc-1', UserId: 'u-42', LicenseType: 'Pro' });
    const output = await screen.findByText('Licence updated: u-42 is now Pro');
    expect(output.closest('output')).toHaveProperty('textContent', expect.stringContaining('Request'));
    const [call] = chime.mocks.updateUser.calls;
    expect(call).toMatchObject({ input: { AccountId: 'acc-1', UserId: 'u-42', LicenseType: 'Pro' }, status: 200 });
    expect(call?.url).toBe(`${location.origin}/api/chime/accounts/acc-1/users/u-42`);
  });

  it('a user the account does not have: NotFound, in words', async () => {
    chime.server.use(chime.mocks.updateUser.error('NotFoundException'));
    await submit({ AccountId: 'acc-1', UserId: 'nobody', LicenseType: 'Plus' });
    const alert = await screen.findByRole('alert', { name: 'error' });
    expect(alert.textContent).toMatch(/^No such user in this account \(/);
    expect(screen.queryByText(/Licence updated/)).toBeNull();
  });

  it('a refusal of the service: BadRequest, with its message', async () => {
    chime.server.use(
      chime.mocks.updateUser.error('BadRequestException', { message: 'Pro is not available for this account.' }),
    );
    await submit({ AccountId: 'acc-1', UserId: 'u-1', LicenseType: 'Pro' });
    expect((await screen.findByRole('alert', { name: 'error' })).textContent).toBe(
      'The service refused the change: Pro is not available for this account.',
    );
  });

  it('what is wrong with the form is shown before any request', async () => {
    await submit({ AccountId: 'acc-1', UserId: '' });
    expect((await screen.findByText(/must not be blank/)).id).toBe('UserId-error');
    expect(screen.getByLabelText('User ID').getAttribute('aria-invalid')).toBe('true');
    expect(chime.mocks.updateUser.calls).toEqual([]);
  });

  it('throttled once: the client retries at once (the preset) and the user sees the result', async () => {
    chime.server.use(chime.mocks.updateUser.error('ThrottledClientException', { once: true }));
    await submit({ AccountId: 'acc-1', UserId: 'u-7', LicenseType: 'Basic' });
    await screen.findByText('Licence updated: u-7 is now Basic');
    expect(chime.mocks.updateUser.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('throttled on every attempt: the message, then "Try again" succeeds once the service lets it', async () => {
    chime.server.use(chime.mocks.updateUser.error('ThrottledClientException'));
    const user = await submit({ AccountId: 'acc-1', UserId: 'u-7', LicenseType: 'Plus' });
    const alert = await screen.findByRole('alert', { name: 'error' });
    expect(alert.textContent).toContain('Too many requests');
    // the client's 3 attempts, and no more: the query layer does not retry on top of them
    expect(chime.mocks.updateUser.calls.map((c) => c.status)).toEqual([429, 429, 429]);
    chime.server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('Licence updated: u-7 is now Plus');
    expect(screen.queryByRole('alert', { name: 'error' })).toBeNull();
  });
});
