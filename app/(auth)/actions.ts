'use server';

import { AuthError } from 'next-auth';
import { getLocale, getTranslations } from 'next-intl/server';
import { signIn, TooManyAttempts } from '@/auth';
import { preferredLocaleOf } from '@/lib/accounts/profile';
import { registerShopper } from '@/lib/accounts/register';
import { isAppError } from '@/lib/errors';
import { isLocale } from '@/lib/i18n/locales';
import { registerSchema, signInSchema } from '@/lib/validations/auth';
import { safeReturnPath } from '@/lib/validations/return-path';
import { errorMessage, errorWords } from '../_i18n/server-errors';
import { visitorAction } from '../_server/action';
import { setLanguageCookie } from './language-cookie';

/** Passwords are never sent back with an error answer. */
const redact = ['password', 'confirmPassword'];

function withoutPasswords(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !redact.includes(key)));
}

/** Signs a user in with email and password, then returns them where they were going. */
export const signInWithPassword = visitorAction.input(signInSchema, { redact }).run(async (input, { db, values }) => {
  try {
    await signIn('credentials', {
      email: input.email,
      password: input.password,
      redirectTo: safeReturnPath(values.callbackUrl, '/') ?? '/',
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const t = await getTranslations('auth.signIn');
      const message =
        error instanceof TooManyAttempts || ('code' in error && error.code === 'too_many_attempts')
          ? t('tooManyAttempts')
          : t('wrongCredentials');
      return { status: 'error', message, values: withoutPasswords(values) };
    }
    // The redirect after a successful sign-in: the shop switches to the language the account chose.
    const chosen = await preferredLocaleOf(db.read, input.email).catch(() => undefined);
    if (chosen) await setLanguageCookie(chosen);
    throw error;
  }
  return { status: 'success' };
});

/** Creates a shopper account (with its welcome e-mail, in the language they registered in) and signs it in. */
export const registerAccount = visitorAction.input(registerSchema, { redact }).run(async (input, { db, values }) => {
  const locale = await getLocale();
  try {
    await registerShopper(db, { name: input.name, email: input.email, password: input.password, locale: isLocale(locale) ? locale : undefined });
  } catch (error) {
    if (isAppError(error, 'EMAIL_TAKEN')) {
      const { t } = await errorWords();
      return {
        status: 'error',
        message: t('validation.formInvalid'),
        code: error.code,
        fieldErrors: { email: [await errorMessage(error.code, error.params)] },
        values: withoutPasswords(values),
      };
    }
    throw error;
  }
  await signIn('credentials', {
    email: input.email,
    password: input.password,
    redirectTo: safeReturnPath(values.callbackUrl, '/') ?? '/',
  });
  return { status: 'success' };
});
