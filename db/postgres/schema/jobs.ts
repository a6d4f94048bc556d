import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestampMs } from './columns';

/**
 * Who runs a scheduled job now: a server claims a job's row until `expires_at`, so that when
 * several servers run the scheduler, one of them does each run (lib/jobs).
 */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestampMs('expires_at').notNull(),
});
