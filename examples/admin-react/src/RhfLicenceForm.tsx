/**
 * The same validator through react-hook-form's Standard Schema resolver, as it
 * is (no cast): the compiled example of the second form library (the page
 * uses TanStack Form). `onValid` gets the checked values.
 */
import { type Infer, LicenseValues, UpdateUserInputSchema } from '@chime-api/validation';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { useForm } from 'react-hook-form';

type Values = Infer<typeof UpdateUserInputSchema>;

export function RhfLicenceForm({ onValid }: { onValid: (values: Values) => void }) {
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: standardSchemaResolver(UpdateUserInputSchema),
    defaultValues: { AccountId: '', UserId: '', LicenseType: 'Basic' },
  });
  return (
    <form noValidate onSubmit={handleSubmit(onValid)}>
      <label htmlFor="rhf-AccountId">Account ID</label>
      <input id="rhf-AccountId" {...register('AccountId')} />
      <span role="alert">{formState.errors.AccountId?.message}</span>
      <label htmlFor="rhf-UserId">User ID</label>
      <input id="rhf-UserId" {...register('UserId')} />
      <span role="alert">{formState.errors.UserId?.message}</span>
      <label htmlFor="rhf-LicenseType">Licence</label>
      <select id="rhf-LicenseType" {...register('LicenseType')}>
        {LicenseValues.map((license) => (
          <option key={license}>{license}</option>
        ))}
      </select>
      <button type="submit">Save</button>
    </form>
  );
}
