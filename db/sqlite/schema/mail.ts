import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountTokenPurposes, mailStates } from '../../schema/enums';
import { users } from './auth';

/**
 * E-mails to send, written in the same transaction as the event that causes them and delivered
 * after commit by a job (lib/notifications): a rolled-back payment sends nothing, a failed send
 * never undoes one. Kept after sending: without SMTP_URL staff read them on the Outbox page.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** One message per event: e.g. 'order-shipped:42'; a replayed event adds nothing. */
    dedupeKey: text('dedupe_key').notNull(),
    toAddress: text('to_address').notNull(),
    userId: integer('user_id').references(() => users.id),
    /** The recipient's language when it was written ('en', 'tr'). */
    locale: text('locale').notNull(),
    /** Which message (a template code of lib/notifications) and its JSON params; words come at send time. */
    template: text('template').notNull(),
    params: text('params').notNull(),
    state: text('state', { enum: mailStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('mail_outbox_dedupe_idx').on(t.dedupeKey),
    // The delivery job's next batch: pending messages due now.
    index('mail_outbox_due_idx').on(t.state, t.nextAttemptAt),
    // The Outbox page, newest first.
    index('mail_outbox_created_idx').on(t.createdAt),
  ],
);

/** Single-use account links (password reset, e-mail change, staff invitation); only a hash of the token is kept. */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: accountTokenPurposes }).notNull(),
    /** SHA-256 of the token sent in the link. */
    tokenHash: text('token_hash').notNull(),
    /** An e-mail change: the new address the link confirms. */
    newEmail: text('new_email'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_idx').on(t.tokenHash),
    // Throttling requests per account and purpose.
    index('account_tokens_user_idx').on(t.userId, t.purpose, t.createdAt),
  ],
);

export type MailMessage = typeof mailOutbox.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;
