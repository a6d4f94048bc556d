import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { ledgerTransfers } from './ledger';
import { payments } from './payments';

/**
 * Key pairs for the merchant wallet API. The secret is needed in clear to check a request's
 * signature, so it cannot be hashed: it is stored encrypted (AES-256-GCM) under a key derived
 * from the app's auth secret, and a copy of the database alone does not reveal it.
 */
export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** The public half, sent in the x-api-key header. */
  apiKey: text('api_key').notNull().unique(),
  /** The secret, encrypted: "v1.<iv>.<tag>.<ciphertext>" in base64url. */
  secretCiphertext: text('secret_ciphertext').notNull(),
  /** The staff member the key acts for: money it moves is recorded in their name. */
  staffId: integer('staff_id')
    .notNull()
    .references(() => users.id),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

/** What the API knows about a member beyond the user row: the merchant's own id and contact details. */
export const apiMembers = sqliteTable('api_members', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  externalId: text('external_id').unique(),
  memberType: text('member_type').notNull().default('PERSONAL'),
  phoneNumber: text('phone_number'),
  address: text('address'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A payment taken through the API (wallet, card, or card + wallet), with the merchant's references and items. */
export const apiPayments = sqliteTable('api_payments', {
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
export const apiPaymentRefunds = sqliteTable(
  'api_payment_refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    /** Which item of the payment, from 1 (the platform's payment transaction). */
    itemIndex: integer('item_index').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** That share's ledger transfer: sales → wallet, or sales → card_clearing for the card share. */
    transferId: integer('transfer_id')
      .notNull()
      .references(() => ledgerTransfers.id),
    conversationId: text('conversation_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('api_payment_refunds_payment_idx').on(t.paymentId, t.itemIndex)],
);

/** Responses kept per API key and Idempotency-Key, so a retry gets the original answer. */
export const apiIdempotency = sqliteTable(
  'api_idempotency',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    key: text('key').notNull(),
    /** sha256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('api_idempotency_key_idx').on(t.apiKeyId, t.key), index('api_idempotency_created_idx').on(t.createdAt)],
);

/**
 * Signed requests already received, so a captured request replayed byte for byte is refused. The
 * signature covers URL, key, x-rnd-key and body, so it names the request exactly. The protocol
 * carries no timestamp: a state-changing request is remembered while its key is active
 * (expiresAt null), a read for 24 hours.
 */
export const apiRequestNonces = sqliteTable(
  'api_request_nonces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    rndKey: text('rnd_key').notNull(),
    signature: text('signature').notNull(),
    seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
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
