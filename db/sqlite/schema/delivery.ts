import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { shippingKinds } from '../../schema/enums';
import { users } from './auth';

/** A shopper's delivery addresses, remembered from checkout for next time. */
export const addresses = sqliteTable(
  'addresses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    fullName: text('full_name').notNull(),
    address: text('address').notNull(),
    city: text('city').notNull(),
    postalCode: text('postal_code').notNull(),
    /** ISO 3166-1 alpha-2, e.g. TR. */
    country: text('country').notNull(),
    phone: text('phone').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Checkout offers the most recently used first. */
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('addresses_user_idx').on(t.userId, t.lastUsedAt)],
);

/** The ways of shipping staff offer in Settings. */
export const shippingMethods = sqliteTable('shipping_methods', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', { enum: shippingKinds }).notNull(),
  /** Gross price in minor units of `currency`. */
  priceMinor: integer('price_minor').notNull(),
  /** Free when the order's goods reach this gross amount; null: never free. */
  freeAboveMinor: integer('free_above_minor'),
  currency: text('currency').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** Checkout lists the methods by this, then by id. */
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export type Address = typeof addresses.$inferSelect;
export type ShippingMethod = typeof shippingMethods.$inferSelect;
