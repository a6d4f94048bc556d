import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int8, timestampMs } from './columns';
import { paymentPageKinds, paymentPageStates } from '../../schema/enums';
import { apiKeys } from './api';
import { users } from './auth';
import { payments } from './payments';

/**
 * A hosted payment page opened through the merchant API: the checkout form (initCheckoutPayment,
 * for a payment or a wallet deposit) or a multi payment (initMultiPayment). The buyer opens
 * /pay/<token>; the merchant reads the outcome by the token. The id is the multi payment's id.
 */
export const paymentPages = pgTable(
  'payment_pages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Random, unguessable: the page's address and the merchant's handle on it. */
    token: text('token').notNull(),
    kind: text('kind', { enum: paymentPageKinds }).notNull(),
    state: text('state', { enum: paymentPageStates }).notNull().default('open'),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    /** The member who pays (their wallet may pay; a deposit credits it); null when the merchant names none. */
    buyerId: integer('buyer_id').references(() => users.id),
    /** Minor units: the basket (sum of the items) and what is to be collected (equal in Coffer). */
    price: int8('price').notNull(),
    paidPrice: int8('paid_price').notNull(),
    currency: text('currency').notNull(),
    /** JSON [{ name, externalId, price }] in minor units; [] for a deposit. */
    items: text('items').notNull(),
    conversationId: text('conversation_id'),
    externalId: text('external_id'),
    paymentGroup: text('payment_group').notNull(),
    /** Where the buyer is sent back, with ?token=…, when the page is done (paid or given up). */
    callbackUrl: text('callback_url').notNull(),
    /** JSON list of the platform's PaymentMethod names the page offers (CARD, WALLET); null = all Coffer has. */
    paymentMethods: text('payment_methods'),
    /** Multi payment: at most this many successful payments. */
    maxPayments: integer('max_payments'),
    expiresAt: timestampMs('expires_at').notNull(),
    completedAt: timestampMs('completed_at'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('payment_pages_token_idx').on(t.token), check('payment_pages_price_positive', sql`${t.paidPrice} > 0`)],
);

/** Every payment attempted on a page (succeeded or not), in order: a multi payment's paymentIds. */
export const paymentPagePayments = pgTable(
  'payment_page_payments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    pageId: integer('page_id')
      .notNull()
      .references(() => paymentPages.id),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('payment_page_payments_payment_idx').on(t.paymentId), index('payment_page_payments_page_idx').on(t.pageId, t.id)],
);

export type PaymentPage = typeof paymentPages.$inferSelect;
