import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestampMs } from './columns';
import { userRoles } from '../../schema/enums';

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: userRoles }).notNull().default('customer'),
  /** Bumped by a sign-out: every session token issued before it stops working, everywhere. */
  /** Name and email folded for search (lib/text/turkish searchKey), written by the app so both engines match alike. */
  searchKey: text('search_key').notNull().default(''),
  sessionVersion: integer('session_version').notNull().default(0),
  createdAt: timestampMs('created_at').notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
