import { findPayment } from '../records';
import type { PaymentProvider } from './types';

/**
 * Cash on delivery: the order waits for the courier; staff record the cash. Cash cannot be sent
 * back by the shop's software, so a refund is refused here (it goes to the wallet instead).
 */
export const cashProvider: PaymentProvider = {
  name: 'cash_on_delivery',
  async start(_db, payment) {
    return payment.state === 'done' ? { kind: 'done' } : { kind: 'pending' };
  },
  async confirm(db, payment) {
    return findPayment(db.read, payment.id);
  },
  async refund() {
    return { outcome: 'refused', code: 'provider_cannot_refund' };
  },
};
