import { createFormatter, createTranslator } from 'next-intl';
import enInvoices from '@/messages/en/invoices.json';
import enMail from '@/messages/en/mail.json';
import enOrders from '@/messages/en/orders.json';
import enPdf from '@/messages/en/pdf.json';
import enStatuses from '@/messages/en/statuses.json';
import trInvoices from '@/messages/tr/invoices.json';
import trMail from '@/messages/tr/mail.json';
import trOrders from '@/messages/tr/orders.json';
import trPdf from '@/messages/tr/pdf.json';
import trStatuses from '@/messages/tr/statuses.json';
import { intlLocale, type Locale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';

// E-mails are written where no request is (the delivery job), so they take their catalogues
// here, in the recipient's language, rather than from next-intl's request config.
const catalogues = {
  en: { mail: enMail, statuses: enStatuses, pdf: enPdf, orders: enOrders, invoices: enInvoices },
  tr: { mail: trMail, statuses: trStatuses, pdf: trPdf, orders: trOrders, invoices: trInvoices },
} as const;

export type MailWords = {
  locale: Locale;
  /** A message of the mail catalogue (or another namespace: 'statuses.paymentMethod.card'). */
  t: (key: string, values?: Record<string, string | number>) => string;
  money: (amount: number, currency: string) => string;
  /** A date in the shop's time zone. */
  date: (date: Date) => string;
};

/** The words and formats of one language, dates in `timeZone`. */
export function mailWords(locale: Locale, timeZone: string): MailWords {
  const translate = createTranslator({ locale, messages: catalogues[locale], timeZone });
  const format = createFormatter({ locale, timeZone });
  return {
    locale,
    t: (key, values) => translate(key as never, values as never),
    money: (amount, currency) => formatMoney(amount, currency, intlLocale(locale)),
    date: (date) => format.dateTime(date, { dateStyle: 'medium' }),
  };
}
