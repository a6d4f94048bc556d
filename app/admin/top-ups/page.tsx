import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SearchForm } from '@/components/admin/search-form';
import { PendingTopUpsTable } from '@/components/tables/admin-pending-top-ups/data-table';
import { getStaffFormat } from '@/components/admin/format-server';
import { PageHeading } from '@/components/ui/page-heading';
import { listPendingTopUps } from '@/lib/admin/top-ups';
import { requireStaff } from '../../_server/session';
import { decideTopUps } from './actions';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.topUps');
  return { title: t('title') };
}

export default async function PendingTopUpsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireStaff('/admin/top-ups');
  const { q } = await searchParams;
  const query = typeof q === 'string' ? q : '';
  const [topUps, t, format] = await Promise.all([listPendingTopUps(getDatabase().read, query), getTranslations('admin.topUps'), getStaffFormat()]);
  const totals = new Map<string, number>();
  for (const topUp of topUps) totals.set(topUp.currency, (totals.get(topUp.currency) ?? 0) + topUp.amount);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      <SearchForm action="/admin/top-ups" defaultValue={query} label={t('search')} />
      <p className="text-sm text-stone-600" data-testid="pending-summary">
        {topUps.length > 0
          ? t('summary', { count: topUps.length, amounts: [...totals].map(([currency, amount]) => format.money(amount, currency)).join(', ') })
          : t('summaryNone', { count: 0 })}
      </p>
      <PendingTopUpsTable
        action={decideTopUps}
        rows={topUps.map((topUp) => ({ ...topUp, createdAt: topUp.createdAt.toISOString() }))}
      />
    </div>
  );
}
