import type { Payment } from '@/db/schema';

/** Where a shopper goes next for a payment: the Demo card form while it is open, else its outcome. */
export function paymentPagePath(payment: Pick<Payment, 'reference' | 'provider' | 'state'>): string {
  if (payment.provider === 'demo' && payment.state === 'pending') return `/pay/demo/${payment.reference}`;
  return `/payments/${payment.reference}`;
}
