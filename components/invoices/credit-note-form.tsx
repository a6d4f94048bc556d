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
 * Issue Credit Note on a staff invoice page: an amount (prefilled with all that can be credited),
 * a reason for the audit log, and a hidden attempt key so a double submit issues one credit note.
 * Staff confirm in a dialog naming the amount, the invoice and the customer; the server checks
 * the amount again against what the order refunded.
 */
export function CreditNoteForm({
  action,
  invoiceId,
  invoiceNumber,
  customerName,
  attemptKey,
  currency,
  creditable,
  creditableDecimal,
}: {
  action: FormAction;
  invoiceId: number;
  invoiceNumber: string;
  customerName: string;
  attemptKey: string;
  currency: string;
  /** What can still be credited, in minor units. */
  creditable: number;
  /** The same, as staff type amounts ("42.00" / "42,00"). */
  creditableDecimal: string;
}) {
  const t = useTranslations('invoices.staff.creditForm');
  const errorWords = useTranslations('errors');
  const locale = useLocale();
  const format = useStaffFormat();
  const [state, formAction] = useActionState(action, { status: 'idle' });
  // Field errors found before opening the dialog, for the answer they were found after.
  const [early, setEarly] = useState<{ after: ActionState; errors: FieldErrors } | null>(null);
  const [checked, setChecked] = useState<{ amount: number; reason: string }>({ amount: 0, reason: '' });
  const errors = early?.after === state ? early.errors : state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const money = (amount: number) => format.money(amount, currency);

  /** The server's reading of the amount (lib/money, the invoice's currency, the staff's language), to name it. */
  function check(form: HTMLFormElement | null): boolean {
    if (!form) return false;
    const found: FieldErrors = {};
    const parsed = parseAmount(text(form, 'amount'), currency, locale);
    if (!parsed.ok) found.amount = [errorWords(parsed.code, errorValues(parsed.params, intlLocale(isLocale(locale) ? locale : 'en')))];
    else if (parsed.amount > creditable) found.amount = [t('atMost', { creditable: money(creditable) })];
    const reason = text(form, 'reason');
    if (!reason) found.reason = [errorWords('validation.reasonRequired')];
    const invalid = Object.keys(found);
    if (!parsed.ok || invalid.length > 0) {
      setEarly({ after: state, errors: found });
      form.querySelector<HTMLInputElement>(`[name="${invalid[0] ?? 'amount'}"]`)?.focus();
      return false;
    }
    setEarly(null);
    setChecked({ amount: parsed.amount, reason });
    return true;
  }

  // Nothing (more) to credit: only the answer to the last credit note, if any.
  if (creditable === 0) return <FormMessage state={state} />;
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-3" noValidate>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <Field
        id="credit-amount"
        label={t('amount')}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        required
        defaultValue={values?.amount ?? creditableDecimal}
        hint={t('amountHint', { currency, creditable: money(creditable) })}
        errors={errors?.amount}
      />
      <Field
        id="credit-reason"
        label={t('reason')}
        name="reason"
        required
        maxLength={200}
        hint={t('reasonHint')}
        defaultValue={values?.reason ?? ''}
        errors={errors?.reason}
      />
      {errors?.attemptKey || errors?.invoiceId ? <p className="text-sm text-red-700">{t('reload')}</p> : null}
      <FormMessage state={state} />
      <div>
        <ConfirmButton
          label={t('submit')}
          title={t('confirmTitle')}
          body={
            <>
              <p>{t('confirmBody', { amount: money(checked.amount), number: invoiceNumber, customer: customerName })}</p>
              <p>{t('confirmReason', { reason: checked.reason })}</p>
              <p>{t('confirmUndo')}</p>
            </>
          }
          confirmLabel={t('confirm')}
          cancelLabel={t('cancel')}
          pendingLabel={t('pending')}
          variant="danger"
          onOpen={check}
        />
      </div>
    </form>
  );
}
