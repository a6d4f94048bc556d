import { and, eq, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { invoices, payments, type Invoice, type Payment } from '@/db/schema';
import { checkAttemptKey, invoicePaymentKey, paymentTransferKey } from '@/lib/checkout/keys';
import { getWalletSpendable, InsufficientFundsError, postTransfer } from '@/lib/ledger';
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

function isInvoiceId(invoiceId: number): boolean {
  return Number.isSafeInteger(invoiceId) && invoiceId >= 1 && invoiceId <= 2_147_483_647;
}

/** The shopper's own invoice, or NOT_FOUND (another shopper's invoice is not revealed). */
export async function ownInvoiceOrThrow(q: Query, userId: number, invoiceId: number): Promise<Invoice> {
  const [invoice] = isInvoiceId(invoiceId)
    ? await q
        .select()
        .from(invoices)
        .where(and(eq(invoices.id, invoiceId), eq(invoices.userId, userId)))
    : [];
  if (!invoice) throw new InvoiceError('NOT_FOUND', 'This invoice does not exist.', { subject: 'invoice' });
  return invoice;
}

/**
 * The shopper's own invoice, read through a no-op UPDATE so that, on PostgreSQL, its row stays
 * locked until the transaction ends: payments of one invoice then take turns, as on SQLite.
 */
export async function lockOwnInvoice(tx: Tx, userId: number, invoiceId: number): Promise<Invoice> {
  const [invoice] = isInvoiceId(invoiceId)
    ? await tx
        .update(invoices)
        .set({ amountResidual: sql`${invoices.amountResidual}` })
        .where(and(eq(invoices.id, invoiceId), eq(invoices.userId, userId)))
        .returning()
    : [];
  if (!invoice) throw new InvoiceError('NOT_FOUND', 'This invoice does not exist.', { subject: 'invoice' });
  return invoice;
}

function replayOf(invoice: Invoice, earlier: Payment, requested: WalletInvoicePaymentOptions['amount']): WalletInvoicePayment {
  if (typeof requested === 'number' && requested !== earlier.amount) {
    throw new InvoiceError('IDEMPOTENCY_CONFLICT', 'This payment was already made with another amount.');
  }
  return { invoice, payment: earlier, amount: earlier.amount, replayed: true };
}

/**
 * Pays (part of) a shopper's own invoice from their wallet, in one write transaction: re-reads the
 * invoice, refuses another shopper's, a paid one or more than the amount due, records a done
 * payment, posts wallet → sales "Payment of invoice INV/…" (the debit refuses an overdraft) and
 * reduces the amount due with a conditional UPDATE, so concurrent payments never over-pay.
 */
export async function payInvoiceFromWallet(
  db: Database,
  userId: number,
  invoiceId: number,
  options: WalletInvoicePaymentOptions,
): Promise<WalletInvoicePayment> {
  const attemptKey = checkAttemptKey(options.attemptKey);
  const requested = options.amount;
  if (requested !== undefined && requested !== 'available' && !isPositiveAmount(requested)) {
    throw new InvoiceError('INVALID_AMOUNT', 'Enter an amount greater than zero.');
  }
  if (!(await isPaymentMethodEnabled(db.read, 'wallet'))) {
    throw new InvoiceError('METHOD_DISABLED', 'The shop does not take wallet payments at the moment.', { method: 'wallet' });
  }
  const idempotencyKey = invoicePaymentKey(invoiceId, userId, 'wallet', attemptKey);

  return db.write(async (tx) => {
    const [earlier] = await tx.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
    if (earlier) return replayOf(await ownInvoiceOrThrow(tx, userId, invoiceId), earlier, requested);

    const invoice = await lockOwnInvoice(tx, userId, invoiceId);
    const due = invoice.amountResidual;
    if (due === 0) throw new InvoiceError('ALREADY_PAID', `Invoice ${invoice.number} is already paid.`, { number: invoice.number });
    const account = { wallet: userId, currency: invoice.currency };
    let amount: number;
    if (requested === 'available') {
      amount = Math.min(await getWalletSpendable(tx, account), due);
      if (amount <= 0) throw new InvoiceError('INSUFFICIENT_FUNDS', 'Your wallet is empty. Add money to pay with it.', { reason: 'invoiceWalletEmpty' });
    } else {
      amount = requested ?? due;
    }
    if (amount > due) {
      throw new InvoiceError(
        'AMOUNT_EXCEEDS_DUE',
        `Only ${formatMoney(due, invoice.currency)} is due on invoice ${invoice.number}; an invoice cannot be over-paid.`,
        { reason: 'overpay', due, currency: invoice.currency, number: invoice.number },
      );
    }

    const { payment, created } = await createPaymentRecord(tx, {
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
    // The same attempt key from another request that committed first: its payment is the answer.
    if (!created) return replayOf(invoice, payment, requested);
    let transferId: number;
    try {
      transferId = (
        await postTransfer(tx, {
          debit: account,
          credit: { system: 'sales', currency: invoice.currency },
          amount,
          currency: invoice.currency,
          kind: 'payment',
          idempotencyKey: paymentTransferKey(payment.id, 'invoice'),
          description: invoicePaymentDescription(invoice.number),
          invoiceId: invoice.id,
          paymentId: payment.id,
          createdBy: userId,
        })
      ).transfer.id;
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new InvoiceError(
          'INSUFFICIENT_FUNDS',
          `Your wallet holds ${formatMoney(Math.max(error.available, 0), invoice.currency)}, less than the ${formatMoney(amount, invoice.currency)} to pay.`,
          { reason: 'invoice', available: Math.max(error.available, 0), amount, currency: invoice.currency },
        );
      }
      throw error;
    }
    const paid = await reduceAmountDue(tx, invoice.id, amount);
    if (!paid) throw new InvoiceError('AMOUNT_EXCEEDS_DUE', `Invoice ${invoice.number} has less than that left to pay.`, { number: invoice.number });
    const [done] = await tx.update(payments).set({ transferId }).where(eq(payments.id, payment.id)).returning();
    return { invoice: paid, payment: done ?? payment, amount, replayed: false };
  });
}
