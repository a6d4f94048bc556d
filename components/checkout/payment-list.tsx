import { useTranslations } from 'next-intl';
import { PaymentStateBadge } from '@/components/shop/payment-state-badge';
import { Money } from '@/components/ui/money';
import type { Payment } from '@/db/schema';

/** The payments made (or attempted) for an order, newest first. */
export function PaymentList({ payments }: { payments: Pick<Payment, 'id' | 'reference' | 'provider' | 'state' | 'amount' | 'currency'>[] }) {
  const t = useTranslations('orders');
  if (payments.length === 0) return null;
  return (
    <section aria-labelledby="payments-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="payments-heading" className="mb-3 text-lg font-medium">
        {t('payments.heading')}
      </h2>
      <ul className="divide-y divide-stone-100 text-sm">
        {payments.map((payment) => (
          <li key={payment.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-mono">{payment.reference}</span>
              <span>{t(`provider.${payment.provider}`)}</span>
              <PaymentStateBadge payment={payment} />
            </span>
            <Money amount={payment.amount} currency={payment.currency} />
          </li>
        ))}
      </ul>
    </section>
  );
}
