'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import type { FormAction } from '@/lib/validations/action-state';

/**
 * Mark as Paid for a Wire Transfer or Cash on Delivery order whose money has arrived, confirmed in
 * a dialog naming the amount and the customer (it moves money and cannot be undone here).
 */
export function MarkPaidForm({
  action,
  orderId,
  enabled,
  orderNumber,
  customerName,
  amountText,
}: {
  action: FormAction;
  orderId: number;
  enabled: boolean;
  orderNumber: string;
  customerName: string;
  /** The order's total, formatted. */
  amountText: string;
}) {
  const t = useTranslations('admin.order');
  const words = useTranslations('fulfilment.markPaid.confirm');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="orderId" value={orderId} />
      {enabled ? (
        <div>
          <ConfirmButton
            label={t('markPaid')}
            title={words('title')}
            body={
              <>
                <p>{words('body', { amount: amountText, customer: customerName, number: orderNumber })}</p>
                <p>{words('check')}</p>
              </>
            }
            confirmLabel={words('confirm')}
            cancelLabel={words('cancel')}
            pendingLabel={t('marking')}
          />
        </div>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
