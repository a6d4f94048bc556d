import { index, uniqueIndex, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { int8, timestampMs } from './columns';
import { users } from './auth';

/** Shop settings as JSON values under a key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Every staff action, append-only (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    action: text('action').notNull(),
    subjectUserId: integer('subject_user_id').references(() => users.id),
    amount: int8('amount'),
    currency: text('currency'),
    reason: text('reason'),
    details: text('details'),
    /** A form's hidden uuid: the same attempt of one action is recorded (and done) once. */
    attemptKey: text('attempt_key'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), uniqueIndex('audit_log_attempt_idx').on(t.action, t.attemptKey)],
);
