'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** Amount and method for a top-up. The attempt key makes a double submit start one top-up. */
export function AddMoneyForm({
  action,
  defaultAmount,
  returnPath,
  attemptKey,
  currency,
  cardLabel,
  cardEnabled,
  wireEnabled,
}: {
  action: FormAction;
  defaultAmount: string;
  returnPath: string | null;
  attemptKey: string;
  currency: string;
  cardLabel: string;
  cardEnabled: boolean;
  wireEnabled: boolean;
}) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const method = values?.method ?? (cardEnabled ? 'card' : 'wire_transfer');
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-5" noValidate>
      <input type="hidden" name="attemptKey" value={attemptKey} />
      {returnPath ? <input type="hidden" name="returnPath" value={returnPath} /> : null}
      <Field
        label="Amount"
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={values?.amount ?? defaultAmount}
        hint={`In ${currency}, for example 25.00`}
        errors={errors?.amount}
        required
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-stone-700">Pay with</legend>
        {cardEnabled ? (
          <label className="flex items-center gap-2 rounded-md border border-stone-200 bg-white px-3 py-2">
            <input type="radio" name="method" value="card" defaultChecked={method === 'card'} />
            {cardLabel}
          </label>
        ) : null}
        {wireEnabled ? (
          <label className="flex items-center gap-2 rounded-md border border-stone-200 bg-white px-3 py-2">
            <input type="radio" name="method" value="wire_transfer" defaultChecked={method === 'wire_transfer'} />
            Wire Transfer (added once the shop receives it)
          </label>
        ) : null}
        {errors?.method ? <p className="text-sm text-red-700">{errors.method.join(' ')}</p> : null}
      </fieldset>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel="Starting…">Proceed to Add Money</SubmitButton>
      </div>
    </form>
  );
}
