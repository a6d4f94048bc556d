'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** Amount and method for a top-up. The attempt key makes a double submit start one top-up. */
export function AddMoneyForm({
  action,
  defaultAmount,
  returnPath,
  attemptKey,
  currency,
  amountExample,
  cardLabel,
  cardEnabled,
  wireEnabled,
}: {
  action: FormAction;
  defaultAmount: string;
  returnPath: string | null;
  attemptKey: string;
  currency: string;
  /** An amount as the visitor would type it in their language, e.g. 25.00 or 25,00. */
  amountExample: string;
  cardLabel: string;
  cardEnabled: boolean;
  wireEnabled: boolean;
}) {
  const t = useTranslations('wallet.add');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const method = values?.method ?? (cardEnabled ? 'card' : 'wire_transfer');
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-5" noValidate>
      <input type="hidden" name="attemptKey" value={attemptKey} />
      {returnPath ? <input type="hidden" name="returnPath" value={returnPath} /> : null}
      <Field
        label={t('amount')}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={values?.amount ?? defaultAmount}
        hint={t('amountHint', { currency, example: amountExample })}
        errors={errors?.amount}
        required
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-stone-700">{t('payWith')}</legend>
        {cardEnabled ? (
          <label className="flex items-center gap-2 rounded-md border border-stone-200 bg-white px-3 py-2">
            <input type="radio" name="method" value="card" defaultChecked={method === 'card'} />
            {cardLabel}
          </label>
        ) : null}
        {wireEnabled ? (
          <label className="flex items-center gap-2 rounded-md border border-stone-200 bg-white px-3 py-2">
            <input type="radio" name="method" value="wire_transfer" defaultChecked={method === 'wire_transfer'} />
            {t('wire')}
          </label>
        ) : null}
        {errors?.method ? <p className="text-sm text-red-700">{errors.method.join(' ')}</p> : null}
      </fieldset>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('starting')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
