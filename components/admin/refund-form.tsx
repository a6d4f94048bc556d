'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { useStaffFormat } from '@/components/admin/format';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { errorValues } from '@/lib/i18n/error-values';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { parseAmount } from '@/lib/money';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';

function text(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * A refund of one order: an amount up to the refundable amount, and a reason. The same form
 * serves "Refund to Wallet" and "Refund to original payment methods" (`kind`, submitLabel,
 * idPrefix). Staff confirm in a dialog naming the amount typed and the customer; the amount is
 * read there as the server reads it (lib/money, the staff member's language), which checks it again.
 */
export function RefundForm({
  action,
  orderId,
  orderNumber,
  customerName,
  kind = 'wallet',
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
  orderNumber: string;
  customerName: string;
  /** Where the money goes: the wallet, or the original payment methods (the dialog's words). */
  kind?: 'wallet' | 'sources';
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
  const words = useTranslations('fulfilment.refund.confirm');
  const errorWords = useTranslations('errors');
  const locale = useLocale();
  const format = useStaffFormat();
  const [state, formAction] = useActionState(action, { status: 'idle' });
  // Field errors found before opening the dialog, for the answer they were found after.
  const [early, setEarly] = useState<{ after: ActionState; errors: FieldErrors } | null>(null);
  const [checked, setChecked] = useState<{ amount: number; reason: string }>({ amount: 0, reason: '' });
  const errors = early?.after === state ? early.errors : state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;

  function check(form: HTMLFormElement | null): boolean {
    if (!form) return false;
    const found: FieldErrors = {};
    const parsed = parseAmount(text(form, 'amount'), currency, locale);
    if (!parsed.ok) found.amount = [errorWords(parsed.code, errorValues(parsed.params, intlLocale(isLocale(locale) ? locale : 'en')))];
    const reason = text(form, 'reason');
    if (!reason) found.reason = [errorWords('validation.reasonRequired')];
    const invalid = Object.keys(found);
    if (invalid.length > 0 || !parsed.ok) {
      setEarly({ after: state, errors: found });
      form.querySelector<HTMLInputElement>(`[name="${invalid[0] ?? 'amount'}"]`)?.focus();
      return false;
    }
    setEarly(null);
    setChecked({ amount: parsed.amount, reason });
    return true;
  }

  const named = { amount: format.money(checked.amount, currency), number: orderNumber, customer: customerName };
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
        <ConfirmButton
          label={submitLabel ?? t('refundToWallet')}
          title={kind === 'wallet' ? words('walletTitle') : words('sourcesTitle')}
          body={
            <>
              <p>{kind === 'wallet' ? words('walletBody', named) : words('sourcesBody', named)}</p>
              <p>{words('reason', { reason: checked.reason })}</p>
            </>
          }
          confirmLabel={words('confirm')}
          cancelLabel={words('cancel')}
          pendingLabel={t('refundForm.refunding')}
          disabled={disabled}
          onOpen={check}
        />
      </div>
    </form>
  );
}
