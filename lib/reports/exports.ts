import 'server-only';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Query } from '@/db/database';
import { invoices, orders, users, type Invoice, type Order, type PaymentMethod } from '@/db/schema';
import { orderStatusCode, type OrderStatusCode } from '@/lib/checkout/labels';
import { toCsv, type CsvCell } from '@/lib/csv/format';
import type { Locale } from '@/lib/i18n/locales';
import { invoiceStatus, type InvoiceStatus } from '@/lib/invoices/status';
import { dayOf, localDateTime } from './days';

/** Instants from `start` (included) to `end` (excluded): the days of a report in the shop's time zone. */
export type InstantRange = { start: Date; end: Date };

export type OrderExportRow = Pick<
  Order,
  'number' | 'createdAt' | 'paidAt' | 'state' | 'paymentMethod' | 'amountNet' | 'amountTax' | 'amountShipping' | 'amountTotal' | 'amountRefunded' | 'currency' | 'deliveryCountry'
> & { customerName: string; customerEmail: string };

/** The orders placed in the range, oldest first, with their customer. */
export async function ordersForExport(q: Query, range: InstantRange): Promise<OrderExportRow[]> {
  return q
    .select({
      number: orders.number,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      state: orders.state,
      paymentMethod: orders.paymentMethod,
      customerName: users.name,
      customerEmail: users.email,
      deliveryCountry: orders.deliveryCountry,
      amountNet: orders.amountNet,
      amountTax: orders.amountTax,
      amountShipping: orders.amountShipping,
      amountTotal: orders.amountTotal,
      amountRefunded: orders.amountRefunded,
      currency: orders.currency,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(and(gte(orders.createdAt, range.start), lt(orders.createdAt, range.end)))
    .orderBy(asc(orders.createdAt), asc(orders.id));
}

export type InvoiceExportRow = Pick<
  Invoice,
  'number' | 'kind' | 'invoiceDate' | 'dueDate' | 'paymentState' | 'amountNet' | 'amountTax' | 'amountTotal' | 'amountCredited' | 'amountResidual' | 'currency'
> & { customerName: string; customerEmail: string; orderNumber: string | null; creditedNumber: string | null };

/** The invoices and credit notes dated in the range, oldest first, with their customer, order and credited invoice. */
export async function invoicesForExport(q: Query, range: InstantRange): Promise<InvoiceExportRow[]> {
  const credited = alias(invoices, 'credited');
  return q
    .select({
      number: invoices.number,
      kind: invoices.kind,
      invoiceDate: invoices.invoiceDate,
      dueDate: invoices.dueDate,
      paymentState: invoices.paymentState,
      customerName: users.name,
      customerEmail: users.email,
      orderNumber: orders.number,
      creditedNumber: credited.number,
      amountNet: invoices.amountNet,
      amountTax: invoices.amountTax,
      amountTotal: invoices.amountTotal,
      amountCredited: invoices.amountCredited,
      amountResidual: invoices.amountResidual,
      currency: invoices.currency,
    })
    .from(invoices)
    .innerJoin(users, eq(users.id, invoices.userId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .leftJoin(credited, eq(credited.id, invoices.creditedInvoiceId))
    .where(and(gte(invoices.invoiceDate, range.start), lt(invoices.invoiceDate, range.end)))
    .orderBy(asc(invoices.invoiceDate), asc(invoices.id));
}

export const orderColumns = [
  'number',
  'placed',
  'paid',
  'status',
  'paymentMethod',
  'customer',
  'email',
  'country',
  'net',
  'tax',
  'shipping',
  'total',
  'refunded',
  'currency',
] as const;

export const invoiceColumns = [
  'number',
  'kind',
  'date',
  'dueDate',
  'status',
  'customer',
  'email',
  'order',
  'creditedInvoice',
  'net',
  'tax',
  'total',
  'credited',
  'amountDue',
  'currency',
] as const;

/**
 * A CSV's words in the requester's language, chosen at the edge (the `csv` catalogue): column
 * headers and the words of statuses and kinds. Their locale picks the separator and decimal mark
 * (lib/csv/format); times are shown on the shop's clock (`timeZone`).
 */
type CsvWords<Column extends string> = { locale: Locale; timeZone: string; header: (column: Column) => string };

export type OrdersCsvWords = CsvWords<(typeof orderColumns)[number]> & {
  status: (code: OrderStatusCode) => string;
  paymentMethod: (method: PaymentMethod) => string;
};

export type InvoicesCsvWords = CsvWords<(typeof invoiceColumns)[number]> & {
  kind: (kind: Invoice['kind']) => string;
  status: (status: InvoiceStatus) => string;
};

/** Orders as CSV: amounts exact in each order's currency, its status as staff read it (refunds included). */
export function ordersToCsv(rows: OrderExportRow[], words: OrdersCsvWords): string {
  const body = rows.map((row): CsvCell[] => {
    const money = (amount: number): CsvCell => ({ amount, currency: row.currency });
    return [
      row.number,
      localDateTime(row.createdAt, words.timeZone),
      row.paidAt ? localDateTime(row.paidAt, words.timeZone) : null,
      words.status(orderStatusCode(row)),
      words.paymentMethod(row.paymentMethod),
      row.customerName,
      row.customerEmail,
      row.deliveryCountry,
      money(row.amountNet),
      money(row.amountTax),
      money(row.amountShipping),
      money(row.amountTotal),
      money(row.amountRefunded),
      row.currency,
    ];
  });
  return toCsv([orderColumns.map(words.header), ...body], words.locale);
}

/**
 * Invoices and credit notes as CSV. A credit note's net, tax and total are written negative (it
 * takes money back), so a column's sum is what the documents add up to; its stored amounts stay
 * positive. Credited and Amount due concern invoices only.
 */
export function invoicesToCsv(rows: InvoiceExportRow[], words: InvoicesCsvWords): string {
  const body = rows.map((row): CsvCell[] => {
    const isInvoice = row.kind === 'invoice';
    const sign = isInvoice ? 1 : -1;
    // `0 - x` rather than `-x`: a credit note of nothing is 0, not -0.
    const money = (amount: number): CsvCell => ({ amount: sign === 1 ? amount : 0 - amount, currency: row.currency });
    return [
      row.number,
      words.kind(row.kind),
      dayOf(row.invoiceDate, words.timeZone),
      isInvoice ? dayOf(row.dueDate, words.timeZone) : null,
      words.status(invoiceStatus(row)),
      row.customerName,
      row.customerEmail,
      row.orderNumber,
      row.creditedNumber,
      money(row.amountNet),
      money(row.amountTax),
      money(row.amountTotal),
      isInvoice ? { amount: row.amountCredited, currency: row.currency } : null,
      isInvoice ? { amount: row.amountResidual, currency: row.currency } : null,
      row.currency,
    ];
  });
  return toCsv([invoiceColumns.map(words.header), ...body], words.locale);
}
