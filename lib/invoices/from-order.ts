import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { notifyInvoiceIssued } from '@/lib/notifications/events';
import type { Query, Tx } from '@/db/database';
import { invoices, orderLines, orders, payments, type Invoice, type OrderLine } from '@/db/schema';
import { findPayment } from '@/lib/payments/records';
import { createInvoice, type NewInvoiceLine } from './create';
import { InvoiceError } from './errors';

type OrderLineRow = Pick<OrderLine, 'kind' | 'name' | 'quantity' | 'unitPriceMinor' | 'amount' | 'taxRateBp' | 'amountNet' | 'amountTax'>;

/**
 * One order line as an invoice line, its tax copied as the order stored it (never recomputed).
 * A line whose stored net + tax is not its amount was written before orders carried tax (the
 * columns' defaults), so it is invoiced untaxed. A line whose amount is not quantity × unit price
 * (a price rounded per line) is invoiced as one unit of its amount, so the amounts stay exact.
 */
export function invoiceLineOf(line: OrderLineRow): NewInvoiceLine {
  const tax = line.amountNet + line.amountTax === line.amount ? { rateBp: line.taxRateBp, net: line.amountNet, tax: line.amountTax } : undefined;
  const exact = line.quantity * line.unitPriceMinor === line.amount;
  return {
    kind: line.kind,
    description: line.name,
    quantity: exact ? line.quantity : 1,
    unitPriceMinor: exact ? line.unitPriceMinor : line.amount,
    tax,
  };
}

/** The order's lines (products, then its shipping line) as invoice lines, plus one line for any difference from the order total. */
async function linesForOrder(q: Query, orderId: number, orderNumber: string, total: number): Promise<NewInvoiceLine[]> {
  const rows = await q
    .select({
      kind: orderLines.kind,
      name: orderLines.name,
      quantity: orderLines.quantity,
      unitPriceMinor: orderLines.unitPriceMinor,
      amount: orderLines.amount,
      taxRateBp: orderLines.taxRateBp,
      amountNet: orderLines.amountNet,
      amountTax: orderLines.amountTax,
    })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(sql`case when ${orderLines.kind} = 'shipping' then 1 else 0 end`), asc(orderLines.id));
  const lines = rows.map(invoiceLineOf);
  const linesTotal = rows.reduce((sum, line) => sum + line.amount, 0);
  const difference = total - linesTotal;
  if (difference !== 0) {
    // Only orders from before lines carried every amount; an untaxed line keeps the invoice equal to the order.
    lines.push({
      description: difference > 0 ? `Other charges of order ${orderNumber}` : `Discount on order ${orderNumber}`,
      quantity: 1,
      unitPriceMinor: difference,
    });
  }
  return lines;
}

/**
 * The posted, paid invoice of an order that has just been paid (Automatic Invoice): lines from
 * the order, amount_total = the order total, nothing left to pay, and `paymentId` linked to it so
 * the invoice lists that payment. A step of the transaction that marks the order paid. Safe to
 * call twice: an order has one invoice; an existing one is returned, marked paid.
 */
export async function createInvoiceForPaidOrder(tx: Tx, orderId: number, paymentId: number): Promise<Invoice> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new InvoiceError('NOT_FOUND', `No order ${orderId}.`, { subject: 'order' });
  const payment = await findPayment(tx, paymentId);
  if (!payment || payment.userId !== order.userId || (payment.orderId !== null && payment.orderId !== orderId)) {
    throw new InvoiceError('ORDER_NOT_PAYABLE', `Payment ${paymentId} does not pay order ${order.number}.`);
  }

  const [existing] = await tx.select().from(invoices).where(and(eq(invoices.orderId, orderId), eq(invoices.kind, 'invoice')));
  const invoice =
    existing ??
    (await createInvoice(tx, {
      userId: order.userId,
      orderId: order.id,
      currency: order.currency,
      lines: await linesForOrder(tx, order.id, order.number, order.amountTotal),
      invoiceDate: order.paidAt ?? new Date(),
      dueDate: order.paidAt ?? undefined,
    }));
  if (!existing) await notifyInvoiceIssued(tx, { ...invoice, amountResidual: 0 });
  if (payment.invoiceId !== null && payment.invoiceId !== invoice.id) {
    throw new InvoiceError('ORDER_NOT_PAYABLE', `Payment ${payment.reference} already pays another invoice.`);
  }
  await tx
    .update(payments)
    .set({ invoiceId: invoice.id, updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), or(isNull(payments.invoiceId), eq(payments.invoiceId, invoice.id))));
  if (existing?.paymentState === 'paid') return existing;
  // The order is paid in full, so its invoice is too (also one issued earlier, e.g. for a wire order).
  const [paid] = await tx.update(invoices).set({ amountResidual: 0, paymentState: 'paid' }).where(eq(invoices.id, invoice.id)).returning();
  return paid ?? invoice;
}
