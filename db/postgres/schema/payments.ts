import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { paymentProviders, paymentPurposes, paymentStates } from '../../schema/enums';
import { users } from './auth';
import { int8, timestampMs } from './columns';
import { invoices } from './invoices';
import { ledgerTransfers } from './ledger';
import { orders } from './orders';

/** One attempt to pay: a top-up, an order or an invoice, through one provider. */
export const payments = pgTable(
  'payments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Short code shown to the shopper and written on a bank transfer, e.g. CW7KQ4M2XP. */
    reference: text('reference').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: paymentPurposes }).notNull(),
    provider: text('provider', { enum: paymentProviders }).notNull(),
    amount: int8('amount').notNull(),
    currency: text('currency').notNull(),
    state: text('state', { enum: paymentStates }).notNull(),
    /** The provider's id for it (a Stripe Checkout Session id). */
    providerReference: text('provider_reference').unique(),
    orderId: integer('order_id').references(() => orders.id),
    invoiceId: integer('invoice_id').references(() => invoices.id),
    /** The ledger transfer this payment produced once done (or pending, for wire). */
    transferId: integer('transfer_id').references(() => ledgerTransfers.id),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Same-site path to return to after a top-up. */
    returnPath: text('return_path'),
    /** Why it did not complete: a code of lib/payments/failures.ts and its JSON params. */
    failureCode: text('failure_code'),
    failureParams: text('failure_params'),
    createdAt: timestampMs('created_at').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [
    index('payments_user_idx').on(t.userId, t.id),
    index('payments_order_idx').on(t.orderId),
    index('payments_invoice_idx').on(t.invoiceId),
    index('payments_state_idx').on(t.provider, t.state),
  ],
);

/** Stripe events already handled, so a replayed webhook changes nothing. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestampMs('received_at').notNull(),
});

export type Payment = typeof payments.$inferSelect;
