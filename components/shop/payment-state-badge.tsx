import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { Payment, PaymentState } from '@/db/schema';

const tones = {
  draft: 'neutral',
  pending: 'warning',
  authorized: 'warning',
  done: 'success',
  canceled: 'danger',
  error: 'danger',
} as const satisfies Record<PaymentState, string>;

/**
 * THE badge of a payment's state, for shoppers and staff alike (words: statuses.payment.<state>);
 * a wallet payment that is authorized is money held from the wallet, and says so.
 */
export function PaymentStateBadge({ payment }: { payment: Pick<Payment, 'provider' | 'state'> }) {
  const t = useTranslations('statuses.payment');
  const orders = useTranslations('orders.payments');
  if (payment.provider === 'wallet' && payment.state === 'authorized') return <Badge tone="warning">{orders('held')}</Badge>;
  return <Badge tone={tones[payment.state]}>{t(payment.state)}</Badge>;
}
