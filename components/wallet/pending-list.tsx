import { useTranslations } from 'next-intl';
import { describeLine } from '@/components/tables/wallet-transactions/describe';
import type { LedgerDescription } from '@/lib/ledger';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';

export type PendingItem = {
  reference: string;
  description: LedgerDescription;
  amount: number;
  createdAt: Date;
  kind: string;
  /** 'outgoing' for a hold on the wallet (Wallet and Card in progress); top-ups are incoming. */
  direction?: 'incoming' | 'outgoing';
  /** An older hold's own words ("Held for order S00042"); newer holds are worded from their description. */
  memo?: string | null;
};

/**
 * Top-ups waiting for staff, and, apart from them, amounts held for payments in progress: shown
 * apart from the transactions because no money has moved yet (no credit, debit or balance).
 */
export function PendingList({ items, currency }: { items: PendingItem[]; currency: string }) {
  const t = useTranslations('wallet.pending');
  const tStatus = useTranslations('statuses.walletLine');
  const tLedger = useTranslations('ledger');
  const holds = items.filter((item) => item.direction === 'outgoing');
  const incoming = items.filter((item) => item.direction !== 'outgoing');
  return (
    <>
      {incoming.length > 0 ? (
        <section aria-labelledby="pending-heading" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
          <h2 id="pending-heading" className="font-medium text-amber-950">
            {t('heading')}
          </h2>
          <p className="mb-3 text-sm text-amber-900">{t('text')}</p>
          <ul className="divide-y divide-amber-200">
            {incoming.map((item) => (
              <li key={item.reference} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-mono">{item.reference}</span> · {describeLine(item, tLedger)}
                </span>
                <span className="flex items-center gap-3">
                  <Money amount={item.amount} currency={currency} className="font-medium" />
                  <Badge tone="warning">{tStatus('pending')}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {holds.length > 0 ? (
        <section aria-labelledby="held-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="held-heading" className="font-medium">
            {t('holdsHeading')}
          </h2>
          <p className="mb-3 text-sm text-stone-600">{t('holdsText')}</p>
          <ul className="divide-y divide-stone-100" data-testid="wallet-holds">
            {holds.map((item) => (
              <li key={item.reference} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-mono">{item.reference}</span> · {describeLine(item, tLedger)}
                </span>
                <span className="flex items-center gap-3">
                  <Money amount={item.amount} currency={currency} className="font-medium" />
                  <Badge tone="neutral">{tStatus('held')}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
