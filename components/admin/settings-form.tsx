'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

export type SettingsFormValues = {
  automaticInvoice: boolean;
  methods: { field: string; label: string; enabled: boolean }[];
  /** Top-up limits as plain decimals of the shop currency ("1.00"). */
  minTopUp: string;
  maxTopUp: string;
  maxWalletBalance: string;
  bankAccountHolder: string;
  bankIban: string;
  bankName: string;
  holdMinutes: number;
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
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const checked = (name: string, saved: boolean) => (values ? values[name] === 'on' : saved);
  const text = (name: string, saved: string) => values?.[name] ?? saved;
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-6" noValidate>
      <section aria-labelledby="invoicing-heading" className="flex flex-col gap-2">
        <h2 id="invoicing-heading" className="text-lg font-medium">
          Invoicing
        </h2>
        <Checkbox
          name="automaticInvoice"
          label="Automatic Invoice"
          checked={checked('automaticInvoice', current.automaticInvoice)}
          hint="Create a posted, paid invoice for every order once it is paid."
        />
      </section>

      <fieldset className="flex flex-col gap-2" aria-describedby={errors?.methods ? 'methods-error' : undefined}>
        <legend className="mb-1 text-lg font-medium">Payment methods</legend>
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
          Top-ups
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Minimum top-up"
            name="minTopUp"
            inputMode="decimal"
            required
            hint={`In ${currency}, for example 1.00`}
            defaultValue={text('minTopUp', current.minTopUp)}
            errors={errors?.minTopUp}
          />
          <Field
            label="Maximum top-up"
            name="maxTopUp"
            inputMode="decimal"
            required
            hint={`In ${currency}, for example 10,000.00`}
            defaultValue={text('maxTopUp', current.maxTopUp)}
            errors={errors?.maxTopUp}
          />
        </div>
        <Field
          label="Maximum wallet balance"
          name="maxWalletBalance"
          inputMode="decimal"
          required
          hint="The most one wallet may hold; top-ups and credits beyond it are refused before any card is charged."
          defaultValue={text('maxWalletBalance', current.maxWalletBalance)}
          errors={errors?.maxWalletBalance}
          className="sm:max-w-xs"
        />
        <Field
          label="Wallet hold (minutes)"
          name="holdMinutes"
          inputMode="numeric"
          required
          hint="How long wallet money stays reserved while the card part of a split payment is paid."
          defaultValue={text('holdMinutes', String(current.holdMinutes))}
          errors={errors?.holdMinutes}
          className="sm:max-w-xs"
        />
      </section>

      <section aria-labelledby="bank-heading" className="flex flex-col gap-3">
        <h2 id="bank-heading" className="text-lg font-medium">
          Bank details
        </h2>
        <p className="text-sm text-stone-600">Shown to shoppers with the wire transfer instructions.</p>
        <Field label="Account holder" name="bankAccountHolder" required defaultValue={text('bankAccountHolder', current.bankAccountHolder)} errors={errors?.bankAccountHolder} />
        <Field label="IBAN" name="bankIban" required defaultValue={text('bankIban', current.bankIban)} errors={errors?.bankIban} />
        <Field label="Bank name" name="bankName" required defaultValue={text('bankName', current.bankName)} errors={errors?.bankName} />
      </section>

      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel="Saving…">Save Settings</SubmitButton>
      </div>
    </form>
  );
}
