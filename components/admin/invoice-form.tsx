'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** A new invoice: the customer's email, payment terms and up to `maxLines` lines. */
export function InvoiceForm({
  action,
  attemptKey,
  currency,
  maxLines,
}: {
  action: FormAction;
  attemptKey: string;
  currency: string;
  maxLines: number;
}) {
  const t = useTranslations('admin.newInvoice');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const filledBefore = Object.keys(values ?? {}).filter((key) => /^lines\.\d+\.description$/.test(key)).length;
  const [lineCount, setLineCount] = useState(Math.max(1, filledBefore));
  return (
    <form action={formAction} className="flex max-w-3xl flex-col gap-5" noValidate>
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('customerEmail')}
          name="customerEmail"
          type="email"
          autoComplete="off"
          required
          defaultValue={values?.customerEmail ?? ''}
          errors={errors?.customerEmail}
        />
        <Field
          label={t('dueInDays')}
          name="dueInDays"
          inputMode="numeric"
          required
          defaultValue={values?.dueInDays ?? '14'}
          errors={errors?.dueInDays}
        />
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium text-stone-700">{t('lines', { currency })}</legend>
        {Array.from({ length: lineCount }, (_, index) => {
          const name = (field: string) => `lines.${index}.${field}`;
          return (
            <div key={index} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-3 sm:grid-cols-[1fr_7rem_9rem]">
              <Field
                id={`line-${index}-description`}
                label={t('description', { line: index + 1 })}
                name={name('description')}
                maxLength={200}
                defaultValue={values?.[name('description')] ?? ''}
                errors={errors?.[name('description')]}
              />
              <Field
                id={`line-${index}-quantity`}
                label={t('quantity', { line: index + 1 })}
                name={name('quantity')}
                inputMode="numeric"
                defaultValue={values?.[name('quantity')] ?? '1'}
                errors={errors?.[name('quantity')]}
              />
              <Field
                id={`line-${index}-unit-price`}
                label={t('unitPrice', { line: index + 1 })}
                name={name('unitPrice')}
                inputMode="decimal"
                placeholder={t('pricePlaceholder')}
                defaultValue={values?.[name('unitPrice')] ?? ''}
                errors={errors?.[name('unitPrice')]}
              />
            </div>
          );
        })}
        <div className="flex gap-2">
          <Button variant="secondary" disabled={lineCount >= maxLines} onClick={() => setLineCount(lineCount + 1)}>
            {t('addLine')}
          </Button>
          <Button variant="ghost" disabled={lineCount <= 1} onClick={() => setLineCount(lineCount - 1)}>
            {t('removeLine')}
          </Button>
        </div>
      </fieldset>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('creating')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}
