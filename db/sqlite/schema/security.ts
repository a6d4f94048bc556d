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

/**
 * One row per account (`email:…`) or address (`ip:…`) being signed in to: a sign-in attempt upserts
 * its rows first, which locks them until commit (PostgreSQL), so the count-then-insert of
 * sign_in_failures is serialized per account on every engine. Stale rows are swept with the failures.
 */
export const signInLocks = sqliteTable(
  'sign_in_locks',
  {
    key: text('key').primaryKey(),
    touchedAt: integer('touched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_locks_touched_idx').on(t.touchedAt)],
);
