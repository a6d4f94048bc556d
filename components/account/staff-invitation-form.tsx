'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';
import { NewPasswordFields } from './new-password-fields';

/**
 * Accepting a staff invitation: `join` asks the existing account's password; `create` makes the
 * staff account (name, new password twice).
 */
export function StaffInvitationForm({ mode, action, token }: { mode: 'join' | 'create'; action: FormAction; token: string }) {
  const t = useTranslations('account.invitation');
  const auth = useTranslations('auth');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {mode === 'join' ? (
        <Field label={auth('fields.password')} name="password" type="password" autoComplete="current-password" errors={errors?.password} required />
      ) : (
        <>
          <Field label={auth('fields.name')} name="name" autoComplete="name" defaultValue={values?.name} errors={errors?.name} required />
          <NewPasswordFields labels={{ password: auth('fields.password'), confirmPassword: auth('fields.confirmPassword'), hint: auth('register.passwordHint') }} errors={errors} />
        </>
      )}
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t('pending')}>{mode === 'join' ? t('accept') : t('create')}</SubmitButton>
    </form>
  );
}
