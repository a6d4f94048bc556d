import { writeTransaction } from '@/db/transaction';
import type { Payment } from '@/db/schema';
import { settleInvoiceCardPayment } from '@/lib/invoices/settle';
import { deliverOrderPayment } from '@/lib/checkout/order-payments';
import { postTransfer } from '@/lib/ledger';
import { PaymentError } from './errors';
import { findPayment, movePayment, type MoveOptions } from './records';
import { releaseHoldAfterCardClosed } from './split';

export type Completion = { payment: Payment; alreadyDone: boolean };

function isWalletHold(payment: Payment): boolean {
  return payment.provider === 'wallet' && payment.state === 'authorized';
}

function isClosed(payment: Payment): boolean {
  return payment.state === 'canceled' || payment.state === 'error';
}

/**
 * Marks a payment done and delivers what it paid for (credits the wallet for a top-up), in one
 * transaction and exactly once: whichever of webhook, return page or demo form comes first wins,
 * the others find it done and change nothing. `amountReceived` is what the provider says it took.
 * With `providerConfirmed` (Stripe says it took the money) a payment the shop had closed completes
 * too: an order no longer waiting, or whose wallet hold was released, gets the money in the wallet.
 */
export function completePayment(paymentId: number, amountReceived?: number, options: MoveOptions = {}): Completion {
  return writeTransaction(() => {
    const payment = findPayment(paymentId);
    if (!payment) throw new PaymentError('NOT_FOUND', 'This payment does not exist.');
    if (payment.state === 'done') return { payment, alreadyDone: true };
    const lateMoney = isClosed(payment) && options.providerConfirmed === true;
    if (payment.state !== 'pending' && payment.state !== 'authorized' && !lateMoney) {
      throw new PaymentError('INVALID_STATE', `This payment was ${payment.state === 'canceled' ? 'cancelled' : 'not completed'}.`);
    }
    if (isWalletHold(payment)) throw new PaymentError('INVALID_STATE', 'A wallet hold is completed with its card payment.');
    const amount = amountReceived ?? payment.amount;
    if (payment.purpose !== 'top_up' && amount !== payment.amount) {
      throw new PaymentError('AMOUNT_MISMATCH', 'The amount received does not match the amount due.');
    }
    const transferId = deliver(payment, amount);
    movePayment(payment.id, payment.state, 'done', { transferId, amount, failureMessage: null }, options);
    const done = findPayment(payment.id);
    if (!done) throw new PaymentError('NOT_FOUND', 'This payment does not exist.');
    return { payment: done, alreadyDone: false };
  });
}

/** Moves the money a completed payment paid for; returns the ledger transfer's id. */
function deliver(payment: Payment, amount: number): number {
  switch (payment.purpose) {
    case 'top_up': {
      const { transfer } = postTransfer({
        debit: { system: 'card_clearing', currency: payment.currency },
        credit: { wallet: payment.userId, currency: payment.currency },
        amount,
        currency: payment.currency,
        kind: 'deposit_card',
        idempotencyKey: `payment:${payment.id}:deposit`,
        description: `Top-up by card (${payment.reference})`,
        paymentId: payment.id,
        createdBy: payment.userId,
      });
      return transfer.id;
    }
    case 'invoice':
      // Pays what is still due; card money beyond it (the invoice was settled meanwhile) goes to the wallet.
      return settleInvoiceCardPayment(payment, amount);
    case 'order':
      // card_clearing → sales and the order marked paid (and invoiced), and for Wallet and Card the
      // wallet hold posted in this same transaction: lib/checkout owns the rules.
      return deliverOrderPayment(payment, amount);
    default:
      throw new PaymentError('INVALID_STATE', `Payments for ${payment.purpose} are completed at checkout.`);
  }
}

/**
 * Closes an open payment that will not complete (expired, cancelled, failed); done ones stay done.
 * When it was the card part of a split payment, the wallet hold is released in the same transaction.
 */
export function closePayment(paymentId: number, outcome: 'canceled' | 'error', message: string): boolean {
  return writeTransaction(() => {
    const payment = findPayment(paymentId);
    if (!payment || (payment.state !== 'pending' && payment.state !== 'authorized' && payment.state !== 'draft')) {
      return false;
    }
    // A wallet hold is only released with its ledger transfer (lib/payments/split), never closed alone.
    if (isWalletHold(payment)) return false;
    const closed = movePayment(payment.id, payment.state, outcome, { failureMessage: message });
    if (closed) releaseHoldAfterCardClosed(payment, message);
    return closed;
  });
}
