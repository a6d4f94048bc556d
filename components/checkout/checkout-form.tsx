'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { PaymentMethod, ShippingKind } from '@/db/schema';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney, toDecimalString } from '@/lib/money';
import type { FormAction } from '@/lib/validations/action-state';
import { AddressFields, type CountryOption } from './address-fields';
import { OrderSummary, type SummaryLine } from './order-summary';

/** A shipping method as checkout offers it. */
export type ShippingOption = { id: number; name: string; kind: ShippingKind; price: number; freeAbove: number | null };

/**
 * What one shipping choice makes the order cost, priced on the server (lib/checkout/queries
 * ShippingQuote): the page only shows the one the shopper picked; nothing here is sent back.
 */
export type CheckoutQuote = {
  methodId: number | null;
  subtotal: number;
  shipping: number;
  free: boolean;
  tax: number;
  total: number;
  walletShortfall: number;
  split: { walletPart: number; cardPart: number } | null;
};

/** A saved address, as one line the shopper reads. */
export type SavedAddressOption = { id: number; label: string };

const choiceClasses =
  'flex items-start gap-3 rounded-md border border-stone-200 bg-white px-4 py-3 has-[:checked]:border-brand-600 has-[:checked]:ring-2 has-[:checked]:ring-brand-100 has-[:disabled]:bg-stone-50 has-[:disabled]:text-stone-500';

type PaymentChoice = PaymentMethod | 'wallet_and_card';

function initialShipping(options: ShippingOption[], submitted: string | undefined): number | null {
  const chosen = options.find((option) => String(option.id) === submitted);
  return (chosen ?? options[0])?.id ?? null;
}

/**
 * Delivery, payment and "Pay Now", beside the order summary for the shipping chosen. Only choices
 * travel (shipping method, saved address or the new one typed, way of paying), with the attempt
 * key and the fingerprint of what the page priced; the server prices the order again and refuses
 * it if anything changed. The attempt key makes a double submit place one order.
 */
