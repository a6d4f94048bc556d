import type { Metadata } from 'next';
import { PendingWithdrawals } from './withdraw/pending-withdrawals';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { WalletTransactionsTable } from '@/components/tables/wallet-transactions/data-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { BalanceCard } from '@/components/wallet/balance-card';
import { PendingList } from '@/components/wallet/pending-list';
import { getDatabase } from '@/db';
import { getSettings } from '@/lib/settings';
import { getWalletOverview } from '@/lib/wallet/queries';
import { requireViewer } from '../../_server/session';
import { toTransactionRows } from '@/components/tables/wallet-transactions/rows';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('wallet');
  return { title: t('title') };
}

export default async function MyWalletPage() {
  const viewer = await requireViewer('/my/wallet');
  // Wallet and Card holds past their time limit are released by the expire-split-holds job
  // (lib/jobs), not by this page: no GET request moves money.
  const [wallet, t, settings, tPayouts] = await Promise.all([
    getWalletOverview(getDatabase().read, viewer.id),
    getTranslations('wallet'),
    getSettings(getDatabase().read),
    getTranslations('payouts.member'),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')}>
        <form action="/my/wallet/add" method="get">
          <button type="submit" className={buttonClasses('primary')}>
            {t('addMoney')}
          </button>
        </form>
        <Link href="/my/wallet/transactions" className={buttonClasses('secondary')}>
          {t('balanceLink')}
        </Link>
        {settings.withdrawalsEnabled ? (
          <Link href="/my/wallet/withdraw" className={buttonClasses('secondary')}>
            {tPayouts('link')}
          </Link>
        ) : null}
      </PageHeading>
      <BalanceCard balance={wallet.balance} overdraftLimit={wallet.overdraftLimit} />
      <PendingList items={wallet.pending} currency={wallet.currency} />
      <PendingWithdrawals userId={viewer.id} />
      <section aria-labelledby="recent-heading" className="flex flex-col gap-3">
        <div className="flex items-center justify-between">
          <h2 id="recent-heading" className="text-lg font-medium">
            {t('recent')}
          </h2>
          <Link href="/my/wallet/transactions" className="text-sm text-brand-700 underline">
            {t('seeAll')}
          </Link>
        </div>
        <WalletTransactionsTable rows={toTransactionRows(wallet.recent, wallet.currency, await getTranslations('ledger'))} />
      </section>
    </div>
  );
}
