import type { Metadata } from 'next';
import Link from 'next/link';
import { WalletTransactionsTable } from '@/components/tables/wallet-transactions/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { Pagination } from '@/components/ui/pagination';
import { HistoryFilterForm } from '@/components/wallet/history-filter-form';
import { PendingList } from '@/components/wallet/pending-list';
import { historyQuery, historyTypes, parseHistorySearch } from '@/lib/wallet/history-filters';
import { getWalletHistoryPage } from '@/lib/wallet/queries';
import { requireViewer } from '../../../_server/session';
import { toTransactionRows } from '@/components/tables/wallet-transactions/rows';

export const metadata: Metadata = { title: 'Wallet Transactions' };

const typeOptions = Object.entries(historyTypes).map(([value, { label }]) => ({ value, label }));

export default async function WalletTransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer('/my/wallet/transactions');
  const search = parseHistorySearch(await searchParams);
  const history = await getWalletHistoryPage(getDatabase().read, viewer.id, search);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Wallet Transactions">
        <Link href="/my/wallet" className="text-sm text-brand-700 underline">
          Back to My Wallet
        </Link>
      </PageHeading>
      <HistoryFilterForm
        types={typeOptions}
        type={search.type}
        from={search.from}
        to={search.to}
        exportHref={`/my/wallet/transactions/export${historyQuery(search)}`}
      />
      <p className="text-sm text-stone-600" role="status">
        {history.totalRows} transaction{history.totalRows === 1 ? '' : 's'} · page {history.page} of{' '}
        {Math.max(history.totalPages, 1)}
      </p>
      <PendingList items={history.pending} currency={history.currency} />
      <WalletTransactionsTable rows={toTransactionRows(history.rows, history.currency)} />
      <Pagination
        page={history.page}
        totalPages={history.totalPages}
        hrefFor={(n) => `/my/wallet/transactions${historyQuery(search, n) || '?page=1'}`}
        label="Wallet transaction pages"
      />
    </div>
  );
}
