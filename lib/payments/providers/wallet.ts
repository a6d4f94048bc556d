import { findPayment } from '../records';
import type { PaymentProvider } from './types';

/**
 * The shopper's wallet: the money moves on the ledger in the transaction that records the payment
 * (a posted debit, or a pending hold for a split payment's wallet part). A refund to a wallet is a
 * ledger transfer the caller posts itself, so the provider has nothing to ask.
 */
export const walletProvider: PaymentProvider = {
  name: 'wallet',
  async start(_db, payment) {
    return payment.state === 'done' ? { kind: 'done' } : { kind: 'pending' };
  },
  async confirm(db, payment) {
    return findPayment(db.read, payment.id);
  },
  async refund() {
    return { outcome: 'done' };
  },
};
