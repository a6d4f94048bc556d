import { Money } from '@/components/ui/money';

/** The wallet's available funds, large, with what is on its way and what is held. */
export function BalanceCard({
  available,
  pendingIncoming,
  held,
  currency,
}: {
  available: number;
  pendingIncoming: number;
  held: number;
  currency: string;
}) {
  return (
    <section aria-label="Wallet balance" className="rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-medium text-stone-500">Available funds</p>
      <p className="mt-1 text-4xl font-semibold tracking-tight text-brand-900" data-testid="wallet-available">
        <Money amount={available} currency={currency} />
      </p>
      <dl className="mt-4 flex flex-wrap gap-6 text-sm text-stone-600">
        <div>
          <dt className="inline">Pending top-ups: </dt>
          <dd className="inline font-medium" data-testid="wallet-pending">
            <Money amount={pendingIncoming} currency={currency} />
          </dd>
        </div>
        {held > 0 ? (
          <div>
            <dt className="inline">Held for payments in progress: </dt>
            <dd className="inline font-medium" data-testid="wallet-held">
              <Money amount={held} currency={currency} />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
