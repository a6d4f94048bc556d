'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { DemoCardFields } from '@/components/wallet/demo-card-form';
import type { FormAction } from '@/lib/validations/action-state';

/** What a multi payment asks for: how much to pay now (the last allowed payment pays all that is left). */
export type AmountField = { hint: string; defaultValue: string; readOnly: boolean } | null;

function Hidden({ token, attemptKey }: { token: string; attemptKey: string }) {
  return (
    <>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
    </>
  );
}

function Amount({ field, id, errors, value }: { field: AmountField; id: string; errors?: string[]; value?: string }) {
  const t = useTranslations('paymentPage.amount');
  if (!field) return null;
  return (
    <Field
      id={id}
      label={t('label')}
      name="amount"
      inputMode="decimal"
      autoComplete="off"
      defaultValue={value ?? field.defaultValue}
      readOnly={field.readOnly}
      hint={field.hint}
      errors={errors}
      required
    />
  );
}

/** The Demo card form (no Stripe), or with Stripe a button that opens Stripe Checkout; the attempt key makes a double submit pay once. */
export function CardForm({ action, token, attemptKey, amount, demo }: { action: FormAction; token: string; attemptKey: string; amount: AmountField; demo: boolean }) {
  const t = useTranslations('paymentPage.card');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {/* After a declined card the answer carries a new attempt key: the next card is a new attempt. */}
      <Hidden token={token} attemptKey={values?.attemptKey ?? attemptKey} />
      <Amount field={amount} id="card-amount" errors={errors?.amount} value={values?.amount} />
      {demo ? (
        <>
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('demoNotice')}</p>
          <DemoCardFields values={values} errors={errors} />
        </>
      ) : null}
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={demo ? t('paying') : t('opening')}>{demo ? t('pay') : t('continue')}</SubmitButton>
      </div>
    </form>
  );
}

/** Pay from the signed-in buyer's wallet. */
export function WalletForm({ action, token, attemptKey, amount }: { action: FormAction; token: string; attemptKey: string; amount: AmountField }) {
  const t = useTranslations('paymentPage.wallet');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <Hidden token={token} attemptKey={attemptKey} />
      <Amount field={amount} id="wallet-amount" errors={errors?.amount} value={values?.amount} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('paying')}>{t('pay')}</SubmitButton>
      </div>
    </form>
  );
}

/** A small POST form for a payment waiting at the card provider ("Check now", "Cancel the card payment"). */
export function PaymentButton({ action, token, reference, label, pendingLabel, variant }: { action: FormAction; token: string; reference: string; label: string; pendingLabel?: string; variant?: 'primary' | 'secondary' }) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction}>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="reference" value={reference} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {label}
      </SubmitButton>
    </form>
  );
}

/**
 * Back to the merchant's callbackUrl (with token=…): a link, and, when the page is done, the browser
 * goes there by itself. A redirect after a form post could not: CSP form-action allows only this
 * shop and Stripe, and the merchant's site is neither.
 */
export function ReturnToShop({ href, automatic }: { href: string; automatic: boolean }) {
  const t = useTranslations('paymentPage.result');
  useEffect(() => {
    if (!automatic) return;
    const timer = window.setTimeout(() => window.location.assign(href), 2500);
    return () => window.clearTimeout(timer);
  }, [automatic, href]);
  return (
    <div className="flex flex-col gap-2">
      {automatic ? (
        <p role="status" className="text-sm text-stone-600">
          {t('returning')}
        </p>
      ) : null}
      <a href={href} className="inline-flex min-h-11 w-fit items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {t('returnToShop')}
      </a>
    </div>
  );
}
