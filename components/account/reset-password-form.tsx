'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';
import { NewPasswordFields } from './new-password-fields';

/** The reset link's form: a new password, twice. A link that stopped working meanwhile offers a new one. */
export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const t = useTranslations('auth.resetPassword');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const linkGone = state.status === 'error' && state.code === 'ACCOUNT_LINK_INVALID';
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields labels={{ password: t('newPassword'), confirmPassword: t('confirmPassword'), hint: t('passwordHint') }} errors={errors} />
      <FormMessage state={state} />
      {linkGone ? (
        <Link className="text-brand-700 underline" href="/forgot-password">
          {t('requestNew')}
        </Link>
      ) : null}
      <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
