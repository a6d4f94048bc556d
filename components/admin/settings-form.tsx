'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { shippingKinds, type ShippingKind } from '@/db/schema/enums';
import type { FormAction } from '@/lib/validations/action-state';

export type SettingsFormValues = {
  automaticInvoice: boolean;
  methods: { field: string; label: string; enabled: boolean }[];
  /** Top-up limits as the staff member types them in the shop currency ("1.00" / "1,00"). */
  minTopUp: string;
  maxTopUp: string;
  maxWalletBalance: string;
  bankAccountHolder: string;
  bankIban: string;
  bankName: string;
  holdMinutes: number;
  timeZone: string;
  pricesIncludeTax: boolean;
  /** The default rate as a percentage typed in the staff member's locale ("20", "8,5"). */
  defaultTaxRate: string;
  shopName: string;
  shopAddress: string;
  shopTaxNumber: string;
  abandonedOrderMinutes: number;
  /** Members may ask for withdrawals to their bank account from My Wallet. */
  withdrawalsEnabled: boolean;
};

function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <label className="flex items-start gap-2 rounded-md border border-stone-200 bg-white px-3 py-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="mt-0.5" />
      <span>
        <span className="font-medium">{label}</span>
        {hint ? <span className="block text-stone-500">{hint}</span> : null}
      </span>
    </label>
  );
}

