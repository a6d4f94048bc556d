import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { orders } from './orders';
import { invoiceKinds, lineKinds, invoicePaymentStates, type InvoicePaymentState } from '../../schema/enums';

export const invoices = sqliteTable(
  'invoices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sequential per year without gaps: INV/2026/00001. */
    number: text('number').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    orderId: integer('order_id').references(() => orders.id),
    amountTotal: integer('amount_total').notNull(),
    amountResidual: integer('amount_residual').notNull(),
    currency: text('currency').notNull(),
    paymentState: text('payment_state', { enum: invoicePaymentStates }).notNull(),
    invoiceDate: integer('invoice_date', { mode: 'timestamp_ms' }).notNull(),
    dueDate: integer('due_date', { mode: 'timestamp_ms' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    kind: text('kind', { enum: invoiceKinds }).notNull().default('invoice'),
    /** A credit note: the invoice it takes back (part of). */
    creditedInvoiceId: integer('credited_invoice_id').references((): SQLiteColumn => invoices.id),
    /** An invoice: the total of its credit notes (equal to amountTotal: fully refunded). */
    amountCredited: integer('amount_credited').notNull().default(0),
    amountNet: integer('amount_net').notNull().default(0),
    amountTax: integer('amount_tax').notNull().default(0),
  },
  (t) => [
    index('invoices_user_idx').on(t.userId, t.id),
    index('invoices_order_idx').on(t.orderId),
    index('invoices_credited_idx').on(t.creditedInvoiceId),
    check('invoices_credited_bounds', sql`${t.amountCredited} >= 0 AND ${t.amountCredited} <= ${t.amountTotal}`),
    check('invoices_residual_bounds', sql`${t.amountResidual} >= 0 AND ${t.amountResidual} <= ${t.amountTotal}`),
  ],
);

export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    kind: text('kind', { enum: lineKinds }).notNull().default('product'),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    amount: integer('amount').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    amountNet: integer('amount_net').notNull().default(0),
    amountTax: integer('amount_tax').notNull().default(0),
  },
  (t) => [index('invoice_lines_invoice_idx').on(t.invoiceId)],
);

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
