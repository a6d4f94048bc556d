'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** Amount, IBAN and account holder for a withdrawal; the attempt key makes a double submit ask once. */
export function WithdrawForm({
  action,
  attemptKey,
  currency,
  amountExample,
  defaultHolder,
}: {
  action: FormAction;
  attemptKey: string;
  currency: string;
  /** An amount as the member would type it in their language, e.g. 25.00 or 25,00. */
  amountExample: string;
  /** The member's name, the usual holder of their account. */
  defaultHolder: string;
}) {
  const t = useTranslations('payouts.member');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-5" noValidate>
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <Field
        label={t('amount')}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={values?.amount ?? ''}
        hint={t('amountHint', { currency, example: amountExample })}
        errors={errors?.amount}
        required
      />
      <Field
        label={t('iban')}
        name="iban"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        maxLength={60}
        defaultValue={values?.iban ?? ''}
        hint={t('ibanHint')}
        errors={errors?.iban}
        required
      />
      <Field
        label={t('accountHolder')}
        name="accountHolder"
        autoComplete="name"
        maxLength={100}
        defaultValue={values?.accountHolder ?? defaultHolder}
        hint={t('accountHolderHint')}
        errors={errors?.accountHolder}
        required
      />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('submitting')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
