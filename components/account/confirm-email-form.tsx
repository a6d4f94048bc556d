'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** One button: confirm the new address the link was sent to. */
export function ConfirmEmailForm({ action, token }: { action: FormAction<{ email: string }>; token: string }) {
  const t = useTranslations('account.confirmEmail');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      {state.status === 'success' ? (
        <Link className="text-brand-700 underline" href="/my/account">
          {t('toProfile')}
        </Link>
      ) : (
        <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
      )}
    </form>
  );
}
