import { findPayment } from '../records';
import type { PaymentProvider } from './types';

/**
 * Wire transfer: the shopper is shown the shop's bank details and the payment reference; staff
 * confirm the money when it arrives (lib/wallet/wire-top-ups). The shop cannot push money back
 * through a wire, so a refund is refused here (it goes to the wallet instead).
 */
export const wireProvider: PaymentProvider = {
  name: 'wire_transfer',
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
