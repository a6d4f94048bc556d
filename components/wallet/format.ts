import 'server-only';
import { getFormatter, getLocale } from 'next-intl/server';
import { intlLocale, isLocale, type Locale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';

/** Money and dates in the visitor's language, dates in the shop's time zone (the request config's). */
export type ShopperFormat = {
  locale: Locale;
  money: (amount: number, currency: string) => string;
  date: (date: Date) => string;
  dateTime: (date: Date) => string;
};

/** For the wallet, invoice and payment pages, their tables, the PDF and the CSV (server side). */
export async function getShopperFormat(): Promise<ShopperFormat> {
  const [requested, formatter] = await Promise.all([getLocale(), getFormatter()]);
  const locale = isLocale(requested) ? requested : 'en';
  return {
    locale,
    money: (amount, currency) => formatMoney(amount, currency, intlLocale(locale)),
    date: (date) => formatter.dateTime(date, { dateStyle: 'medium' }),
    dateTime: (date) => formatter.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }),
  };
}

/**
 * A plain decimal ("507.50", as in URLs and toDecimalString) as the visitor types amounts: the
 * decimal comma in Turkish ("507,50"), no grouping; anything else is returned as it is.
 */
export function typedAmount(decimal: string, locale: Locale): string {
  return locale === 'tr' && /^-?\d+\.\d+$/.test(decimal) ? decimal.replace('.', ',') : decimal;
}
