'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
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

/** The shop's settings; the currency is shown, not edited (it comes from the server's configuration). */
export function SettingsForm({ action, current, currency }: { action: FormAction; current: SettingsFormValues; currency: string }) {
  const t = useTranslations('admin.settings');
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

      <section aria-labelledby="bank-heading" className="flex flex-col gap-3">
        <h2 id="bank-heading" className="text-lg font-medium">
          {t('bank')}
        </h2>
        <p className="text-sm text-stone-600">{t('bankIntro')}</p>
        <Field label={t('bankAccountHolder')} name="bankAccountHolder" required defaultValue={text('bankAccountHolder', current.bankAccountHolder)} errors={errors?.bankAccountHolder} />
        <Field label={t('bankIban')} name="bankIban" required defaultValue={text('bankIban', current.bankIban)} errors={errors?.bankIban} />
        <Field label={t('bankName')} name="bankName" required defaultValue={text('bankName', current.bankName)} errors={errors?.bankName} />
      </section>

      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}
