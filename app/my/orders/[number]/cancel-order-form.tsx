'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import type { FormAction } from '@/lib/validations/action-state';

/** "Cancel order" on the shopper's own unpaid order, confirmed in a dialog naming the order and its amount. */
export function CancelOrderForm({ action, orderNumber, amount }: { action: FormAction; orderNumber: string; amount: string }) {
  const t = useTranslations('orders.cancel');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <section aria-labelledby="cancel-order-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="cancel-order-heading" className="text-lg font-medium">
        {t('heading')}
      </h2>
      <p className="text-sm text-stone-600">{t('hint')}</p>
      <form action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="orderNumber" value={orderNumber} />
        <FormMessage state={state} />
        <div>
          <ConfirmButton
            label={t('submit')}
            title={t('confirm.title')}
            body={<p>{t('confirm.body', { number: orderNumber, amount })}</p>}
            confirmLabel={t('confirm.confirm')}
            cancelLabel={t('confirm.cancel')}
            pendingLabel={t('canceling')}
            variant="danger"
          />
        </div>
      </form>
    </section>
  );
}
