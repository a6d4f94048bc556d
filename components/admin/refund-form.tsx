'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/**
 * A refund of one order: an amount up to the refundable amount, and a reason. The same form
 * serves "Refund to Wallet" and "Refund to original payment methods" (submitLabel, idPrefix).
 */
export function RefundForm({
  action,
  orderId,
  attemptKey,
  currency,
  refundableText,
  refundableDecimal,
  disabled = false,
  submitLabel,
  idPrefix = 'refund',
}: {
  action: FormAction;
  orderId: number;
  attemptKey: string;
  currency: string;
  /** The refundable amount, formatted ("$42.00"). */
  refundableText: string;
  /** The refundable amount as staff type it ("42.00" / "42,00"), to prefill a full refund. */
  refundableDecimal: string;
  /** True when nothing is left to refund. */
  disabled?: boolean;
  /** The button's words; "Refund to Wallet" when not given. */
  submitLabel?: string;
  /** Prefix of the fields' ids, unique on the page. */
  idPrefix?: string;
}) {
  const t = useTranslations('admin.order');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-3" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <Field
        id={`${idPrefix}-amount`}
        label={t('refundForm.amount')}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        required
        defaultValue={values?.amount ?? refundableDecimal}
        hint={t('refundForm.amountHint', { currency, refundable: refundableText })}
        errors={errors?.amount}
      />
      <Field
        id={`${idPrefix}-reason`}
        label={t('refundForm.reason')}
        name="reason"
        required
        maxLength={200}
        hint={t('refundForm.reasonHint')}
        defaultValue={values?.reason ?? ''}
        errors={errors?.reason}
      />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('refundForm.refunding')} disabled={disabled}>
          {submitLabel ?? t('refundToWallet')}
        </SubmitButton>
      </div>
    </form>
  );
}
