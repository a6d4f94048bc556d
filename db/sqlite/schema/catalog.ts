import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A shelf of the shop: the storefront lists its active products at /category/<slug>. */
export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    /** Unit price in minor units of `currency`, tax included or not as Settings say. */
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    /** The image's path: a file of public/ or an uploaded image (lib/catalog/images); null: none. */
    image: text('image'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    categoryId: integer('category_id').references(() => categories.id),
    /** Units on hand; null when stock is not tracked. Placing an order takes from it (never below 0). */
    stock: integer('stock'),
    /** Tax rate in basis points (1800 = 18 %); null: the shop's default rate. */
    taxRateBp: integer('tax_rate_bp'),
    /** Name and description folded for search (lib/text/turkish searchKey), written by the app. */
    searchKey: text('search_key').notNull().default(''),
    /** Archived products leave the shop and the staff list, and stay on past orders and invoices. */
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    // The storefront's category pages and the staff list's category filter.
    index('products_category_idx').on(t.categoryId),
    check('products_stock_not_negative', sql`${t.stock} IS NULL OR ${t.stock} >= 0`),
    check('products_tax_rate_bounds', sql`${t.taxRateBp} IS NULL OR (${t.taxRateBp} >= 0 AND ${t.taxRateBp} <= 10000)`),
  ],
);

export type Category = typeof categories.$inferSelect;
export type Product = typeof products.$inferSelect;
