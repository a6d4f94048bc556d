import { and, asc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { ledgerTransfers, payments, type PaymentProvider } from '@/db/schema';

// Not server-only: the e-mail delivery job (npm run jobs, a plain script) attaches invoice PDFs too.

export type InvoicePaymentRow = {
  id: number;
  date: Date;
  /** How it was paid, as a code: the edge says it in words (orders.provider.<provider>). */
  provider: PaymentProvider;
  reference: string;
  /** What the payment paid towards this invoice, in minor units. */
  amount: number;
  currency: string;
};

/**
 * The payments applied to an invoice (done payments linked to it), oldest first. The amount is
 * what reached the invoice: the payment's invoice transfer, or for an order's payment its amount.
 */
export async function listInvoicePayments(q: Query, invoiceId: number): Promise<InvoicePaymentRow[]> {
  const rows = await q
    .select({
      id: payments.id,
      date: payments.updatedAt,
      provider: payments.provider,
      reference: payments.reference,
      amount: sql<number>`coalesce(${ledgerTransfers.amount}, ${payments.amount})`.mapWith(Number),
      currency: payments.currency,
    })
    .from(payments)
    .leftJoin(
      ledgerTransfers,
      and(
        eq(ledgerTransfers.paymentId, payments.id),
        eq(ledgerTransfers.invoiceId, invoiceId),
        eq(ledgerTransfers.kind, 'payment'),
        eq(ledgerTransfers.state, 'posted'),
      ),
    )
    // An invoice payment counts for what reached the invoice; one that found it already settled
    // (its card money went to the wallet) paid nothing towards it.
    .where(
      and(
        eq(payments.invoiceId, invoiceId),
        eq(payments.state, 'done'),
        or(ne(payments.purpose, 'invoice'), isNotNull(ledgerTransfers.id)),
      ),
    )
    .orderBy(asc(payments.updatedAt), asc(payments.id));
  return rows;
}
