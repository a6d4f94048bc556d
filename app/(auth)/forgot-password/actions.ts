'use server';

import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { requestPasswordReset } from '@/lib/accounts/password-reset';
import { forgotPasswordSchema } from '@/lib/accounts/forms';
import { clientAddress } from '@/lib/auth/client-address';
import { isLocale } from '@/lib/i18n/locales';
import { visitorAction } from '../../_server/action';

/**
 * "Send reset link": the same answer whether or not the address has an account, or was throttled
 * (lib/accounts/password-reset does the same work either way), so the form never tells who is registered.
 */
export const requestPasswordResetAction = visitorAction.input(forgotPasswordSchema).run(async (input, { db }) => {
  const [requestHeaders, locale, t] = await Promise.all([headers(), getLocale(), getTranslations('auth.forgotPassword')]);
  await requestPasswordReset(db, { email: input.email, ip: clientAddress(requestHeaders), locale: isLocale(locale) ? locale : undefined });
  return { status: 'success', message: t('sent') };
});
