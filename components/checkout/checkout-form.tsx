'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { PaymentMethod } from '@/db/schema';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';
import type { FormAction } from '@/lib/validations/action-state';

export type WalletChoice = {
  available: number;
  /** What the wallet lacks to pay the order; 0 when it covers it. */
  shortfall: number;
  /** Add Money prefilled with the shortfall, returning to checkout. */
  topUpHref: string;
  topUpLabel: string;
};

/** Wallet and Card: the wallet balance held for the order and the remainder paid by card. */
export type SplitChoice = { walletPart: number; cardPart: number };

const choiceClasses =
  'flex items-start gap-3 rounded-md border border-stone-200 bg-white px-4 py-3 has-[:checked]:border-brand-600 has-[:checked]:ring-2 has-[:checked]:ring-brand-100 has-[:disabled]:bg-stone-50 has-[:disabled]:text-stone-500';

/**
 * The payment choice and "Pay Now". Only the method, the attempt key and the cart fingerprint are
 * sent; the server prices the order again. The attempt key makes a double submit place one order.
 */
export function CheckoutForm({
  action,
  checkoutKey,
  cartVersion,
  methods,
  total,
  currency,
  wallet,
  split,
  cardLabel,
}: {
  action: FormAction;
  checkoutKey: string;
  cartVersion: string;
  methods: PaymentMethod[];
  total: number;
  currency: string;
  wallet: WalletChoice;
  split: SplitChoice | null;
  cardLabel: string;
}) {
  const t = useTranslations('checkout');
  const locale = useLocale();
  const money = (amount: number) => formatMoney(amount, currency, intlLocale(isLocale(locale) ? locale : 'en'));
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const walletUsable = methods.includes('wallet') && wallet.shortfall === 0;
  const selectable: string[] = methods.filter((method) => method !== 'wallet' || walletUsable);
  if (split) selectable.push('wallet_and_card');
  const submitted = state.status === 'error' ? state.values?.method : undefined;
  const selected = selectable.find((method) => method === submitted) ?? selectable[0];

  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate>
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
      <input type="hidden" name="cartVersion" value={cartVersion} />
      {split ? <input type="hidden" name="walletPart" value={split.walletPart} /> : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={errors?.method ? 'method-error' : undefined}>
        <legend className="mb-2 text-lg font-medium">{t('form.legend')}</legend>
        {methods.includes('wallet') ? (
          <div className="flex flex-col gap-2">
            <label className={choiceClasses}>
              <input
                type="radio"
                name="method"
                value="wallet"
                className="mt-1"
                disabled={!walletUsable}
                defaultChecked={selected === 'wallet'}
                aria-describedby={walletUsable ? undefined : 'wallet-shortfall'}
              />
              <span>
                <span className="font-medium">{t('method.wallet')}</span>
                <span className="text-stone-600"> — {t('form.walletAvailable', { amount: money(wallet.available) })}</span>
              </span>
            </label>
            {walletUsable ? null : (
              <div id="wallet-shortfall" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                <p>{t('form.shortfall', { available: money(wallet.available), total: money(total) })}</p>
                <Link href={wallet.topUpHref} className="mt-1 inline-block font-medium text-brand-700 underline">
                  {wallet.topUpLabel}
                </Link>
              </div>
            )}
            {split ? (
              <label className={choiceClasses}>
                <input
                  type="radio"
                  name="method"
                  value="wallet_and_card"
                  className="mt-1"
                  defaultChecked={selected === 'wallet_and_card'}
                  aria-describedby="split-note"
                />
                <span>
                  <span className="font-medium">{t('form.split')}</span>{' '}
                  <span className="text-stone-600">
                    {t('form.splitDetail', { wallet: money(split.walletPart), card: money(split.cardPart) })}
                  </span>
                </span>
              </label>
            ) : null}
            {split ? (
              <p id="split-note" className="px-4 text-xs text-stone-500">
                {t('form.splitNote')}
              </p>
            ) : null}
          </div>
        ) : null}
        {methods.includes('card') ? (
          <label className={choiceClasses}>
            <input type="radio" name="method" value="card" className="mt-1" defaultChecked={selected === 'card'} />
            <span className="font-medium">{cardLabel}</span>
          </label>
        ) : null}
        {methods.includes('wire_transfer') ? (
          <label className={choiceClasses}>
            <input type="radio" name="method" value="wire_transfer" className="mt-1" defaultChecked={selected === 'wire_transfer'} />
            <span>
              <span className="font-medium">{t('method.wire_transfer')}</span>
              <span className="text-stone-600"> — {t('form.wireNote')}</span>
            </span>
          </label>
        ) : null}
        {methods.includes('cash_on_delivery') ? (
          <label className={choiceClasses}>
            <input
              type="radio"
              name="method"
              value="cash_on_delivery"
              className="mt-1"
              defaultChecked={selected === 'cash_on_delivery'}
            />
            <span>
              <span className="font-medium">{t('method.cash_on_delivery')}</span>
              <span className="text-stone-600"> — {t('form.cashNote')}</span>
            </span>
          </label>
        ) : null}
        {errors?.method ? (
          <p id="method-error" className="text-sm text-red-700">
            {errors.method.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('form.paying')} disabled={selectable.length === 0}>
          {t('form.payNow')}
        </SubmitButton>
      </div>
    </form>
  );
}
