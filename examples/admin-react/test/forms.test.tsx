/**
 * Both form libraries that take Standard Schema, given the spec's validator
 * as it is: react-hook-form (its standard-schema resolver) here, TanStack
 * Form in the page's tests.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RhfLicenceForm } from '../src/RhfLicenceForm.js';

afterEach(cleanup);

describe('react-hook-form with standardSchemaResolver(UpdateUserInputSchema)', () => {
  it('shows the issue of each field and does not submit', async () => {
    const onValid = vi.fn();
    const user = userEvent.setup();
    render(<RhfLicenceForm onValid={onValid} />);
    await user.type(screen.getByLabelText('Account ID'), '   ');
    await user.type(screen.getByLabelText('User ID'), 'u-1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByText(/must not be blank/)).previousElementSibling?.id).toBe('rhf-AccountId');
    expect(onValid).not.toHaveBeenCalled();
  });

  it('submits the checked values', async () => {
    const onValid = vi.fn();
    const user = userEvent.setup();
    render(<RhfLicenceForm onValid={onValid} />);
    await user.type(screen.getByLabelText('Account ID'), 'acc-1');
    await user.type(screen.getByLabelText('User ID'), 'u-1');
    await user.selectOptions(screen.getByLabelText('Licence'), 'ProTrial');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onValid).toHaveBeenCalledTimes(1));
    expect(onValid.mock.calls[0]?.[0]).toEqual({ AccountId: 'acc-1', UserId: 'u-1', LicenseType: 'ProTrial' });
  });
});
