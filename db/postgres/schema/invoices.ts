import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, type PgColumn } from 'drizzle-orm/pg-core';
import { invoiceKinds, lineKinds, invoicePaymentStates } from '../../schema/enums';
import { users } from './auth';
import { int8, timestampMs } from './columns';
import { orders } from './orders';

export const invoices = pgTable(
  'invoices',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Sequential per year without gaps: INV/2026/00001. */
    number: text('number').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    orderId: integer('order_id').references(() => orders.id),
    amountTotal: int8('amount_total').notNull(),
    amountResidual: int8('amount_residual').notNull(),
    currency: text('currency').notNull(),
    paymentState: text('payment_state', { enum: invoicePaymentStates }).notNull(),
    invoiceDate: timestampMs('invoice_date').notNull(),
    dueDate: timestampMs('due_date').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    kind: text('kind', { enum: invoiceKinds }).notNull().default('invoice'),
    /** A credit note: the invoice it takes back (part of). */
    creditedInvoiceId: integer('credited_invoice_id').references((): PgColumn => invoices.id),
    /** An invoice: the total of its credit notes (equal to amountTotal: fully refunded). */
    amountCredited: int8('amount_credited').notNull().default(0),
    amountNet: int8('amount_net').notNull().default(0),
    amountTax: int8('amount_tax').notNull().default(0),
  },
  (t) => [
    index('invoices_user_idx').on(t.userId, t.id),
    index('invoices_order_idx').on(t.orderId),
    index('invoices_credited_idx').on(t.creditedInvoiceId),
    check('invoices_credited_bounds', sql`${t.amountCredited} >= 0 AND ${t.amountCredited} <= ${t.amountTotal}`),
    check('invoices_residual_bounds', sql`${t.amountResidual} >= 0 AND ${t.amountResidual} <= ${t.amountTotal}`),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    kind: text('kind', { enum: lineKinds }).notNull().default('product'),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: int8('unit_price_minor').notNull(),
    amount: int8('amount').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    amountNet: int8('amount_net').notNull().default(0),
    amountTax: int8('amount_tax').notNull().default(0),
  },
  (t) => [index('invoice_lines_invoice_idx').on(t.invoiceId)],
);

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
