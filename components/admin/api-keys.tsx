'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

type NewKey = { apiKey: string; secretKey: string };

/** Create an API key for the wallet API; its secret is shown once, right here. */
export function CreateApiKeyForm({ action }: { action: FormAction<NewKey> }) {
  const t = useTranslations('admin.apiKeys');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t('keyName')} name="name" placeholder="ERP" errors={errors?.name} className="min-w-64" />
        <SubmitButton pendingLabel={t('creating')}>{t('create')}</SubmitButton>
      </div>
      <FormMessage state={state} />
      {state.status === 'success' ? (
        <dl className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-y-1 rounded-md bg-stone-100 p-3 font-mono text-xs [overflow-wrap:anywhere]" aria-label={t('newKey')}>
          <dt className="font-sans text-stone-600">{t('apiKey')}</dt>
          <dd data-testid="new-api-key">{state.apiKey}</dd>
          <dt className="font-sans text-stone-600">{t('secretKey')}</dt>
          <dd data-testid="new-secret-key">{state.secretKey}</dd>
        </dl>
      ) : null}
    </form>
  );
}

/**
 * Revoke one key, confirmed in a dialog that names it: a revoked key never works again.
 * `keyName` is the name staff gave it (the dialog names the key by its id alone without it).
 */
export function RevokeApiKeyForm({ action, apiKey, keyName }: { action: FormAction; apiKey: string; keyName?: string }) {
  const t = useTranslations('admin.apiKeys');
  const words = useTranslations('confirm.apiKey.revoke');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="apiKey" value={apiKey} />
      <ConfirmButton
        label={t('revoke')}
        title={words('title')}
        body={
          <>
            <p>{keyName ? words('body', { name: keyName, apiKey }) : words('bodyUnnamed', { apiKey })}</p>
            <p>{words('check')}</p>
          </>
        }
        confirmLabel={words('confirm')}
        cancelLabel={words('cancel')}
        pendingLabel={t('revoking')}
        variant="danger"
      />
      {state.status === 'error' ? <span className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
