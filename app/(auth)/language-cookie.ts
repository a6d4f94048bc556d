import 'server-only';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/locales';

/** Sets the language cookie as the language switch does (app/_i18n/actions.ts), for a year. */
export async function setLanguageCookie(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true });
}
