import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { products, type Product } from '@/db/schema';

/** A value that can be a row id on either engine (PostgreSQL's integer stops at 2^31 - 1). */
export function isRowId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;
}

/** Products on sale, in catalog order. */
export async function listProducts(q: Query): Promise<Product[]> {
  return q.select().from(products).where(eq(products.active, true)).orderBy(asc(products.id));
}

/** A product on sale by its slug, or undefined. */
export async function getProductBySlug(q: Query, slug: string): Promise<Product | undefined> {
  const [product] = await q
    .select()
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.active, true)));
  return product;
}

/** A product on sale by its id, or undefined. */
export async function getProductById(q: Query, id: number): Promise<Product | undefined> {
  if (!isRowId(id)) return undefined;
  const [product] = await q
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.active, true)));
  return product;
}

/** The products on sale among `ids`, by id (missing or withdrawn ones are simply absent). */
export async function getProductsByIds(q: Query, ids: readonly number[]): Promise<Map<number, Product>> {
  const wanted = ids.filter(isRowId);
  if (wanted.length === 0) return new Map();
  const rows = await q
    .select()
    .from(products)
    .where(and(inArray(products.id, wanted), eq(products.active, true)));
  return new Map(rows.map((product) => [product.id, product]));
}
