'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { useStaffFormat } from '@/components/admin/format';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { errorValues } from '@/lib/i18n/error-values';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { parseAmount } from '@/lib/money';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';

/** Which adjustment: the group of its dialog's words in confirm.wallet. */
export type WalletAdjustmentKind = 'send' | 'withdraw' | 'reset';

/** What the dialog names: the amount read from the form (send, withdraw) and the reason. */
type Checked = { amount?: number; reason: string };

function text(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * One staff action on a customer's wallet (Send Money, Withdraw, Reset Balance): an optional
 * amount, a required reason the customer will read in their history, and a hidden attempt key
 * so that a double submit moves money once. The page hands a new key after each success.
 * Staff confirm in a dialog naming the customer and the amount (for a reset, the balance the page
 * shows; the server takes whatever is available when it runs and says so).
 */
export function WalletAdjustmentForm({
  kind,
  title,
  explanation,
  action,
  customerId,
  customerName,
  balance,
  attemptKey,
  currency,
  withAmount,
  submitLabel,
  pendingLabel,
  variant = 'primary',
}: {
  kind: WalletAdjustmentKind;
  title: string;
  explanation: string;
  action: FormAction;
  customerId: number;
  customerName: string;
  /** The available balance, in minor units of `currency` (what a reset takes back). */
  balance: number;
  attemptKey: string;
  currency: string;
  withAmount: boolean;
  submitLabel: string;
  /** On the dialog's confirm button while sending. */
  pendingLabel: string;
  variant?: 'primary' | 'danger';
}) {
  const t = useTranslations('admin.customer.form');
  const words = useTranslations('confirm.wallet');
  const errorWords = useTranslations('errors');
  const locale = useLocale();
  const format = useStaffFormat();
  const [state, formAction] = useActionState(action, { status: 'idle' });
  // Field errors found before opening the dialog, for the answer they were found after (a new answer replaces them).
  const [early, setEarly] = useState<{ after: ActionState; errors: FieldErrors } | null>(null);
  const [checked, setChecked] = useState<Checked>({ reason: '' });
  const id = useId();
  const errors = early?.after === state ? early.errors : state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;

  /** The same reading the server does (lib/money, the shop's currency, the staff's language), to name the amount. */
  function check(form: HTMLFormElement | null): boolean {
    if (!form) return false;
    const found: FieldErrors = {};
    let amount: number | undefined;
    if (withAmount) {
      const parsed = parseAmount(text(form, 'amount'), currency, locale);
      if (parsed.ok) amount = parsed.amount;
      else found.amount = [errorWords(parsed.code, errorValues(parsed.params, intlLocale(isLocale(locale) ? locale : 'en')))];
    }
    const reason = text(form, 'reason');
    if (!reason) found.reason = [errorWords('validation.reasonRequired')];
    const invalid = Object.keys(found);
    if (invalid.length > 0) {
      setEarly({ after: state, errors: found });
      form.querySelector<HTMLInputElement>(`[name="${invalid[0]}"]`)?.focus();
      return false;
    }
    setEarly(null);
    setChecked({ amount, reason });
    return true;
  }

  const money = (amount: number) => format.money(amount, currency);
  const body =
    kind === 'reset'
      ? words('reset.body', { customer: customerName, balance: money(balance), zero: money(0) })
      : words(`${kind}.body`, { customer: customerName, amount: money(checked.amount ?? 0) });

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
          <ConfirmButton
            label={submitLabel}
            title={words(`${kind}.title`)}
            body={
              <>
                <p>{body}</p>
                <p>{words('reason', { reason: checked.reason })}</p>
                {kind === 'reset' ? <p>{words('reset.undo')}</p> : null}
              </>
            }
            confirmLabel={words(`${kind}.confirm`)}
            cancelLabel={words(`${kind}.cancel`)}
            pendingLabel={pendingLabel}
            variant={variant}
            onOpen={check}
          />
        </div>
      </form>
    </section>
  );
}
