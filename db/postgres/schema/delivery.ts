import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { shippingKinds } from '../../schema/enums';
import { users } from './auth';
import { int8, timestampMs } from './columns';

/** A shopper's delivery addresses, remembered from checkout for next time. */
export const addresses = pgTable(
  'addresses',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    createdAt: timestampMs('created_at').notNull(),
    /** Checkout offers the most recently used first. */
    lastUsedAt: timestampMs('last_used_at').notNull(),
  },
  (t) => [index('addresses_user_idx').on(t.userId, t.lastUsedAt)],
);

/** The ways of shipping staff offer in Settings. */
export const shippingMethods = pgTable('shipping_methods', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  kind: text('kind', { enum: shippingKinds }).notNull(),
  /** Gross price in minor units of `currency`. */
  priceMinor: int8('price_minor').notNull(),
  /** Free when the order's goods reach this gross amount; null: never free. */
  freeAboveMinor: int8('free_above_minor'),
  currency: text('currency').notNull(),
  active: boolean('active').notNull().default(true),
  /** Checkout lists the methods by this, then by id. */
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestampMs('created_at').notNull(),
});

export type Address = typeof addresses.$inferSelect;
export type ShippingMethod = typeof shippingMethods.$inferSelect;