export function CheckoutForm({
  action,
  checkoutKey,
  cartVersion,
  currency,
  methods,
  walletAvailable,
  cardLabel,
  shippingOptions,
  quotes,
  addresses,
  countries,
  defaultCountry,
  lines,
  pricesIncludeTax,
}: {
  action: FormAction;
  checkoutKey: string;
  cartVersion: string;
  currency: string;
  methods: PaymentMethod[];
  walletAvailable: number;
  cardLabel: string;
  shippingOptions: ShippingOption[];
  /** One per shipping option (or one with methodId null when the shop has none). */
  quotes: CheckoutQuote[];
  addresses: SavedAddressOption[];
  countries: CountryOption[];
  defaultCountry: string;
  lines: SummaryLine[];
  pricesIncludeTax: boolean;
}) {
  const t = useTranslations('checkout');
  const method = useTranslations('statuses.paymentMethod');
  const locale = useLocale();
  const money = (amount: number) => formatMoney(amount, currency, intlLocale(isLocale(locale) ? locale : 'en'));
  const [state, formAction, sending] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const submitted = state.status === 'error' ? state.values : undefined;

  const [chosenShipping, setShippingId] = useState<number | null>(() => initialShipping(shippingOptions, submitted?.shippingMethodId));
  // A method staff withdrew meanwhile (the page was priced again) falls to the first one offered.
  const shipping = shippingOptions.find((option) => option.id === chosenShipping) ?? shippingOptions[0];
  const shippingId = shipping?.id ?? null;
  const quote = quotes.find((candidate) => candidate.methodId === shippingId) ?? quotes[0];
  const [addressChoice, setAddressChoice] = useState<string>(() => submitted?.addressId ?? String(addresses[0]?.id ?? 'new'));

  const total = quote?.total ?? 0;
  const walletShortfall = quote?.walletShortfall ?? 0;
  const split = quote?.split ?? null;
  const walletUsable = methods.includes('wallet') && walletShortfall === 0;
  const selectable: PaymentChoice[] = methods.filter((method) => method !== 'wallet' || walletUsable);
  if (split) selectable.push('wallet_and_card');
  const [payment, setPayment] = useState<string | undefined>(() => submitted?.method ?? selectable[0]);
  // A choice the new shipping total makes impossible (the wallet no longer covers it) falls to the first that is possible.
  const selected = selectable.find((method) => method === payment) ?? selectable[0];
  const paymentRadio = (value: PaymentChoice) => ({
    type: 'radio' as const,
    name: 'method',
    value,
    className: 'mt-1',
    checked: selected === value,
    onChange: () => setPayment(value),
  });
  const shortfallText = toDecimalString(walletShortfall, currency);
  // Sent by hand so React does not reset the form after an answer: the choices (shipping, address,
  // way of paying) stay as the shopper made them beside the field errors. Without JavaScript the
  // form's action posts as usual.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem] lg:items-start">
      <form action={formAction} onSubmit={submit} className="flex flex-col gap-6" noValidate>
        <input type="hidden" name="checkoutKey" value={checkoutKey} />
        <input type="hidden" name="cartVersion" value={cartVersion} />
        {selected === 'wallet_and_card' && split ? <input type="hidden" name="walletPart" value={split.walletPart} /> : null}

        {shippingOptions.length > 0 ? (
          <fieldset className="flex flex-col gap-2" aria-describedby={errors?.shippingMethodId ? 'shipping-error' : undefined}>
            <legend className="mb-2 text-lg font-medium">{t('delivery.legend')}</legend>
            {shippingOptions.map((option) => {
              const optionQuote = quotes.find((candidate) => candidate.methodId === option.id);
              const price = optionQuote && optionQuote.shipping === 0 ? t('delivery.free') : money(option.price);
              const note =
                option.kind === 'pickup'
                  ? t('delivery.pickupNote')
                  : optionQuote?.free
                    ? t('delivery.freeNow')
                    : option.freeAbove !== null
                      ? t('delivery.freeFrom', { amount: money(option.freeAbove) })
                      : null;
              return (
                <label key={option.id} className={choiceClasses}>
                  <input
                    type="radio"
                    name="shippingMethodId"
                    value={option.id}
                    className="mt-1"
                    checked={shippingId === option.id}
                    onChange={() => setShippingId(option.id)}
                  />
                  <span>
                    <span className="font-medium">{option.name}</span>
                    <span className="text-stone-600"> — {price}</span>
                    {note ? <span className="block text-sm text-stone-500">{note}</span> : null}
                  </span>
                </label>
              );
            })}
            {errors?.shippingMethodId ? (
              <p id="shipping-error" className="text-sm text-red-700">
                {errors.shippingMethodId.join(' ')}
              </p>
            ) : null}
          </fieldset>
        ) : null}

        {shipping?.kind === 'delivery' ? (
          <fieldset className="flex flex-col gap-3" aria-describedby={errors?.addressId ? 'address-error' : undefined}>
            <legend className="mb-2 text-lg font-medium">{t('delivery.addressLegend')}</legend>
            {addresses.length > 0 ? (
              <div className="flex flex-col gap-2">
                {addresses.map((address) => (
                  <label key={address.id} className={choiceClasses}>
                    <input
                      type="radio"
                      name="addressId"
                      value={address.id}
                      className="mt-1"
                      checked={addressChoice === String(address.id)}
                      onChange={() => setAddressChoice(String(address.id))}
                    />
                    <span>{address.label}</span>
                  </label>
                ))}
                <label className={choiceClasses}>
                  <input
                    type="radio"
                    name="addressId"
                    value="new"
                    className="mt-1"
                    checked={addressChoice === 'new'}
                    onChange={() => setAddressChoice('new')}
                  />
                  <span className="font-medium">{t('delivery.useNew')}</span>
                </label>
              </div>
            ) : (
              <input type="hidden" name="addressId" value="new" />
            )}
            {addresses.length === 0 || addressChoice === 'new' ? (
              <AddressFields countries={countries} defaultCountry={defaultCountry} values={submitted} errors={errors} />
            ) : null}
            {errors?.addressId ? (
              <p id="address-error" className="text-sm text-red-700">
                {errors.addressId.join(' ')}
              </p>
            ) : null}
          </fieldset>
        ) : null}

        <fieldset className="flex flex-col gap-2" aria-describedby={errors?.method ? 'method-error' : undefined}>
          <legend className="mb-2 text-lg font-medium">{t('form.legend')}</legend>
          {methods.includes('wallet') ? (
            <div className="flex flex-col gap-2">
              <label className={choiceClasses}>
                <input {...paymentRadio('wallet')} disabled={!walletUsable} aria-describedby={walletUsable ? undefined : 'wallet-shortfall'} />
                <span>
                  <span className="font-medium">{method('wallet')}</span>
                  <span className="text-stone-600"> — {t('form.walletAvailable', { amount: money(walletAvailable) })}</span>
                </span>
              </label>
              {walletUsable ? null : (
                <div id="wallet-shortfall" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                  <p>{t('form.shortfall', { available: money(walletAvailable), total: money(total) })}</p>
                  <Link href={`/my/wallet/add?amount=${shortfallText}&return=/checkout`} className="mt-1 inline-block font-medium text-brand-700 underline">
                    {t('topUp', { amount: money(walletShortfall) })}
                  </Link>
                </div>
              )}
              {split ? (
                <label className={choiceClasses}>
                  <input {...paymentRadio('wallet_and_card')} aria-describedby="split-note" />
                  <span>
                    <span className="font-medium">{t('form.split')}</span>{' '}
                    <span className="text-stone-600">{t('form.splitDetail', { wallet: money(split.walletPart), card: money(split.cardPart) })}</span>
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
              <input {...paymentRadio('card')} />
              <span className="font-medium">{cardLabel}</span>
            </label>
          ) : null}
          {methods.includes('wire_transfer') ? (
            <label className={choiceClasses}>
              <input {...paymentRadio('wire_transfer')} />
              <span>
                <span className="font-medium">{method('wire_transfer')}</span>
                <span className="text-stone-600"> — {t('form.wireNote')}</span>
              </span>
            </label>
          ) : null}
          {methods.includes('cash_on_delivery') ? (
            <label className={choiceClasses}>
              <input {...paymentRadio('cash_on_delivery')} />
              <span>
                <span className="font-medium">{method('cash_on_delivery')}</span>
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
          <SubmitButton pendingLabel={t('form.paying')} pending={sending} disabled={selectable.length === 0}>
            {t('form.payNow')}
          </SubmitButton>
        </div>
      </form>
      <OrderSummary
        lines={lines}
        total={total}
        currency={currency}
        totals={
          quote
            ? { subtotal: quote.subtotal, shipping: quote.methodId === null ? null : quote.shipping, tax: quote.tax, pricesIncludeTax }
            : undefined
        }
      />
    </div>
  );
}