/** A labelled multi-line text field with its error beside it (as Field). */
function TextArea({ label, name, defaultValue, errors }: { label: string; name: string; defaultValue: string; errors?: string[] }) {
  const id = `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500"
      />
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** The shop's settings; the currency is shown, not edited (it comes from the server's configuration). */
export function SettingsForm({ action, current, currency }: { action: FormAction; current: SettingsFormValues; currency: string }) {
  const t = useTranslations('admin.settings');
  const words = useTranslations('delivery.settings');
  const payouts = useTranslations('payouts.settings');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const checked = (name: string, saved: boolean) => (values ? values[name] === 'on' : saved);
  const text = (name: string, saved: string) => values?.[name] ?? saved;
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-6" noValidate>
      <section aria-labelledby="invoicing-heading" className="flex flex-col gap-2">
        <h2 id="invoicing-heading" className="text-lg font-medium">
          {t('invoicing')}
        </h2>
        <Checkbox
          name="automaticInvoice"
          label={t('automaticInvoice')}
          checked={checked('automaticInvoice', current.automaticInvoice)}
          hint={t('automaticInvoiceHint')}
        />
      </section>

      <fieldset className="flex flex-col gap-2" aria-describedby={errors?.methods ? 'methods-error' : undefined}>
        <legend className="mb-1 text-lg font-medium">{t('paymentMethods')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {current.methods.map((method) => (
            <Checkbox key={method.field} name={method.field} label={method.label} checked={checked(method.field, method.enabled)} />
          ))}
        </div>
        {errors?.methods ? (
          <p id="methods-error" className="text-sm text-red-700">
            {errors.methods.join(' ')}
          </p>
        ) : null}
      </fieldset>

      <section aria-labelledby="top-up-heading" className="flex flex-col gap-3">
        <h2 id="top-up-heading" className="text-lg font-medium">
          {t('topUps')}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('minTopUp')}
            name="minTopUp"
            inputMode="decimal"
            required
            hint={t('minTopUpHint', { currency })}
            defaultValue={text('minTopUp', current.minTopUp)}
            errors={errors?.minTopUp}
          />
          <Field
            label={t('maxTopUp')}
            name="maxTopUp"
            inputMode="decimal"
            required
            hint={t('maxTopUpHint', { currency })}
            defaultValue={text('maxTopUp', current.maxTopUp)}
            errors={errors?.maxTopUp}
          />
        </div>
        <Field
          label={t('maxWalletBalance')}
          name="maxWalletBalance"
          inputMode="decimal"
          required
          hint={t('maxWalletBalanceHint')}
          defaultValue={text('maxWalletBalance', current.maxWalletBalance)}
          errors={errors?.maxWalletBalance}
          className="sm:max-w-xs"
        />
        <Field
          label={t('holdMinutes')}
          name="holdMinutes"
          inputMode="numeric"
          required
          hint={t('holdMinutesHint')}
          defaultValue={text('holdMinutes', String(current.holdMinutes))}
          errors={errors?.holdMinutes}
          className="sm:max-w-xs"
        />
        <Field
          label={t('timeZone')}
          name="timeZone"
          required
          hint={t('timeZoneHint')}
          defaultValue={text('timeZone', current.timeZone)}
          errors={errors?.timeZone}
          className="sm:max-w-xs"
        />
      </section>

      <section aria-labelledby="tax-heading" className="flex flex-col gap-3">
        <h2 id="tax-heading" className="text-lg font-medium">
          {words('taxHeading')}
        </h2>
        <Checkbox
          name="pricesIncludeTax"
          label={words('pricesIncludeTax')}
          checked={checked('pricesIncludeTax', current.pricesIncludeTax)}
          hint={words('pricesIncludeTaxHint')}
        />
        <Field
          label={words('defaultTaxRate')}
          name="defaultTaxRate"
          inputMode="decimal"
          required
          hint={words('defaultTaxRateHint')}
          defaultValue={text('defaultTaxRate', current.defaultTaxRate)}
          errors={errors?.defaultTaxRate}
          className="sm:max-w-xs"
        />
      </section>

      <section aria-labelledby="shop-heading" className="flex flex-col gap-3">
        <h2 id="shop-heading" className="text-lg font-medium">
          {words('shopHeading')}
        </h2>
        <p className="text-sm text-stone-600">{words('shopIntro')}</p>
        <Field label={words('shopName')} name="shopName" required defaultValue={text('shopName', current.shopName)} errors={errors?.shopName} />
        <TextArea label={words('shopAddress')} name="shopAddress" defaultValue={text('shopAddress', current.shopAddress)} errors={errors?.shopAddress} />
        <Field label={words('shopTaxNumber')} name="shopTaxNumber" defaultValue={text('shopTaxNumber', current.shopTaxNumber)} errors={errors?.shopTaxNumber} className="sm:max-w-xs" />
      </section>

      <section aria-labelledby="orders-heading" className="flex flex-col gap-3">
        <h2 id="orders-heading" className="text-lg font-medium">
          {words('ordersHeading')}
        </h2>
        <Field
          label={words('abandonedOrderMinutes')}
          name="abandonedOrderMinutes"
          inputMode="numeric"
          required
          hint={words('abandonedOrderMinutesHint')}
          defaultValue={text('abandonedOrderMinutes', String(current.abandonedOrderMinutes))}
          errors={errors?.abandonedOrderMinutes}
          className="sm:max-w-xs"
        />
      </section>

      <section aria-labelledby="bank-heading" className="flex flex-col gap-3">
        <h2 id="bank-heading" className="text-lg font-medium">
          {t('bank')}
        </h2>
        <p className="text-sm text-stone-600">{t('bankIntro')}</p>
        <Field label={t('bankAccountHolder')} name="bankAccountHolder" required defaultValue={text('bankAccountHolder', current.bankAccountHolder)} errors={errors?.bankAccountHolder} />
        <Field label={t('bankIban')} name="bankIban" required defaultValue={text('bankIban', current.bankIban)} errors={errors?.bankIban} />
        <Field label={t('bankName')} name="bankName" required defaultValue={text('bankName', current.bankName)} errors={errors?.bankName} />
      </section>

      <section aria-labelledby="withdrawals-heading" className="flex flex-col gap-2">
        <h2 id="withdrawals-heading" className="text-lg font-medium">
          {payouts('heading')}
        </h2>
        <Checkbox
          name="withdrawalsEnabled"
          label={payouts('enabled')}
          checked={checked('withdrawalsEnabled', current.withdrawalsEnabled)}
          hint={payouts('enabledHint')}
        />
      </section>

      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}

/** A shipping method as its Settings form shows it: amounts as the staff member types them. */
export type ShippingMethodValues = {
  id: number;
  name: string;
  kind: ShippingKind;
  /** The price and free-above amount as typed in the staff member's locale ("4.90" / "4,90"); freeAbove '' for never free. */
  price: string;
  freeAbove: string;
  active: boolean;
  /** For reading ("$4.90", "Free"); freeAboveLabel null for never free. */
  priceLabel: string;
  freeAboveLabel: string | null;
};

/**
 * Settings → Shipping methods: each method with its own small form (open it to edit), and a form
 * to add one. Methods are never deleted (orders point at them); staff untick "Offered at checkout".
 */
export function ShippingMethodsSection({ action, methods, currency }: { action: FormAction; methods: ShippingMethodValues[]; currency: string }) {
  const t = useTranslations('delivery.methods');
  const kinds = useTranslations('delivery.kind');
  return (
    <section aria-labelledby="shipping-heading" className="flex max-w-2xl flex-col gap-3">
      <h2 id="shipping-heading" className="text-lg font-medium">
        {t('title')}
      </h2>
      <p className="text-sm text-stone-600">{t('intro')}</p>
      {methods.length === 0 ? <p className="text-sm text-stone-600">{t('none')}</p> : null}
      <ul className="flex flex-col gap-2" aria-label={t('caption')}>
        {methods.map((method) => (
          <li key={method.id} className="rounded-md border border-stone-200 bg-white">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <span className="font-medium">{method.name}</span>
                <span className="text-stone-600">{kinds(method.kind)}</span>
                <span className="tabular-nums">{method.priceLabel}</span>
                {method.freeAboveLabel ? <span className="text-stone-600">{t('freeAbove')}: {method.freeAboveLabel}</span> : null}
                <span className={method.active ? 'text-green-800' : 'text-stone-500'}>{method.active ? t('active') : t('inactive')}</span>
              </summary>
              <div className="border-t border-stone-200 p-3">
                <ShippingMethodForm action={action} method={method} currency={currency} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <details className="rounded-md border border-dashed border-stone-300 bg-white">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-brand-700">{t('newTitle')}</summary>
        <div className="border-t border-stone-200 p-3">
          <ShippingMethodForm action={action} currency={currency} />
        </div>
      </details>
    </section>
  );
}

/** One shipping method's form: new when `method` is absent. */
export function ShippingMethodForm({ action, method, currency }: { action: FormAction; method?: ShippingMethodValues; currency: string }) {
  const t = useTranslations('delivery.methods');
  const kinds = useTranslations('delivery.kind');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const text = (name: string, saved: string) => values?.[name] ?? saved;
  const prefix = `shipping-${method?.id ?? 'new'}`;
  const kind = values?.kind ?? method?.kind ?? 'delivery';
  const active = values ? values.active === 'on' : (method?.active ?? true);
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      {method ? <input type="hidden" name="id" value={method.id} /> : null}
      <Field id={`${prefix}-name`} label={t('name')} name="name" required defaultValue={text('name', method?.name ?? '')} errors={errors?.name} />
      <fieldset className="flex flex-col gap-1" aria-describedby={errors?.kind ? `${prefix}-kind-error` : undefined}>
        <legend className="text-sm font-medium text-stone-700">{t('kind')}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {shippingKinds.map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input type="radio" name="kind" value={option} defaultChecked={kind === option} />
              {kinds(option)}
            </label>
          ))}
        </div>
        {errors?.kind ? (
          <p id={`${prefix}-kind-error`} className="text-sm text-red-700">
            {errors.kind.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`${prefix}-price`}
          label={t('price')}
          name="price"
          inputMode="decimal"
          required
          hint={currency}
          defaultValue={text('price', method?.price ?? '')}
          errors={errors?.price}
        />
        <Field
          id={`${prefix}-freeAbove`}
          label={t('freeAbove')}
          name="freeAbove"
          inputMode="decimal"
          hint={t('freeAboveHint')}
          defaultValue={text('freeAbove', method?.freeAbove ?? '')}
          errors={errors?.freeAbove}
        />
      </div>
      <Checkbox name="active" label={t('activeLabel')} checked={active} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={method ? t('saving') : t('adding')}>{method ? t('save') : t('add')}</SubmitButton>
      </div>
    </form>
  );
}
