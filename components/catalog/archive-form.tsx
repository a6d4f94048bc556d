'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** "Archive" (or "Restore" for an archived product) on a product's page. Both can be undone, so no dialog. */
export function ArchiveForm({ action, productId, archived }: { action: FormAction; productId: number; archived: boolean }) {
  const t = useTranslations('catalog.archive');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col items-start gap-3">
      <input type="hidden" name="productId" value={productId} />
      <SubmitButton variant={archived ? 'secondary' : 'danger'} pendingLabel={archived ? t('restoring') : t('archiving')}>
        {archived ? t('restore') : t('archive')}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
