import type { Metadata } from 'next';
import { SearchForm } from '@/components/admin/search-form';
import { PendingTopUpsTable } from '@/components/tables/admin-pending-top-ups/data-table';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { listPendingTopUps } from '@/lib/admin/top-ups';
import { requireStaff } from '../../_server/session';
import { decideTopUps } from './actions';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Pending Top-ups' };

export default async function PendingTopUpsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireStaff('/admin/top-ups');
  const { q } = await searchParams;
  const query = typeof q === 'string' ? q : '';
  const topUps = await listPendingTopUps(getDatabase().read, query);
  const totals = new Map<string, number>();
  for (const topUp of topUps) totals.set(topUp.currency, (totals.get(topUp.currency) ?? 0) + topUp.amount);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Pending Top-ups" />
      <p className="max-w-2xl text-sm text-stone-600">
        Wire transfers shoppers announced. Confirm one when the money has reached the shop&apos;s bank account (check the
        reference on the bank statement); reject it, with a reason, when it will not arrive.
      </p>
      <SearchForm action="/admin/top-ups" defaultValue={query} label="Search by reference or customer" />
      <p className="text-sm text-stone-600" data-testid="pending-summary">
        {topUps.length} pending{topUps.length > 0 ? ': ' : ''}
        {[...totals].map(([currency, amount], index) => (
          <span key={currency}>
            {index > 0 ? ', ' : ''}
            <Money amount={amount} currency={currency} />
          </span>
        ))}
      </p>
      <PendingTopUpsTable
        action={decideTopUps}
        rows={topUps.map((topUp) => ({ ...topUp, createdAt: topUp.createdAt.toISOString() }))}
      />
    </div>
  );
}
