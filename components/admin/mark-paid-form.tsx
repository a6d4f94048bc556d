'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** Mark as Paid for a Wire Transfer or Cash on Delivery order whose money has arrived. */
export function MarkPaidForm({ action, orderId, enabled }: { action: FormAction; orderId: number; enabled: boolean }) {
  const t = useTranslations('admin.order');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="orderId" value={orderId} />
      {enabled ? (
        <div>
          <SubmitButton pendingLabel={t('marking')}>{t('markPaid')}</SubmitButton>
        </div>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
