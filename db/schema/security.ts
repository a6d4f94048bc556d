import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Failed sign-ins, kept briefly so repeated guessing is slowed per account and per address. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    failedAt: integer('failed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_failures_email_idx').on(t.email, t.failedAt), index('sign_in_failures_ip_idx').on(t.ip, t.failedAt)],
);
