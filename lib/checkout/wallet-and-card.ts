import { eq } from 'drizzle-orm';
import type { Database, Tx } from '@/db/database';
import { payments, type Invoice, type Order, type Payment } from '@/db/schema';
import { getWalletSpendable, InsufficientFundsError } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { PaymentError } from '@/lib/payments/errors';
import { cardProvider, startCardPayment } from '@/lib/payments/providers';
import { createPaymentRecord } from '@/lib/payments/records';
import { holdWalletPart, type SplitTarget } from '@/lib/payments/split';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { CheckoutError } from './errors';
import { invoicePaymentKey, orderPaymentKey } from './keys';
import { orderPath } from './labels';

/**
 * Wallet and Card: ONE use case for orders and invoices. The wallet's available balance is held
 * for the order or invoice (a pending ledger debit wallet → sales, recorded as an authorized
 * wallet payment, lib/payments/split) and a card payment is recorded for the rest; the hold is
 * posted when the card part completes and released when it does not. The same checks, keys and
 * error codes (CheckoutError) whatever is paid:
 * - METHOD_DISABLED: the shop does not take Wallet or Card now;
 * - INSUFFICIENT_FUNDS: the wallet is empty;
 * - BALANCE_CHANGED: the wallet part differs from what the page showed, or the hold was refused;
 * - WALLET_COVERS: the wallet pays it all, so Wallet alone is the way;
 * - INVALID_STATE: nothing is left to pay.
 */

export const BALANCE_CHANGED_MESSAGE = 'Your wallet balance changed since this page was shown. Please check the amounts and pay again.';

/** What Wallet and Card pays: a new order (placed in the same transaction) or a shopper's invoice, per attempt key. */
export type WalletAndCardTarget = { order: Order } | { invoice: Invoice; attemptKey: string };

/** The two parts: the wallet hold (authorized) and the card payment for the rest (pending). */
export type WalletAndCardStart = { hold: Payment; cardPart: Payment };

type Terms = {
  due: number;
  currency: string;
  number: string;
  split: SplitTarget;
  purpose: 'order' | 'invoice';
  keys: { wallet: string; card: string };
  returnPath: string;
};

function termsOf(userId: number, target: WalletAndCardTarget): Terms {
  if ('order' in target) {
    const { order } = target;
    return {
      due: order.amountTotal,
      currency: order.currency,
      number: order.number,
      split: { orderId: order.id },
      purpose: 'order',
      keys: { wallet: orderPaymentKey(order.id, { walletAndCard: 'wallet' }), card: orderPaymentKey(order.id, { walletAndCard: 'card' }) },
      returnPath: orderPath(order.number),
    };
  }
  const { invoice, attemptKey } = target;
  return {
    due: invoice.amountResidual,
    currency: invoice.currency,
    number: invoice.number,
    split: { invoiceId: invoice.id },
    purpose: 'invoice',
    keys: {
      wallet: invoicePaymentKey(invoice.id, userId, { walletAndCard: 'wallet' }, attemptKey),
      card: invoicePaymentKey(invoice.id, userId, { walletAndCard: 'card' }, attemptKey),
    },
    returnPath: `/my/invoices/${invoice.id}`,
  };
}

async function paymentByKey(tx: Tx, idempotencyKey: string): Promise<Payment | undefined> {
  const [payment] = await tx.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
  return payment;
}

/**
 * Opens Wallet and Card for `target`, as a step of the caller's write transaction (the one that
 * places the order, or reads the invoice): holds min(available, due) from the wallet and records
 * the card payment for the rest. `walletPartSeen` is the wallet part the page showed: compared,
 * never trusted. The same attempt (keys) opens it once: a repeat returns the parts it opened.
 */
export async function openWalletAndCard(
  tx: Tx,
  userId: number,
  target: WalletAndCardTarget,
  walletPartSeen?: number,
): Promise<WalletAndCardStart> {
  if (!(await isPaymentMethodEnabled(tx, 'wallet', 'card'))) {
    throw new CheckoutError('METHOD_DISABLED', 'The shop does not take Wallet and Card payments at the moment.', { method: 'wallet_and_card' });
  }
  const terms = termsOf(userId, target);
  const [earlierHold, earlierCard] = [await paymentByKey(tx, terms.keys.wallet), await paymentByKey(tx, terms.keys.card)];
  if (earlierHold && earlierCard) return { hold: earlierHold, cardPart: earlierCard };
  if (terms.due <= 0) throw new CheckoutError('INVALID_STATE', `Nothing is left to pay on ${terms.purpose} ${terms.number}.`, { reason: `${terms.purpose}NothingLeft`, number: terms.number });

  // The balance read is only for the amount; the ledger's debit statement is the guard.
  const available = await getWalletSpendable(tx, { wallet: userId, currency: terms.currency });
  const walletPart = Math.min(Math.max(available, 0), terms.due);
  if (walletPartSeen !== undefined && walletPartSeen !== walletPart) throw new CheckoutError('BALANCE_CHANGED', BALANCE_CHANGED_MESSAGE);
  if (walletPart <= 0) throw new CheckoutError('INSUFFICIENT_FUNDS', 'Your wallet is empty. Please choose another way to pay.', { reason: 'walletEmpty' });
  if (walletPart >= terms.due) {
    throw new CheckoutError('WALLET_COVERS', `Your wallet covers this ${terms.purpose}: choose Wallet to pay it in full.`, { purpose: terms.purpose });
  }
  let hold: Payment;
  try {
    hold = await holdWalletPart(tx, {
      userId,
      amount: walletPart,
      currency: terms.currency,
      target: terms.split,
      number: terms.number,
      idempotencyKey: terms.keys.wallet,
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) throw new CheckoutError('BALANCE_CHANGED', BALANCE_CHANGED_MESSAGE);
    throw error;
  }
  const { payment: cardPart } = await createPaymentRecord(tx, {
    userId,
    purpose: terms.purpose,
    provider: cardProvider(),
    amount: terms.due - walletPart,
    currency: terms.currency,
    ...terms.split,
    idempotencyKey: terms.keys.card,
    returnPath: terms.returnPath,
  });
  return { hold, cardPart };
}

/**
 * Where the shopper continues a card payment (alone, or the card part of Wallet and Card), after
 * the transaction that recorded it committed: the card page (Stripe Checkout, opened now, or the
 * Demo form), or `whenFinished` once the payment is no longer waiting. For Wallet and Card
 * (`releaseHoldOnFailure`), a card page that cannot be opened closes the card part, which
 * releases the wallet hold at once.
 */
export async function cardPaymentDestination(
  db: Database,
  payment: Payment,
  customerEmail: string,
  options: { whenFinished?: string; releaseHoldOnFailure?: boolean } = {},
): Promise<string> {
  if (payment.state !== 'pending' && options.whenFinished !== undefined) return options.whenFinished;
  try {
    return await startCardPayment(db, payment, customerEmail);
  } catch (error) {
    if (error instanceof PaymentError && options.releaseHoldOnFailure) {
      await db.write((tx) => closePayment(tx, payment.id, 'error', { code: 'cardUnavailable' }));
    }
    throw error;
  }
}
