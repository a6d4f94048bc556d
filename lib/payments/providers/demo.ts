import { findPayment } from '../records';
import type { PaymentProvider } from './types';

/**
 * Demo: a card form of our own (/pay/demo/REF, lib/payments/demo.ts), for shops without Stripe
 * keys. No real money moves, so a refund is done at once.
 */
export const demoProvider: PaymentProvider = {
  name: 'demo',
  async start(_db, payment) {
    return { kind: 'redirect', url: `/pay/demo/${payment.reference}` };
  },
  // The form itself completes the payment (payWithDemoCard); there is no one else to ask.
  async confirm(db, payment) {
    return findPayment(db.read, payment.id);
  },
  async refund() {
    return { outcome: 'done' };
  },
};
