import { eq } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { products } from '@/db/schema';
import { searchKey } from '@/lib/text/turkish';

/**
 * What the shop's product search compares: name and description folded by searchKey, so "ISIL",
 * "ışıl" and "isil" find "Işıl" alike on both engines. Written on every insert and edit.
 */
export function productSearchKey(product: { name: string; description: string }): string {
  return searchKey(`${product.name} ${product.description}`);
}

/** Gives every product without a search key its key (rows from before the column); returns how many. */
export async function backfillProductSearchKeys(db: Database): Promise<number> {
  return db.write(async (tx) => {
    const missing = await tx
      .select({ id: products.id, name: products.name, description: products.description })
      .from(products)
      .where(eq(products.searchKey, ''));
    for (const product of missing) await tx.update(products).set({ searchKey: productSearchKey(product) }).where(eq(products.id, product.id));
    return missing.length;
  });
}
