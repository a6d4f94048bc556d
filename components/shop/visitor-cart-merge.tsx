'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';

/**
 * Shown to a shopper who has just signed in while a visitor cart is still in their browser: the
 * form submits itself at once (pages cannot change cookies, a server action can), and stays
 * usable by hand without JavaScript.
 */
export function VisitorCartMerge({ action }: { action: () => Promise<void> }) {
  const t = useTranslations('cart.merge');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.requestSubmit();
  }, []);
  return (
    <form ref={form} action={action} className="flex flex-col items-start gap-3 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <p role="status">{t('status')}</p>
      <SubmitButton pendingLabel={t('pending')}>{t('continue')}</SubmitButton>
    </form>
  );
}
