import { useFormatter, useLocale, type DateTimeFormatOptions } from 'next-intl';
import { useMemo } from 'react';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';

/** A translator of one namespace group, as getTranslations/useTranslations give it. */
export type Words = (key: string, values?: Record<string, string | number>) => string;

/** Amounts and moments for staff, in their language and the shop's time zone. */
export type StaffFormat = {
  money(amount: number, currency: string): string;
  /** A moment with its zone: "Mar 4, 2026, 9:15 AM UTC" / "4 Mar 2026 12:15 GMT+3". */
  dateTime(value: string | Date): string;
  /** A day: "Mar 4, 2026" / "4 Mar 2026". */
  date(value: string | Date): string;
};

type DateFormatter = { dateTime(value: Date, options: DateTimeFormatOptions): string };

const moment: DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** next-intl's formatter carries the shop's time zone (app/_i18n/request.ts). */
export function staffFormat(locale: string, formatter: DateFormatter): StaffFormat {
  const intl = intlLocale(isLocale(locale) ? locale : 'en');
  return {
    money: (amount, currency) => formatMoney(amount, currency, intl),
    dateTime: (value) => formatter.dateTime(new Date(value), moment),
    date: (value) => formatter.dateTime(new Date(value), { dateStyle: 'medium' }),
  };
}

/** For client components and non-async server components. */
export function useStaffFormat(): StaffFormat {
  const locale = useLocale();
  const formatter = useFormatter();
  return useMemo(() => staffFormat(locale, formatter), [locale, formatter]);
}
