import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import type { Payment, PaymentProvider, PaymentState } from '@/db/schema';

const providerLabels: Record<PaymentProvider, string> = {
  wallet: 'Wallet',
  stripe: 'Card',
  demo: 'Card (Demo)',
  wire_transfer: 'Wire Transfer',
  cash_on_delivery: 'Cash on Delivery',
};

const stateBadges: Record<PaymentState, { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  pending: { label: 'Pending', tone: 'warning' },
  authorized: { label: 'Authorized', tone: 'warning' },
  done: { label: 'Paid', tone: 'success' },
  canceled: { label: 'Cancelled', tone: 'danger' },
  error: { label: 'Failed', tone: 'danger' },
};

/** The payments made (or attempted) for an order, newest first. */
export function PaymentList({ payments }: { payments: Pick<Payment, 'id' | 'reference' | 'provider' | 'state' | 'amount' | 'currency'>[] }) {
  if (payments.length === 0) return null;
  return (
    <section aria-labelledby="payments-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="payments-heading" className="mb-3 text-lg font-medium">
        Payments
      </h2>
      <ul className="divide-y divide-stone-100 text-sm">
        {payments.map((payment) => (
          <li key={payment.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <span className="flex items-center gap-3">
              <span className="font-mono">{payment.reference}</span>
              <span>{providerLabels[payment.provider]}</span>
              {payment.provider === 'wallet' && payment.state === 'authorized' ? (
                <Badge tone="warning">Held</Badge>
              ) : (
                <Badge tone={stateBadges[payment.state].tone}>{stateBadges[payment.state].label}</Badge>
              )}
            </span>
            <Money amount={payment.amount} currency={payment.currency} />
          </li>
        ))}
      </ul>
    </section>
  );
}
