import type { Metadata } from 'next';
import Link from 'next/link';
import { LiabilityChart } from '@/components/admin/liability-chart';
import { StatCard } from '@/components/admin/stat-card';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getDashboard, type CurrencyTotal } from '@/lib/admin/dashboard';
import { requireStaff } from '../_server/session';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Backend' };

function Totals({ totals, currency, noun }: { totals: CurrencyTotal[]; currency: string; noun: string }) {
  const list = totals.length > 0 ? totals : [{ currency, count: 0, amount: 0 }];
  return (
    <>
      {list.map((total) => (
        <span key={total.currency} className="block">
          <Money amount={total.amount} currency={total.currency} />
          <span className="block text-sm font-normal text-stone-500">
            {total.count} {noun}
            {total.count === 1 ? '' : 's'}
          </span>
        </span>
      ))}
    </>
  );
}

export default async function AdminDashboardPage() {
  const staff = await requireStaff('/admin');
  const dashboard = await getDashboard(getDatabase().read);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title="Dashboard">
        <p className="text-sm text-stone-600">Signed in as {staff.name}</p>
      </PageHeading>

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {dashboard.liabilities.map((liability) => (
          <StatCard
            key={liability.currency}
            label={`Wallet liability (${liability.currency})`}
            value={<Money amount={liability.total} currency={liability.currency} />}
            detail={`Owed to customers across ${liability.wallets} wallet${liability.wallets === 1 ? '' : 's'}.`}
          >
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm" data-testid={`ledger-check-${liability.currency}`}>
              {dashboard.ledger.ok && liability.total === liability.ledgerTotal ? (
                <Badge tone="success">Matches the ledger</Badge>
              ) : (
                <Badge tone="danger">Does not match the ledger</Badge>
              )}
              <span className="text-stone-500">
                Ledger: <Money amount={liability.ledgerTotal} currency={liability.currency} />
              </span>
            </p>
          </StatCard>
        ))}
        <StatCard
          label="Pending wire top-ups"
          value={<Totals totals={dashboard.pendingWireTopUps} currency={dashboard.currency} noun="top-up" />}
        >
          <Link href="/admin/top-ups" className="mt-1 text-sm text-brand-700 underline">
            Review pending top-ups
          </Link>
        </StatCard>
        <StatCard
          label="Top-ups, last 30 days"
          value={<Totals totals={dashboard.topUpsLast30Days} currency={dashboard.currency} noun="top-up" />}
          detail="Card and confirmed wire top-ups."
        />
        <StatCard
          label="Wallet payments, last 30 days"
          value={<Totals totals={dashboard.walletPaymentsLast30Days} currency={dashboard.currency} noun="payment" />}
          detail="Orders and invoices paid from wallets."
        />
      </div>

      {!dashboard.ledger.ok ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          The ledger check found {dashboard.ledger.problems} problem{dashboard.ledger.problems === 1 ? '' : 's'}. Run{' '}
          <code>npm run ledger:verify</code> on the server for details.
        </p>
      ) : null}

      <section aria-labelledby="liability-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="liability-heading" className="mb-3 text-lg font-medium">
          Wallet liability over time ({dashboard.currency})
        </h2>
        <LiabilityChart points={dashboard.liabilitySeries} currency={dashboard.currency} />
      </section>
    </div>
  );
}
