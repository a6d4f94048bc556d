import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { LiabilityChart } from '@/components/admin/liability-chart';
import { StatCard } from '@/components/admin/stat-card';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { SalesChart } from '@/components/reports/sales-chart';
import { buttonClasses } from '@/components/ui/button';
import { getDashboard, type CurrencyTotal } from '@/lib/admin/dashboard';
import { requireStaff } from '../_server/session';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.dashboard');
  return { title: t('metaTitle') };
}

function Totals({ totals, currency, countText }: { totals: CurrencyTotal[]; currency: string; countText: (count: number) => string }) {
  const list = totals.length > 0 ? totals : [{ currency, count: 0, amount: 0 }];
  return (
    <>
      {list.map((total) => (
        <span key={total.currency} className="block">
          <Money amount={total.amount} currency={total.currency} />
          <span className="block text-sm font-normal text-stone-500">{countText(total.count)}</span>
        </span>
      ))}
    </>
  );
}

export default async function AdminDashboardPage() {
  const staff = await requireStaff('/admin');
  const [dashboard, t, tShop, format] = await Promise.all([
    getDashboard(getDatabase().read),
    getTranslations('admin.dashboard'),
    getTranslations('reports.dashboard'),
    getStaffFormat(),
  ]);
  const topUps = (count: number) => t('topUpCount', { count });
  const payments = (count: number) => t('paymentCount', { count });
  const paidOrders = (count: number) => tShop('paid', { count });
  const { shop } = dashboard;
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')}>
        <p className="text-sm text-stone-600">{t('signedInAs', { name: staff.name })}</p>
        <Link href="/admin/reports" className={buttonClasses('secondary')}>
          {tShop('reports')}
        </Link>
      </PageHeading>

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label={tShop('today')}
          value={<Totals totals={shop.today.sales} currency={dashboard.currency} countText={paidOrders} />}
          detail={tShop('placed', { count: shop.today.placed })}
        />
        <StatCard
          label={tShop('thisMonth')}
          value={<Totals totals={shop.month.sales} currency={dashboard.currency} countText={paidOrders} />}
          detail={tShop('placed', { count: shop.month.placed })}
        />
        <StatCard label={tShop('waitingToShip')} value={tShop('orderCount', { count: shop.waitingToShip })} detail={tShop('waitingDetail')}>
          <Link href="/admin/orders" className="mt-1 text-sm text-brand-700 underline">
            {tShop('seeOrders')}
          </Link>
        </StatCard>
        <StatCard label={t('pendingWire')} value={<Totals totals={dashboard.pendingWireTopUps} currency={dashboard.currency} countText={topUps} />}>
          <Link href="/admin/top-ups" className="mt-1 text-sm text-brand-700 underline">
            {t('reviewPending')}
          </Link>
        </StatCard>
      </div>
      <p className="-mt-3 text-sm text-stone-500">{tShop('salesNote', { timeZone: dashboard.timeZone })}</p>

      <section aria-labelledby="sales-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="sales-heading" className="mb-3 text-lg font-medium">
          {tShop('salesHeading', { currency: dashboard.currency })}
        </h2>
        <SalesChart points={shop.salesSeries} currency={dashboard.currency} />
      </section>

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {dashboard.liabilities.map((liability) => (
          <StatCard
            key={liability.currency}
            label={t('liability', { currency: liability.currency })}
            value={<Money amount={liability.total} currency={liability.currency} />}
            detail={t('liabilityDetail', { count: liability.wallets })}
          >
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm" data-testid={`ledger-check-${liability.currency}`}>
              {dashboard.ledger.ok && liability.total === liability.ledgerTotal ? (
                <Badge tone="success">{t('matches')}</Badge>
              ) : (
                <Badge tone="danger">{t('mismatch')}</Badge>
              )}
              <span className="text-stone-500">
                {t('ledgerTotal', { amount: format.money(liability.ledgerTotal, liability.currency) })}
              </span>
            </p>
          </StatCard>
        ))}
        <StatCard
          label={t('topUps30')}
          value={<Totals totals={dashboard.topUpsLast30Days} currency={dashboard.currency} countText={topUps} />}
          detail={t('topUps30Detail')}
        />
        <StatCard
          label={t('payments30')}
          value={<Totals totals={dashboard.walletPaymentsLast30Days} currency={dashboard.currency} countText={payments} />}
          detail={t('payments30Detail')}
        />
      </div>

      {!dashboard.ledger.ok ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {t.rich('ledgerProblems', { count: dashboard.ledger.problems, code: (chunks) => <code>{chunks}</code> })}
        </p>
      ) : null}

      <section aria-labelledby="liability-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="liability-heading" className="mb-3 text-lg font-medium">
          {t('liabilityOverTime', { currency: dashboard.currency })}
        </h2>
        <LiabilityChart points={dashboard.liabilitySeries} currency={dashboard.currency} />
      </section>
    </div>
  );
}
