import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { int8 } from './columns';

export const products = pgTable('products', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  /** Unit price in minor units of `currency`. */
  priceMinor: int8('price_minor').notNull(),
  currency: text('currency').notNull(),
  image: text('image').notNull(),
  active: boolean('active').notNull().default(true),
});

export type Product = typeof products.$inferSelect;
