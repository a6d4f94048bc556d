'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** Continues or restarts the card payment of an order that is still waiting for it. */
export function PayByCardForm({ action, orderNumber, attemptKey, label }: { action: FormAction; orderNumber: string; attemptKey: string; label: string }) {
  const t = useTranslations('orders.next');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="orderNumber" value={orderNumber} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('openingCard')}>{label}</SubmitButton>
      </div>
    </form>
  );
}
