'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

export function SignInForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label={t('fields.email')} name="email" type="email" autoComplete="email" defaultValue={values?.email} errors={errors?.email} required />
      <Field label={t('fields.password')} name="password" type="password" autoComplete="current-password" errors={errors?.password} required />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t('signIn.pending')}>{t('signIn.submit')}</SubmitButton>
      <p className="text-sm text-stone-600">
        {t('signIn.newHere')}{' '}
        <Link className="text-brand-700 underline" href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          {t('signIn.createAccountLink')}
        </Link>
      </p>
    </form>
  );
}
