import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const products = sqliteTable('products', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  /** Unit price in minor units of `currency`. */
  priceMinor: integer('price_minor').notNull(),
  currency: text('currency').notNull(),
  image: text('image').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export type Product = typeof products.$inferSelect;
