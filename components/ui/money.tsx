import { useLocale } from 'next-intl';
import { isLocale, intlLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';

/** An amount in minor units, formatted for people in the visitor's language (₺1.234,50 / $1,234.50). */
export function Money({ amount, currency, className }: { amount: number; currency: string; className?: string }) {
  const locale = useLocale();
  return <span className={`tabular-nums ${className ?? ''}`}>{formatMoney(amount, currency, intlLocale(isLocale(locale) ? locale : 'en'))}</span>;
}
