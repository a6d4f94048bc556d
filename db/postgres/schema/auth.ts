import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { int8, timestampMs } from './columns';
import { userRoles } from '../../schema/enums';

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: userRoles }).notNull().default('customer'),
  /** Name and email folded for search (lib/text/turkish searchKey), written by the app so both engines match alike. */
  searchKey: text('search_key').notNull().default(''),
  /** Bumped by a sign-out or a new password: every session token issued before it stops working, everywhere. */
  sessionVersion: integer('session_version').notNull().default(0),
  /** The language the shopper chose ('en', 'tr'); null: the shop's. E-mails are written in it. */
  locale: text('locale'),
  /** Low-balance alert: e-mail once when the wallet falls below this (minor units); null: off. */
  lowBalanceThreshold: int8('low_balance_threshold'),
  /** True once the alert was sent for the current dip; cleared when the balance is back at or above the threshold. */
  lowBalanceAlerted: boolean('low_balance_alerted').notNull().default(false),
  createdAt: timestampMs('created_at').notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
