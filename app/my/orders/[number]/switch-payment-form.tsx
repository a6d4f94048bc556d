'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { PaymentMethod } from '@/db/schema';
import type { FormAction } from '@/lib/validations/action-state';

/**
 * "Pay another way" on an order still waiting for its payment: the other ways the shop takes
 * (the server checks them again), one attempt key per rendering so a double click switches once.
 */
export function SwitchPaymentForm({
  action,
  orderNumber,
  attemptKey,
  methods,
  walletAvailable,
}: {
  action: FormAction;
  orderNumber: string;
  attemptKey: string;
  methods: PaymentMethod[];
  /** The wallet's available funds, formatted (shown beside Wallet). */
  walletAvailable: string;
}) {
  const t = useTranslations('orders.switch');
  const names = useTranslations('statuses.paymentMethod');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const error = state.status === 'error' ? state.fieldErrors?.method : undefined;
  return (
    <section aria-labelledby="switch-payment-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="switch-payment-heading" className="text-lg font-medium">
        {t('heading')}
      </h2>
      <p className="text-sm text-stone-600">{t('hint')}</p>
      <form action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="orderNumber" value={orderNumber} />
        <input type="hidden" name="attemptKey" value={attemptKey} />
        <fieldset className="flex flex-col gap-2" aria-describedby={error ? 'switch-method-error' : undefined}>
          <legend className="mb-1 text-sm font-medium text-stone-700">{t('legend')}</legend>
          {methods.map((method, index) => (
            <label key={method} className="flex min-h-11 items-center gap-3 rounded-md border border-stone-200 px-3 py-2 text-sm">
              <input type="radio" name="method" value={method} defaultChecked={index === 0} required />
              <span>{method === 'wallet' ? t('wallet', { amount: walletAvailable }) : names(method)}</span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p id="switch-method-error" className="text-sm text-red-700">
            {error.join(' ')}
          </p>
        ) : null}
        <FormMessage state={state} />
        <div>
          <SubmitButton pendingLabel={t('switching')}>{t('submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
