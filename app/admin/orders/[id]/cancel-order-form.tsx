'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';

/**
 * Staff "Cancel order": a required reason (the customer reads it with the refund) and a dialog
 * naming the order, the customer and what goes back before anything is sent. The hidden attempt
 * key makes a double submit cancel (and refund) once.
 */
export function CancelOrderForm({
  action,
  orderId,
  orderNumber,
  customerName,
  attemptKey,
  amountText,
  paid,
  available,
}: {
  action: FormAction;
  orderId: number;
  orderNumber: string;
  customerName: string;
  attemptKey: string;
  /** Paid: what the cancel refunds; unpaid: the order's total. Formatted. */
  amountText: string;
  paid: boolean;
  /** False once the order can no longer be cancelled: only the last answer stays on screen. */
  available: boolean;
}) {
  const t = useTranslations('fulfilment.cancel');
  const errorWords = useTranslations('errors');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const [early, setEarly] = useState<{ after: ActionState; errors: FieldErrors } | null>(null);
  const [reason, setReason] = useState('');
  const id = useId();
  const errors = early?.after === state ? early.errors : state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;

  /** The reason is required: said beside the field before the dialog opens. */
  function check(form: HTMLFormElement | null): boolean {
    const typed = form ? new FormData(form).get('reason') : null;
    const text = typeof typed === 'string' ? typed.trim() : '';
    if (!text) {
      setEarly({ after: state, errors: { reason: [errorWords('validation.reasonRequired')] } });
      form?.querySelector<HTMLInputElement>('[name="reason"]')?.focus();
      return false;
    }
    setEarly(null);
    setReason(text);
    return true;
  }

  const body = paid
    ? t('confirm.bodyPaid', { number: orderNumber, customer: customerName, amount: amountText })
    : t('confirm.bodyUnpaid', { number: orderNumber, customer: customerName, amount: amountText });
  if (!available) return <FormMessage state={state} />;
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-3" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
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
      <FormMessage state={state} />
      <div>
        <ConfirmButton
          label={t('submit')}
          title={t('confirm.title')}
          body={
            <>
              <p>{body}</p>
              <p>{t('confirm.reason', { reason })}</p>
            </>
          }
          confirmLabel={t('confirm.confirm')}
          cancelLabel={t('confirm.cancel')}
          pendingLabel={t('canceling')}
          variant="danger"
          onOpen={check}
        />
      </div>
    </form>
  );
}
