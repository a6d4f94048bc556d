import { and, eq, gt, gte, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/database';
import { orderLines, products } from '@/db/schema';
import { AppError } from '@/lib/errors';

/**
 * Stock taken by orders and given back by cancels. Like the ledger's overdraft guard, the guard
 * is in the UPDATE itself (`… WHERE stock >= n RETURNING`), never a read before the write: two
 * shoppers racing for the last item cannot both get it, on either engine.
 */

/**
 * A tracked product has fewer units than a line asks for: `name` (the product's name now) and
 * `left` (units on hand, 0 when it is sold out). The transaction must roll back.
 */
export class OutOfStockError extends AppError<'OUT_OF_STOCK'> {
  constructor(params: { productId: number; name: string; left: number }) {
    super('OUT_OF_STOCK', params, `Only ${params.left} of ${params.name} left.`);
    this.name = 'OutOfStockError';
  }
}

export type StockLine = { productId: number; quantity: number };

/**
 * Takes each line's quantity from its product's stock, as a step of the transaction that places
 * the order. Returns the units taken per line, in the order of `lines` (0 for a product whose stock
 * is not tracked): store them as order_lines.stockReserved. Throws OutOfStockError for the first
 * tracked product that has too few; the caller's transaction rolls back, so nothing stays taken.
 * Products are updated in id order, so two orders never wait for each other's rows crosswise.
 */
export async function reserveStock(tx: Tx, lines: readonly StockLine[]): Promise<number[]> {
  const reserved = new Array<number>(lines.length).fill(0);
  const order = lines.map((line, index) => ({ ...line, index })).sort((a, b) => a.productId - b.productId);
  for (const line of order) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new RangeError(`reserveStock: ${line.quantity} is not a quantity`);
    const [taken] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}` })
      .where(and(eq(products.id, line.productId), or(isNull(products.stock), gte(products.stock, line.quantity))))
      .returning({ stock: products.stock });
    if (!taken) {
      // Refused: read what is left, only to say so.
      const [product] = await tx.select({ name: products.name, stock: products.stock }).from(products).where(eq(products.id, line.productId));
      throw new OutOfStockError({ productId: line.productId, name: product?.name ?? '', left: Math.max(product?.stock ?? 0, 0) });
    }
    reserved[line.index] = taken.stock === null ? 0 : line.quantity;
  }
  return reserved;
}

/**
 * Gives back the stock an order's lines took, exactly once however often it is called (a cancel
 * clicked twice, a job and staff at once): each line's stockReserved is set to 0 by an UPDATE
 * guarded by the value read, and only the caller whose UPDATE matched adds the units back. A step
 * of the cancel's transaction. Returns the units given back (0 the second time). A product whose
 * stock is no longer tracked gets nothing back.
 */
export async function releaseStock(tx: Tx, orderId: number): Promise<number> {
  const lines = await tx
    .select({ id: orderLines.id, productId: orderLines.productId, stockReserved: orderLines.stockReserved })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), gt(orderLines.stockReserved, 0)))
    .orderBy(orderLines.productId, orderLines.id);
  let released = 0;
  for (const line of lines) {
    const [claimed] = await tx
      .update(orderLines)
      .set({ stockReserved: 0 })
      .where(and(eq(orderLines.id, line.id), eq(orderLines.stockReserved, line.stockReserved)))
      .returning({ id: orderLines.id });
    if (!claimed || line.productId === null) continue;
    const [restocked] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.stockReserved}` })
      .where(and(eq(products.id, line.productId), isNotNull(products.stock)))
      .returning({ id: products.id });
    if (restocked) released += line.stockReserved;
  }
  return released;
}
