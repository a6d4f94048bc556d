import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { invoices, payments, type Invoice, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { getBalance, InsufficientFundsError, postTransfer } from '@/lib/ledger';
import { formatMoney, isPositiveAmount } from '@/lib/money';
import { createPaymentRecord } from '@/lib/payments/records';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { InvoiceError } from './errors';
import { invoicePaymentDescription, reduceAmountDue } from './settle';

export type WalletInvoicePayment = {
  /** The invoice after the payment (Partially Paid or Paid). */
  invoice: Invoice;
  /** The payments row (provider wallet, purpose invoice, done). */
  payment: Payment;
  /** What this payment paid, in minor units. */
  amount: number;
  /** True when the attempt key had been used already: nothing moved this time. */
  replayed: boolean;
};

export type WalletInvoicePaymentOptions = {
  /**
   * Minor units to pay. By default the whole amount due; 'available' pays what the wallet holds
   * now, up to the amount due (the rest stays due: Partially Paid).
   */
  amount?: number | 'available';
  /** One per submitted form: a retry with the same key pays once. */
  attemptKey: string;
};

function checkAttemptKey(attemptKey: string): void {
  if (typeof attemptKey !== 'string' || attemptKey.trim() === '' || attemptKey.length > 100) {
    throw new InvoiceError('INVALID_AMOUNT', 'Reload the page and try again.');
  }
}

/** The shopper's own invoice, or NOT_FOUND (another shopper's invoice is not revealed). */
export function ownInvoiceOrThrow(userId: number, invoiceId: number): Invoice {
  const invoice = db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.userId, userId)))
    .get();
  if (!invoice) throw new InvoiceError('NOT_FOUND', 'This invoice does not exist.');
  return invoice;
}

/**
 * Pays (part of) a shopper's own invoice from their wallet, in one write transaction: re-reads the
 * invoice, refuses another shopper's, a paid one or more than the amount due, records a done
 * payment, posts wallet → sales "Payment of invoice INV/…" (the debit refuses an overdraft) and
 * reduces the amount due with a conditional UPDATE, so concurrent payments never over-pay.
 */
export function payInvoiceFromWallet(
  userId: number,
  invoiceId: number,
  options: WalletInvoicePaymentOptions,
): WalletInvoicePayment {
  checkAttemptKey(options.attemptKey);
  const requested = options.amount;
  if (requested !== undefined && requested !== 'available' && !isPositiveAmount(requested)) {
    throw new InvoiceError('INVALID_AMOUNT', 'Enter an amount greater than zero.');
  }
  if (!isPaymentMethodEnabled('wallet')) {
    throw new InvoiceError('METHOD_DISABLED', 'The shop does not take wallet payments at the moment.');
  }
  const idempotencyKey = `invoice:${invoiceId}:wallet:${userId}:${options.attemptKey}`;

  return writeTransaction(() => {
    const earlier = db.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey)).get();
    if (earlier) {
      if (typeof requested === 'number' && requested !== earlier.amount) {
        throw new InvoiceError('IDEMPOTENCY_CONFLICT', 'This payment was already made with another amount.');
      }
      return { invoice: ownInvoiceOrThrow(userId, invoiceId), payment: earlier, amount: earlier.amount, replayed: true };
    }

    const invoice = ownInvoiceOrThrow(userId, invoiceId);
    const due = invoice.amountResidual;
    if (due === 0) throw new InvoiceError('ALREADY_PAID', `Invoice ${invoice.number} is already paid.`);
    const account = { wallet: userId, currency: invoice.currency };
    let amount: number;
    if (requested === 'available') {
      amount = Math.min(getBalance(account).available, due);
      if (amount <= 0) throw new InvoiceError('INSUFFICIENT_FUNDS', 'Your wallet is empty. Add money to pay with it.');
    } else {
      amount = requested ?? due;
    }
    if (amount > due) {
      throw new InvoiceError(
        'AMOUNT_EXCEEDS_DUE',
        `Only ${formatMoney(due, invoice.currency)} is due on invoice ${invoice.number}; an invoice cannot be over-paid.`,
      );
    }

    const { payment } = createPaymentRecord({
      userId,
      purpose: 'invoice',
      provider: 'wallet',
      amount,
      currency: invoice.currency,
      state: 'done',
      invoiceId: invoice.id,
      idempotencyKey,
      returnPath: `/my/invoices/${invoice.id}`,
    });
    let transferId: number;
    try {
      transferId = postTransfer({
        debit: account,
        credit: { system: 'sales', currency: invoice.currency },
        amount,
        currency: invoice.currency,
        kind: 'payment',
        idempotencyKey: `payment:${payment.id}:invoice`,
        description: invoicePaymentDescription(invoice.number),
        invoiceId: invoice.id,
        paymentId: payment.id,
        createdBy: userId,
      }).transfer.id;
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new InvoiceError(
          'INSUFFICIENT_FUNDS',
          `Your wallet holds ${formatMoney(Math.max(error.available, 0), invoice.currency)}, less than the ${formatMoney(amount, invoice.currency)} to pay.`,
        );
      }
      throw error;
    }
    const paid = reduceAmountDue(invoice.id, amount);
    if (!paid) throw new InvoiceError('AMOUNT_EXCEEDS_DUE', `Invoice ${invoice.number} has less than that left to pay.`);
    const done = db.update(payments).set({ transferId }).where(eq(payments.id, payment.id)).returning().get();
    return { invoice: paid, payment: done, amount, replayed: false };
  });
}
