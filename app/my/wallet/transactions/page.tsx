import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { WalletTransactionsTable } from '@/components/tables/wallet-transactions/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { Pagination } from '@/components/ui/pagination';
import { HistoryFilterForm } from '@/components/wallet/history-filter-form';
import { PendingList } from '@/components/wallet/pending-list';
import { historyQuery, historyTypes, parseHistorySearch, type HistoryType } from '@/lib/wallet/history-filters';
import { getWalletHistoryPage } from '@/lib/wallet/queries';
import { requireViewer } from '../../../_server/session';
import { toTransactionRows } from '@/components/tables/wallet-transactions/rows';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('wallet.history');
  return { title: t('title') };
}

const typeKeys = Object.keys(historyTypes) as HistoryType[];

export default async function WalletTransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer('/my/wallet/transactions');
  const search = parseHistorySearch(await searchParams);
  const [history, t] = await Promise.all([getWalletHistoryPage(getDatabase().read, viewer.id, search), getTranslations('wallet.history')]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')}>
        <Link href="/my/wallet" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <HistoryFilterForm
        types={typeKeys.map((value) => ({ value, label: t(`types.${value}`) }))}
        type={search.type}
        from={search.from}
        to={search.to}
        exportHref={`/my/wallet/transactions/export${historyQuery(search)}`}
      />
      <p className="text-sm text-stone-600" role="status">
        {t('summary', { count: history.totalRows, page: history.page, pages: Math.max(history.totalPages, 1) })}
      </p>
      <PendingList items={history.pending} currency={history.currency} />
      <WalletTransactionsTable rows={toTransactionRows(history.rows, history.currency, await getTranslations('ledger'))} />
      <Pagination
        page={history.page}
        totalPages={history.totalPages}
        hrefFor={(n) => `/my/wallet/transactions${historyQuery(search, n) || '?page=1'}`}
        label={t('pages')}
      />
    </div>
  );
}
