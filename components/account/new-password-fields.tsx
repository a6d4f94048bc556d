import { Field } from '@/components/ui/field';

/** "New password" and "Confirm password", with the registration rule as a hint (reset, profile, staff invitation). */
export function NewPasswordFields({
  labels,
  errors,
  idPrefix = 'new',
}: {
  labels: { password: string; confirmPassword: string; hint: string };
  errors?: Record<string, string[] | undefined>;
  idPrefix?: string;
}) {
  return (
    <>
      <Field
        id={`${idPrefix}-password`}
        label={labels.password}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={labels.hint}
        errors={errors?.password}
        required
      />
      <Field
        id={`${idPrefix}-confirm-password`}
        label={labels.confirmPassword}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirmPassword}
        required
      />
    </>
  );
}
