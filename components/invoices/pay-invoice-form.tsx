'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';
import type { FormAction } from '@/lib/validations/action-state';
import type { InvoicePayMethod } from '@/lib/validations/invoices';

export type InvoicePayChoices = {
  amountDue: number;
  currency: string;
  /** Null when the shop does not take wallet payments. */
  wallet: { available: number; covers: boolean; partialAmount: number } | null;
  /** The card choice's label, or null when the shop does not take cards. */
  cardLabel: string | null;
  /** "Add $X to your wallet", when the wallet is short. */
  topUp: { href: string; amount: number } | null;
  /** Wallet and Card: the wallet balance held and the rest by card, when the wallet is short but not empty. */
  split: { walletPart: number; cardPart: number } | null;
};

type PayChoice = InvoicePayMethod | 'wallet_and_card';

function Choice({
  value,
  checked,
  disabled,
  hint,
  children,
}: {
  value: PayChoice;
  checked: boolean;
  disabled?: boolean;
  hint?: string;
  children: React.ReactNode;
}) {
  const hintId = hint ? `pay-${value}-hint` : undefined;
  // The hint sits outside the label so that it describes the choice without becoming its name.
  return (
    <div className={`flex flex-col rounded-md border border-stone-200 bg-white px-3 py-2 ${disabled ? 'text-stone-400' : ''}`}>
      <label className="flex items-center gap-2">
        <input type="radio" name="method" value={value} defaultChecked={checked} disabled={disabled} aria-describedby={hintId} />
        {children}
      </label>
      {hint ? (
        <span id={hintId} className="pl-6 text-xs text-stone-500">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** Pay Now for an unpaid invoice: the wallet (all of it or what it holds now) or a card. */
export function PayInvoiceForm({
  action,
  invoiceId,
  attemptKey,
  choices,
}: {
  action: FormAction;
  invoiceId: number;
  attemptKey: string;
  choices: InvoicePayChoices;
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const methodErrors = state.status === 'error' ? state.fieldErrors?.method : undefined;
  const { wallet, cardLabel, topUp, currency, split } = choices;
  const t = useTranslations('invoices.pay');
  const locale = useLocale();
  const money = (amount: number) => formatMoney(amount, currency, intlLocale(isLocale(locale) ? locale : 'en'));
  const previous = state.status === 'error' ? state.values?.method : undefined;
  const preferred: PayChoice | undefined = wallet?.covers ? 'wallet' : cardLabel ? 'card' : undefined;
  const selected = previous ?? preferred;
  const canPay = Boolean(wallet?.covers || (wallet && wallet.partialAmount > 0) || cardLabel);

  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
      {split ? <input type="hidden" name="walletPart" value={split.walletPart} /> : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={methodErrors?.length ? 'pay-method-error' : undefined}>
        <legend className="mb-1 text-sm font-medium text-stone-700">{t('legend', { amount: money(choices.amountDue) })}</legend>
        {wallet ? (
          <Choice
            value="wallet"
            checked={selected === 'wallet'}
            disabled={!wallet.covers}
            hint={
              wallet.available <= 0
                ? t('walletEmpty')
                : wallet.covers
                  ? undefined
                  : t('walletShort', { amount: money(choices.amountDue) })
            }
          >
            {t('wallet', { amount: money(wallet.available) })}
          </Choice>
        ) : null}
        {wallet && wallet.partialAmount > 0 ? (
          <Choice
            value="wallet_available"
            checked={selected === 'wallet_available'}
            hint={t('walletPartialHint', { amount: money(choices.amountDue - wallet.partialAmount) })}
          >
            {t('walletPartial', { amount: money(wallet.partialAmount) })}
          </Choice>
        ) : null}
        {cardLabel ? (
          <Choice value="card" checked={selected === 'card'}>
            {cardLabel}
          </Choice>
        ) : null}
        {split ? (
          <Choice
            value="wallet_and_card"
            checked={selected === 'wallet_and_card'}
            hint={t('splitHint')}
          >
            {t('split', { wallet: money(split.walletPart), card: money(split.cardPart) })}
          </Choice>
        ) : null}
        {methodErrors?.length ? (
          <p id="pay-method-error" className="text-sm text-red-700">
            {methodErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      {topUp ? (
        <p className="text-sm text-stone-700">
          {t.rich('topUp', {
            amount: money(topUp.amount),
            link: (chunks) => (
              <Link href={topUp.href} className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {canPay ? null : <p className="text-sm text-stone-700">{t('noWay')}</p>}
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('paying')} disabled={!canPay}>
          {t('submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
