/**
 * Changes a user's licence: TanStack Form checks the values with the spec's
 * validator (a Standard Schema, taken as it is) before anything is sent, and
 * TanStack Query sends them through `updateUserMutationOptions`. What the
 * service answers is shown: the updated user, or its typed error in words.
 */

import type { UpdateUserError, UpdateUserOutput } from '@chime-api/client/core';
import {
  BadRequestException,
  type ChimeBaseClient,
  NotFoundException,
  ThrottledClientException,
} from '@chime-api/client/core';
import { updateUserMutationOptions } from '@chime-api/query';
import { type Infer, LicenseValues, UpdateUserInputSchema } from '@chime-api/validation';
import { useForm } from '@tanstack/react-form';
import { useMutation } from '@tanstack/react-query';

type Values = Infer<typeof UpdateUserInputSchema>;
type License = (typeof LicenseValues)[number];

/** The service's error as a person reads it; each documented exception narrowed with `instanceof`. */
export function messageOf(error: UpdateUserError): string {
  if (error instanceof NotFoundException) return `No such user in this account (${error.Message})`;
  if (error instanceof BadRequestException) return `The service refused the change: ${error.Message}`;
  if (error instanceof ThrottledClientException) return 'Too many requests: wait a moment, then try again.';
  return `The licence could not be changed: ${error.message}`;
}

function Updated({ output }: { output: UpdateUserOutput }) {
  const user = output.User;
  return (
    <output aria-live="polite">
      <p>
        Licence updated: {user?.UserId} is now {user?.LicenseType}
      </p>
      <dl>
        <dt>Email</dt>
        <dd>{user?.PrimaryEmail ?? '—'}</dd>
        <dt>Registered</dt>
        <dd>{user?.RegisteredOn?.toISOString().slice(0, 10) ?? '—'}</dd>
        <dt>Request</dt>
        <dd>{output.$metadata.requestId}</dd>
      </dl>
    </output>
  );
}

export function UpdateUserForm({ client }: { client: ChimeBaseClient }) {
  const mutation = useMutation(updateUserMutationOptions(client));
  const form = useForm({
    defaultValues: { AccountId: '', UserId: '', LicenseType: 'Basic' } as Values,
    validators: { onSubmit: UpdateUserInputSchema },
    onSubmit: ({ value }) => mutation.mutate(value),
  });
  const field = (name: 'AccountId' | 'UserId', label: string) => (
    <form.Field name={name}>
      {(f) => (
        <>
          <label htmlFor={name}>{label}</label>
          <input
            id={name}
            name={name}
            autoComplete="off"
            value={f.state.value}
            onChange={(e) => f.handleChange(e.target.value)}
            aria-invalid={f.state.meta.errors.length > 0}
            aria-describedby={`${name}-error`}
          />
          <span id={`${name}-error`} role="alert">
            {f.state.meta.errors.map((issue) => issue?.message).join('; ')}
          </span>
        </>
      )}
    </form.Field>
  );
  return (
    <>
      <form
        noValidate
        aria-label="Update a user's licence"
        onSubmit={(event) => {
          event.preventDefault();
          void form.handleSubmit();
        }}
      >
        {field('AccountId', 'Account ID')}
        {field('UserId', 'User ID')}
        <form.Field name="LicenseType">
          {(f) => (
            <>
              <label htmlFor="LicenseType">Licence</label>
              <select
                id="LicenseType"
                name="LicenseType"
                value={f.state.value}
                onChange={(e) => f.handleChange(e.target.value as License)}
              >
                {LicenseValues.map((license) => (
                  <option key={license} value={license}>
                    {license}
                  </option>
                ))}
              </select>
            </>
          )}
        </form.Field>
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Updating…' : 'Update licence'}
        </button>
      </form>
      {mutation.isError && (
        <div role="alert" aria-label="error">
          <p>{messageOf(mutation.error)}</p>
          {mutation.error instanceof ThrottledClientException && (
            <button type="button" onClick={() => mutation.variables && mutation.mutate(mutation.variables)}>
              Try again
            </button>
          )}
        </div>
      )}
      {mutation.isSuccess && <Updated output={mutation.data} />}
    </>
  );
}
