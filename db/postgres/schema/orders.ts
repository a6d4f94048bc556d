import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { orderStates, paymentMethods } from '../../schema/enums';
import { users } from './auth';
import { products } from './catalog';
import { int8, timestampMs } from './columns';

/** A signed-in shopper's cart, kept on the server. */
export const cartItems = pgTable(
  'cart_items',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    addedAt: timestampMs('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.productId] }),
    check('cart_items_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Human number, e.g. S00042. */
    number: text('number').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: orderStates }).notNull(),
    paymentMethod: text('payment_method', { enum: paymentMethods }).notNull(),
    amountTotal: int8('amount_total').notNull(),
    amountRefunded: int8('amount_refunded').notNull().default(0),
    currency: text('currency').notNull(),
    /** One checkout attempt creates at most one order. */
    checkoutKey: text('checkout_key').notNull().unique(),
    createdAt: timestampMs('created_at').notNull(),
    paidAt: timestampMs('paid_at'),
  },
  (t) => [
    index('orders_user_idx').on(t.userId, t.id),
    check('orders_refund_bounds', sql`${t.amountRefunded} >= 0 AND ${t.amountRefunded} <= ${t.amountTotal}`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    name: text('name').notNull(),
    unitPriceMinor: int8('unit_price_minor').notNull(),
    quantity: integer('quantity').notNull(),
    amount: int8('amount').notNull(),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId)],
);

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
