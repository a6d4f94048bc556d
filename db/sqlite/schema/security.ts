import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Sign-in attempts, kept briefly so guessing is slowed per account, per address and per known
 * device. A row is written before the password is checked and counts as a failure until that
 * attempt succeeds (then the account's earlier rows go).
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    /** The signed known-device cookie's device id, when the attempt came from such a device. */
    deviceId: text('device_id'),
    failedAt: integer('failed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_failures_email_idx').on(t.email, t.failedAt), index('sign_in_failures_ip_idx').on(t.ip, t.failedAt)],
);
