'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** "Forgot password?": one field; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <Field label={t('fields.email')} name="email" type="email" autoComplete="email" defaultValue={values?.email} errors={errors?.email} required />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t('forgotPassword.pending')}>{t('forgotPassword.submit')}</SubmitButton>
    </form>
  );
}
