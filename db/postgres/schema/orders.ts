import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { lineKinds, orderStates, paymentMethods } from '../../schema/enums';
import { shippingMethods } from './delivery';
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
    /** The lines' net and tax (amountTotal = net + tax), by lib/orders/tax's rounding rule. */
    amountNet: int8('amount_net').notNull().default(0),
    amountTax: int8('amount_tax').notNull().default(0),
    /** The shipping line's gross (part of amountTotal), 0 for pick-up or free shipping. */
    amountShipping: int8('amount_shipping').notNull().default(0),
    /** Whether the prices the order was placed at included tax (Settings at the time). */
    pricesIncludeTax: boolean('prices_include_tax').notNull().default(true),
    shippingMethodId: integer('shipping_method_id').references(() => shippingMethods.id),
    /** Where the order goes, as the shopper gave it at checkout (null: picked up in the shop). */
    deliveryName: text('delivery_name'),
    deliveryAddress: text('delivery_address'),
    deliveryCity: text('delivery_city'),
    deliveryPostalCode: text('delivery_postal_code'),
    /** ISO 3166-1 alpha-2, e.g. TR. */
    deliveryCountry: text('delivery_country'),
    deliveryPhone: text('delivery_phone'),
    trackingNumber: text('tracking_number'),
    shippedAt: timestampMs('shipped_at'),
    deliveredAt: timestampMs('delivered_at'),
    canceledAt: timestampMs('canceled_at'),
  },
  (t) => [
    index('orders_user_idx').on(t.userId, t.id),
    // Staff's order list by status, and the job that cancels abandoned card orders.
    index('orders_state_idx').on(t.state, t.createdAt),
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
    kind: text('kind', { enum: lineKinds }).notNull().default('product'),
    /** The product sold (null on the shipping line); name and price are kept as they were. */
    productId: integer('product_id').references(() => products.id),
    name: text('name').notNull(),
    unitPriceMinor: int8('unit_price_minor').notNull(),
    quantity: integer('quantity').notNull(),
    /** The line's gross (what the shopper pays for it). */
    amount: int8('amount').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    amountNet: int8('amount_net').notNull().default(0),
    amountTax: int8('amount_tax').notNull().default(0),
    /** Units taken from the product's stock when the order was placed (given back by a cancel). */
    stockReserved: integer('stock_reserved').notNull().default(0),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId)],
);

/** Every change of an order's status, shown to the shopper on My Orders (append-only). */
export const orderEvents = pgTable(
  'order_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    fromState: text('from_state', { enum: orderStates }),
    toState: text('to_state', { enum: orderStates }).notNull(),
    /** Who moved it: staff, the shopper; null for the shop itself (a job, a payment arriving). */
    actorId: integer('actor_id').references(() => users.id),
    trackingNumber: text('tracking_number'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
