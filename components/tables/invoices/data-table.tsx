import { getTranslations } from 'next-intl/server';
import { getShopperFormat } from '@/components/wallet/format';
import { DataTable } from '../data-table';
import { invoiceColumns, type InvoiceRow } from './columns';

/** A page of the shopper's invoices. */
export async function InvoicesTable({ rows }: { rows: InvoiceRow[] }) {
  const [t, format] = await Promise.all([getTranslations('invoices.table'), getShopperFormat()]);
  return <DataTable columns={invoiceColumns((key) => t(key), format)} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
