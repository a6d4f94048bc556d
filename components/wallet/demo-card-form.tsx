'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FieldErrors, FormAction } from '@/lib/validations/action-state';

/**
 * The Demo provider's card fields (holder, number, expiry, CVC). The number and the CVC are never
 * sent back by the server, so they are typed again after an error; the others keep what was typed.
 */
export function DemoCardFields({ values, errors }: { values?: Record<string, string>; errors?: FieldErrors }) {
  const t = useTranslations('payments.demo');
  return (
    <>
      <Field label={t('nameOnCard')} name="cardHolderName" autoComplete="cc-name" defaultValue={values?.cardHolderName} errors={errors?.cardHolderName} required />
      <Field label={t('cardNumber')} name="cardNumber" inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242" errors={errors?.cardNumber} required />
      <div className="grid grid-cols-2 gap-4">
        <Field label={t('expiry')} name="expiry" autoComplete="cc-exp" placeholder="12/30" defaultValue={values?.expiry} errors={errors?.expiry} required />
        <Field label={t('cvc')} name="cvc" inputMode="numeric" autoComplete="cc-csc" placeholder="123" errors={errors?.cvc} required />
      </div>
    </>
  );
}

/** The Demo provider's card form: validated like a real gateway, charges nothing. */
export function DemoCardForm({ action, reference, payLabel }: { action: FormAction; reference: string; payLabel: string }) {
  const t = useTranslations('payments.demo');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="reference" value={reference} />
      <DemoCardFields values={values} errors={errors} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t('paying')}>{payLabel}</SubmitButton>
    </form>
  );
}
