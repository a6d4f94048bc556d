import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { int8, timestampMs } from './columns';
import { ledgerTransfers } from './ledger';
import { payments } from './payments';

/** Key pairs for the merchant wallet API; the secret is stored encrypted (see db/schema/api.ts). */
export const apiKeys = pgTable('api_keys', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  /** The public half, sent in the x-api-key header. */
  apiKey: text('api_key').notNull().unique(),
  /** The secret, encrypted: "v1.<iv>.<tag>.<ciphertext>" in base64url. */
  secretCiphertext: text('secret_ciphertext').notNull(),
  /** The staff member the key acts for: money it moves is recorded in their name. */
  staffId: integer('staff_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestampMs('created_at').notNull(),
  revokedAt: timestampMs('revoked_at'),
});

/** What the API knows about a member beyond the user row: the merchant's own id and contact details. */
export const apiMembers = pgTable('api_members', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  externalId: text('external_id').unique(),
  memberType: text('member_type').notNull().default('PERSONAL'),
  phoneNumber: text('phone_number'),
  address: text('address'),
  updatedAt: timestampMs('updated_at').notNull(),
});

/** A payment taken through the API (wallet, card, or card + wallet), with the merchant's references and items. */
export const apiPayments = pgTable('api_payments', {
  paymentId: integer('payment_id')
    .primaryKey()
    .references(() => payments.id),
  apiKeyId: integer('api_key_id')
    .notNull()
    .references(() => apiKeys.id),
  conversationId: text('conversation_id'),
  externalId: text('external_id'),
  paymentGroup: text('payment_group').notNull(),
  /**
   * JSON, amounts in minor units: the items as sent ([{ name, externalId, price }]) or, for a card
   * payment, { items: [{ name, externalId, price, walletPrice }], card: { binNumber, lastFourDigits, cardHolderName, cardAssociation } }.
   */
  items: text('items').notNull(),
});

/** Refunds of API payments: one row per refunded item (payment transaction) and share (wallet or card). */
export const apiPaymentRefunds = pgTable(
  'api_payment_refunds',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    /** Which item of the payment, from 1 (the platform's payment transaction). */
    itemIndex: integer('item_index').notNull(),
    amount: int8('amount').notNull(),
    currency: text('currency').notNull(),
    /** That share's ledger transfer: sales → wallet, or sales → card_clearing for the card share. */
    transferId: integer('transfer_id')
      .notNull()
      .references(() => ledgerTransfers.id),
    conversationId: text('conversation_id'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('api_payment_refunds_payment_idx').on(t.paymentId, t.itemIndex)],
);

/** Responses kept per API key and Idempotency-Key, so a retry gets the original answer. */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    key: text('key').notNull(),
    /** sha256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('api_idempotency_key_idx').on(t.apiKeyId, t.key), index('api_idempotency_created_idx').on(t.createdAt)],
);

/** Signed requests already received, so a captured request replayed byte for byte is refused. */
export const apiRequestNonces = pgTable(
  'api_request_nonces',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    rndKey: text('rnd_key').notNull(),
    signature: text('signature').notNull(),
    seenAt: timestampMs('seen_at').notNull(),
    expiresAt: timestampMs('expires_at'),
  },
  (t) => [
    // The replay check: one row per (key, signed request), claimed by the insert itself.
    uniqueIndex('api_request_nonces_signature_idx').on(t.apiKeyId, t.signature),
    // The purge of expired reads.
    index('api_request_nonces_expires_idx').on(t.expiresAt),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type ApiMember = typeof apiMembers.$inferSelect;
