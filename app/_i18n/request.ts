import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getDatabase } from '@/db';
import { defaultTimeZone } from '@/lib/i18n/time-zone';
import { getShopTimeZone } from '@/lib/settings';
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, shopLocale, type Locale } from '@/lib/i18n/locales';
import { loadMessages } from './messages';

/** The visitor's language: the one they chose (cookie), else their browser's, else the shop's. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get('accept-language')) ?? shopLocale();
}

/** The shop's time zone (Backend > Settings, else SHOP_TIME_ZONE, else UTC); the environment's when the database cannot answer. */
async function shopTimeZone(): Promise<string> {
  try {
    return await getShopTimeZone(getDatabase().read);
  } catch (error) {
    console.error('Time zone setting unreadable; using the default', error);
    return defaultTimeZone();
  }
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  const [messages, timeZone] = await Promise.all([loadMessages(locale), shopTimeZone()]);
  return { locale, messages, timeZone };
});
