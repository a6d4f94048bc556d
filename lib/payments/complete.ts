import { eq } from 'drizzle-orm';
import type { PaymentFailure } from './failures';
import type { Tx } from '@/db/database';
import { payments, type Payment } from '@/db/schema';
import { settleInvoiceCardPayment } from '@/lib/invoices/settle';
import { deliverOrderPayment } from '@/lib/checkout/order-payments';
import { postTransfer } from '@/lib/ledger';
import { notifyTopUpConfirmed } from '@/lib/notifications/events';
import { deliverPagePayment, pageOfPayment, settlePaymentPage } from '@/lib/payment-pages/settle';
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
 * Marks a payment done and delivers what it paid for (credits the wallet for a top-up), as a step
 * of the caller's transaction and exactly once: whichever of webhook, return page, reconciler or
 * demo form comes first wins, the others find it done and change nothing (the state move is a
 * guarded UPDATE and the ledger's idempotency key is per payment, so two servers cannot both
 * deliver). `amountReceived` is what the provider says it took. With `providerConfirmed` (Stripe
 * says it took the money) a payment the shop had closed completes too: an order no longer
 * waiting, or whose wallet hold was released, gets the money in the wallet.
 */
export type CompleteOptions = MoveOptions & {
  /**
   * For a top-up whose card was decided inside this same transaction (the Demo provider): the most
   * the wallet may hold afterwards (the shop's maxWalletBalance). Beyond it the ledger refuses
   * (WalletLimitExceededError) and the caller's transaction rolls back: nothing was charged. Money
   * a provider already took is never refused, so Stripe completions pass none.
   */
  walletCap?: number;
};

export async function completePayment(tx: Tx, paymentId: number, amountReceived?: number, options: CompleteOptions = {}): Promise<Completion> {
  const payment = await findPayment(tx, paymentId);
  if (!payment) throw new PaymentError('NOT_FOUND', 'This payment does not exist.', { subject: 'payment' });
  if (payment.state === 'done') return { payment, alreadyDone: true };
  const lateMoney = isClosed(payment) && options.providerConfirmed === true;
  if (payment.state !== 'pending' && payment.state !== 'authorized' && !lateMoney) {
    throw new PaymentError('INVALID_STATE', `This payment was ${payment.state === 'canceled' ? 'cancelled' : 'not completed'}.`, {
      reason: payment.state === 'canceled' ? 'paymentCanceled' : 'paymentNotCompleted',
    });
  }
  if (isWalletHold(payment)) throw new PaymentError('INVALID_STATE', 'A wallet hold is completed with its card payment.', { reason: 'walletHold' });
  const amount = amountReceived ?? payment.amount;
  if (payment.purpose !== 'top_up' && amount !== payment.amount) {
    throw new PaymentError('AMOUNT_MISMATCH', 'The amount received does not match the amount due.');
  }
  // Claim the payment first: of two transactions completing it at once, only one moves it (the
  // other's UPDATE finds it no longer in its state) and only that one delivers.
  const claimed = await movePayment(tx, payment.id, payment.state, 'done', { amount, failure: null }, options);
  if (!claimed) {
    const now = await findPayment(tx, payment.id);
    if (now?.state === 'done') return { payment: now, alreadyDone: true };
    throw new PaymentError('INVALID_STATE', 'This payment changed while it was being completed.', { reason: 'paymentChanged' });
  }
  const transferId = await deliver(tx, payment, amount, options.walletCap);
  await tx.update(payments).set({ transferId }).where(eq(payments.id, payment.id));
  // A payment made on a hosted payment page (lib/payment-pages) completes its page when nothing remains.
  await settlePaymentPage(tx, payment.id);
  const done = await findPayment(tx, payment.id);
  if (!done) throw new PaymentError('NOT_FOUND', 'This payment does not exist.', { subject: 'payment' });
  return { payment: done, alreadyDone: false };
}

/** Moves the money a completed payment paid for; returns the ledger transfer's id. */
async function deliver(tx: Tx, payment: Payment, amount: number, walletCap: number | undefined): Promise<number> {
  switch (payment.purpose) {
    case 'top_up': {
      const { transfer } = await postTransfer(tx, {
        debit: { system: 'card_clearing', currency: payment.currency },
        credit: { wallet: payment.userId, currency: payment.currency },
        amount,
        currency: payment.currency,
        kind: 'deposit_card',
        walletCap,
        idempotencyKey: `payment:${payment.id}:deposit`,
        description: { code: 'topUpCard', params: { reference: payment.reference } },
        paymentId: payment.id,
        createdBy: payment.userId,
      });
      await notifyTopUpConfirmed(tx, payment, amount);
      return transfer.id;
    }
    case 'invoice':
      // Pays what is still due; card money beyond it (the invoice was settled meanwhile) goes to the wallet.
      return settleInvoiceCardPayment(tx, payment, amount);
    case 'order': {
      // A hosted payment page's card payment has no order: captured to sales (lib/payment-pages).
      const page = payment.orderId === null ? await pageOfPayment(tx, payment.id) : undefined;
      if (page) return deliverPagePayment(tx, payment, page, amount);
      // card_clearing → sales and the order marked paid (and invoiced), and for Wallet and Card the
      // wallet hold posted in this same transaction: lib/checkout owns the rules.
      return deliverOrderPayment(tx, payment, amount);
    }
    default:
      throw new PaymentError('INVALID_STATE', `Payments for ${payment.purpose} are completed at checkout.`, { reason: 'completedAtCheckout' });
  }
}

/**
 * Closes an open payment that will not complete (expired, cancelled, failed); done ones stay done.
 * When it was the card part of a split payment, the wallet hold is released in the same transaction.
 */
export async function closePayment(tx: Tx, paymentId: number, outcome: 'canceled' | 'error', failure: PaymentFailure): Promise<boolean> {
  const payment = await findPayment(tx, paymentId);
  if (!payment || (payment.state !== 'pending' && payment.state !== 'authorized' && payment.state !== 'draft')) {
    return false;
  }
  // A wallet hold is only released with its ledger transfer (lib/payments/split), never closed alone.
  if (isWalletHold(payment)) return false;
  const closed = await movePayment(tx, payment.id, payment.state, outcome, { failure });
  if (closed) await releaseHoldAfterCardClosed(tx, payment, failure);
  return closed;
}
