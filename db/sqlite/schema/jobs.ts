import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who runs a scheduled job now: a server claims a job's row until `expires_at`, so that when
 * several servers run the scheduler, one of them does each run (lib/jobs).
 */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});
