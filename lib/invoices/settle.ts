import { and, eq, gte, sql } from 'drizzle-orm';
import { notifyInvoicePaid } from '@/lib/notifications/events';
import type { Tx } from '@/db/database';
import { invoices, type Invoice, type Payment } from '@/db/schema';
import { paymentTransferKey } from '@/lib/checkout/keys';
import { postTransfer, type LedgerDescription } from '@/lib/ledger';
import { captureWalletHold, findWalletHold, releaseWalletHold } from '@/lib/payments/split';
import { InvoiceError } from './errors';

/**
 * Takes `amount` off an invoice's amount due and sets it Partially Paid or Paid, as a step of the
 * write transaction that moves the money. The UPDATE only matches while the amount due still
 * covers `amount` (the guard is in its WHERE, so concurrent payments on either engine can never
 * over-pay it); returns the updated invoice, or undefined when it would have been over-paid
 * (nothing changed).
 */
export async function reduceAmountDue(tx: Tx, invoiceId: number, amount: number): Promise<Invoice | undefined> {
  const [invoice] = await tx
    .update(invoices)
    .set({
      amountResidual: sql`${invoices.amountResidual} - ${amount}`,
      paymentState: sql`CASE WHEN ${invoices.amountResidual} = ${amount} THEN 'paid' ELSE 'partial' END`,
    })
    .where(and(eq(invoices.id, invoiceId), gte(invoices.amountResidual, amount)))
    .returning();
  if (invoice?.paymentState === 'paid') await notifyInvoicePaid(tx, invoice);
  return invoice;
}

/** The ledger description of a payment towards an invoice (shown in the shopper's wallet history). */
export function invoicePaymentDescription(invoiceNumber: string): LedgerDescription {
  return { code: 'invoicePayment', params: { number: invoiceNumber } };
}

/**
 * Delivers a completed card payment of an invoice (the 'invoice' case of completePayment, a step
 * of its transaction): posts card_clearing → sales for what is still due, at most the amount
 * received, and takes it off the invoice. The invoice is never over-paid: if other payments
 * settled part of it while the card page was open, the card money beyond the amount due is
 * already taken by the card provider, so it is credited to the shopper's wallet (card_clearing →
 * wallet, kind deposit_card) instead of being refused and stranded. The wallet hold of a Wallet
 * and Card payment is posted in the same transaction and counts towards the invoice. Returns the
 * id of the invoice transfer (or of the wallet credit when nothing was left to pay).
 */
export async function settleInvoiceCardPayment(tx: Tx, payment: Payment, amount: number): Promise<number> {
  // Read through a no-op UPDATE: on PostgreSQL it locks the invoice row until this transaction
  // ends, so what is due cannot shrink under a concurrent wallet payment between read and write.
  const [invoice] =
    payment.invoiceId === null
      ? []
      : await tx
          .update(invoices)
          .set({ amountResidual: sql`${invoices.amountResidual}` })
          .where(eq(invoices.id, payment.invoiceId))
          .returning();
  if (!invoice || invoice.userId !== payment.userId || invoice.currency !== payment.currency) {
    throw new InvoiceError('NOT_FOUND', `Payment ${payment.reference} does not belong to an invoice of its shopper.`, { subject: 'invoicePayment' });
  }
  // Wallet and Card: the wallet hold is posted first and counts towards the invoice with the card
  // part; should the card alone now cover what is due, the hold is released instead.
  let due = invoice.amountResidual;
  const hold = await findWalletHold(tx, { invoiceId: invoice.id });
  if (hold && hold.userId === payment.userId) {
    if (hold.amount + amount <= due && (await captureWalletHold(tx, hold.id))) {
      if (!(await reduceAmountDue(tx, invoice.id, hold.amount))) {
        throw new InvoiceError('AMOUNT_EXCEEDS_DUE', `Invoice ${invoice.number} has less than that left to pay.`, { number: invoice.number });
      }
      due -= hold.amount;
    } else {
      await releaseWalletHold(tx, hold.id, { code: 'paidAnotherWay', params: { number: invoice.number } });
    }
  }
  const applied = Math.min(amount, due);
  const excess = amount - applied;
  let invoiceTransferId: number | undefined;
  if (applied > 0) {
    const { transfer } = await postTransfer(tx, {
      debit: { system: 'card_clearing', currency: payment.currency },
      credit: { system: 'sales', currency: payment.currency },
      amount: applied,
      currency: payment.currency,
      kind: 'payment',
      idempotencyKey: paymentTransferKey(payment.id, 'invoice'),
      description: invoicePaymentDescription(invoice.number),
      invoiceId: invoice.id,
      paymentId: payment.id,
      createdBy: payment.userId,
    });
    if (!(await reduceAmountDue(tx, invoice.id, applied))) {
      throw new InvoiceError('AMOUNT_EXCEEDS_DUE', `Invoice ${invoice.number} has less than that left to pay.`, { number: invoice.number });
    }
    invoiceTransferId = transfer.id;
  }
  if (excess === 0) {
    if (invoiceTransferId === undefined) throw new InvoiceError('INVALID_AMOUNT', 'A card payment of nothing.');
    return invoiceTransferId;
  }
  const { transfer: credit } = await postTransfer(tx, {
    debit: { system: 'card_clearing', currency: payment.currency },
    credit: { wallet: payment.userId, currency: payment.currency },
    amount: excess,
    currency: payment.currency,
    kind: 'deposit_card',
    idempotencyKey: paymentTransferKey(payment.id, 'invoice-excess'),
    description: { code: 'invoiceOverpayment', params: { reference: payment.reference, number: invoice.number } },
    invoiceId: invoice.id,
    paymentId: payment.id,
    createdBy: payment.userId,
  });
  return invoiceTransferId ?? credit.id;
}
