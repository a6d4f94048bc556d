import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { formatIban } from '@/lib/withdrawals/iban';
import { listPayouts } from '@/lib/withdrawals/queries';
import { withdrawalReference } from '@/lib/withdrawals/references';
import { requireStaff } from '../../_server/session';
import { pageNumber } from '../search-params';
import { decideWithdrawalAction } from './actions';
import { PayoutsTable } from './payouts-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('payouts.admin');
  return { title: t('title') };
}

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff('/admin/payouts');
  const [payouts, t, format] = await Promise.all([
    listPayouts(getDatabase().read, { page: pageNumber((await searchParams).page) }),
    getTranslations('payouts.admin'),
    getStaffFormat(),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      <p className="text-sm text-stone-600" data-testid="payouts-summary">
        {payouts.pending.count > 0
          ? t('summary', { count: payouts.pending.count, amounts: payouts.pending.totals.map((total) => format.money(total.amount, total.currency)).join(', ') })
          : t('summaryNone')}
      </p>
      <PayoutsTable
        action={decideWithdrawalAction}
        rows={payouts.rows.map((row) => ({
          id: row.id,
          reference: withdrawalReference(row.id),
          customerId: row.userId,
          customerName: row.customerName,
          customerEmail: row.customerEmail,
          amount: row.amount,
          currency: row.currency,
          iban: row.iban === '' ? null : formatIban(row.iban),
          accountHolder: row.accountHolder,
          source: row.source,
          state: row.state,
          rejectReason: row.rejectReason,
          decidedByName: row.decidedByName,
          decidedAt: row.decidedAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        }))}
      />
      <Pagination page={payouts.page} totalPages={payouts.totalPages} hrefFor={(page) => `/admin/payouts?page=${page}`} label={t('pages')} />
    </div>
  );
}
