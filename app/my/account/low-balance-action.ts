'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { appConfig } from '@/lib/config';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';
import { readLowBalanceThreshold, setLowBalanceThreshold } from '@/lib/notifications/low-balance';
import { fieldMessage } from '@/lib/validations/messages';
import { invalidForm, shopperAction } from '../../_server/action';

const lowBalanceSchema = z.object({ threshold: z.string().max(40, fieldMessage('amountRequired')) });

/**
 * My Account > Low-balance alert: the signed-in shopper's own threshold (the user id comes from the
 * session), in the shop currency as they type amounts; empty turns the alert off.
 */
export const saveLowBalanceAction = shopperAction.input(lowBalanceSchema).run(async (input, { db, viewer, values }) => {
  const [requested, t] = await Promise.all([getLocale(), getTranslations('mail.lowBalanceSetting')]);
  const locale = isLocale(requested) ? requested : 'en';
  const currency = appConfig().shopCurrency;
  const read = readLowBalanceThreshold(input.threshold, currency, locale);
  if (!read.ok) return invalidForm({ threshold: [read.error] }, values);
  await setLowBalanceThreshold(db, viewer.id, read.threshold);
  revalidatePath('/my/account');
  return {
    status: 'success',
    message: read.threshold === null ? t('off') : t('saved', { amount: formatMoney(read.threshold, currency, intlLocale(locale)) }),
  };
});
