'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney, toInputString } from '@/lib/money';
import type { FormAction } from '@/lib/validations/action-state';

/**
 * "Alert me below" (an amount in the shop currency, empty: off) and "Save alert": the shopper gets
 * one e-mail when a payment takes the wallet below it (lib/notifications/low-balance).
 */
export function LowBalanceForm({ action, threshold, currency }: { action: FormAction; threshold: number | null; currency: string }) {
  const t = useTranslations('mail.lowBalanceSetting');
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : 'en';
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const typed = state.status === 'error' ? state.values?.threshold : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <p className="text-sm text-stone-600">{t('help')}</p>
      <p className="text-sm text-stone-700">
        {threshold === null ? t('currentOff') : t('current', { amount: formatMoney(threshold, currency, intlLocale(locale)) })}
      </p>
      <Field
        label={t('label')}
        name="threshold"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={typed ?? (threshold === null ? '' : toInputString(threshold, currency, locale))}
        hint={t('hint', { currency, example: toInputString(5000, currency, locale) })}
        errors={errors?.threshold}
      />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}
