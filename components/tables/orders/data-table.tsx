import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';
import { DataTable } from '../data-table';
import { orderColumns, type OrderRow } from './columns';

/** A shopper's orders, one server-side page at a time. */
export function OrdersTable({ rows }: { rows: OrderRow[] }) {
  const t = useTranslations('orders.table');
  const list = useTranslations('orders.list');
  const format = useFormatter();
  const locale = useLocale();
  const columns = orderColumns({
    t: (key) => t(key),
    date: (iso) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }),
    money: (amount, currency) => formatMoney(amount, currency, intlLocale(isLocale(locale) ? locale : 'en')),
  });
  return <DataTable columns={columns} rows={rows} caption={t('caption')} emptyText={list('empty')} />;
}
