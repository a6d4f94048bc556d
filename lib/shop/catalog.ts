import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { products, type Product } from '@/db/schema';

/** Products on sale, in catalog order. */
export function listProducts(): Product[] {
  return db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.id)).all();
}

/** A product on sale by its slug, or undefined. */
export function getProductBySlug(slug: string): Product | undefined {
  return db
    .select()
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.active, true)))
    .get();
}

/** A product on sale by its id, or undefined. */
export function getProductById(id: number): Product | undefined {
  return db
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.active, true)))
    .get();
}

/** The products on sale among `ids`, by id (missing or withdrawn ones are simply absent). */
export function getProductsByIds(ids: readonly number[]): Map<number, Product> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select()
    .from(products)
    .where(and(inArray(products.id, [...ids]), eq(products.active, true)))
    .all();
  return new Map(rows.map((product) => [product.id, product]));
}
