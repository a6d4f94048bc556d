import { getTranslations } from 'next-intl/server';
import { getShopperFormat } from '@/components/wallet/format';
import { DataTable } from '../data-table';
import { walletTransactionColumns, type WalletTransactionRow } from './columns';

export async function WalletTransactionsTable({ rows }: { rows: WalletTransactionRow[] }) {
  const [t, tStatus, format] = await Promise.all([getTranslations('wallet.table'), getTranslations('statuses'), getShopperFormat()]);
  const columns = walletTransactionColumns({ header: (key) => t(key), status: (status) => tStatus(`walletLine.${status}`) }, format);
  return <DataTable columns={columns} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
