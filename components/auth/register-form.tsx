'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

export function RegisterForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const t = useTranslations('auth');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label={t('fields.name')} name="name" autoComplete="name" defaultValue={values?.name} errors={errors?.name} required />
      <Field label={t('fields.email')} name="email" type="email" autoComplete="email" defaultValue={values?.email} errors={errors?.email} required />
      <Field
        label={t('fields.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t('register.passwordHint')}
        errors={errors?.password}
        required
      />
      <Field
        label={t('fields.confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirmPassword}
        required
      />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t('register.pending')}>{t('register.submit')}</SubmitButton>
      <p className="text-sm text-stone-600">
        {t('register.alreadyRegistered')}{' '}
        <Link className="text-brand-700 underline" href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          {t('register.signInLink')}
        </Link>
      </p>
    </form>
  );
}
