'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/**
 * One staff action on a customer's wallet (Send Money, Withdraw, Reset Balance): an optional
 * amount, a required reason the customer will read in their history, and a hidden attempt key
 * so that a double submit moves money once. The page hands a new key after each success.
 */
export function WalletAdjustmentForm({
  title,
  explanation,
  action,
  customerId,
  attemptKey,
  currency,
  withAmount,
  submitLabel,
  pendingLabel,
  variant = 'primary',
}: {
  title: string;
  explanation: string;
  action: FormAction;
  customerId: number;
  attemptKey: string;
  currency: string;
  withAmount: boolean;
  submitLabel: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const t = useTranslations('admin.customer.form');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const id = useId();
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h3 id={`${id}-title`} className="font-medium">
        {title}
      </h3>
      <p className="text-sm text-stone-600">{explanation}</p>
      <form action={formAction} className="flex flex-col gap-3" noValidate>
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="attemptKey" value={attemptKey} />
        {withAmount ? (
          <Field
            id={`${id}-amount`}
            label={t('amount')}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            required
            hint={t('amountHint', { currency })}
            defaultValue={values?.amount ?? ''}
            errors={errors?.amount}
          />
        ) : null}
        <Field
          id={`${id}-reason`}
          label={t('reason')}
          name="reason"
          required
          maxLength={200}
          hint={t('reasonHint')}
          defaultValue={values?.reason ?? ''}
          errors={errors?.reason}
        />
        {errors?.attemptKey || errors?.customerId ? (
          <p className="text-sm text-red-700">{t('reload')}</p>
        ) : null}
        <FormMessage state={state} />
        <div>
          <SubmitButton variant={variant} pendingLabel={pendingLabel}>
            {submitLabel}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
