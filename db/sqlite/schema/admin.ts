import { index, uniqueIndex, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/** Shop settings as JSON values under a key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Every staff action, append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    action: text('action').notNull(),
    subjectUserId: integer('subject_user_id').references(() => users.id),
    amount: integer('amount'),
    currency: text('currency'),
    reason: text('reason'),
    details: text('details'),
    /** A form's hidden uuid: the same attempt of one action is recorded (and done) once. */
    attemptKey: text('attempt_key'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), uniqueIndex('audit_log_attempt_idx').on(t.action, t.attemptKey)],
);
