'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** "Remove" alone, for a cart line that can no longer be bought (its product left the shop). */
export function RemoveCartLineForm({ action, productId, productName }: { action: FormAction; productId: number; productName: string }) {
  const t = useTranslations('cart.line');
  const [state, remove] = useActionState(action, { status: 'idle' });
  return (
    <form action={remove} className="flex flex-col items-end gap-1">
      <input type="hidden" name="productId" value={productId} />
      <SubmitButton variant="ghost" pendingLabel={t('removing')}>
        {t.rich('remove', { name: productName, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
      </SubmitButton>
      {state.status === 'error' ? <p className="text-sm text-red-700">{state.message}</p> : null}
    </form>
  );
}
