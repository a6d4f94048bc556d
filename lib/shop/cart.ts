import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { cartItems } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { isPositiveAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, mergeEntries, type CartEntry } from './cart-entries';
import { getProductById, getProductsByIds } from './catalog';

export type { CartEntry } from './cart-entries';

/** A priced cart line: the unit price comes from the catalog at the moment of pricing. */
export type CartLine = {
  productId: number;
  slug: string;
  name: string;
  image: string;
  unitPriceMinor: number;
  quantity: number;
  /** unitPriceMinor × quantity, in minor units. */
  amount: number;
};

export type PricedCart = {
  lines: CartLine[];
  /** Sum of the line amounts, in minor units of `currency`. */
  total: number;
  currency: string;
  /** Sum of the quantities. */
  itemCount: number;
  /** Lines left out because the product is no longer on sale (or not sold in the shop currency). */
  unavailableCount: number;
  /** A fingerprint of the lines and prices, to notice a cart that changed since it was shown. */
  version: string;
};

export type CartChange = { ok: true } | { ok: false; message: string };

/**
 * Prices cart entries from the catalog, in the shop currency. Nothing priced is ever taken from
 * the caller: entries carry only product ids and quantities.
 */
export function priceCart(entries: readonly CartEntry[], currency: string = getSettings().currency): PricedCart {
  const catalog = getProductsByIds(entries.map((entry) => entry.productId));
  const lines: CartLine[] = [];
  let total = 0;
  let itemCount = 0;
  for (const entry of entries) {
    const product = catalog.get(entry.productId);
    if (!product || product.currency !== currency || !Number.isSafeInteger(entry.quantity) || entry.quantity < 1) continue;
    const amount = product.priceMinor * entry.quantity;
    lines.push({
      productId: product.id,
      slug: product.slug,
      name: product.name,
      image: product.image,
      unitPriceMinor: product.priceMinor,
      quantity: entry.quantity,
      amount,
    });
    total += amount;
    itemCount += entry.quantity;
  }
  if (lines.length > 0 && !isPositiveAmount(total)) throw new RangeError('The cart total is out of range.');
  const fingerprint = JSON.stringify([currency, lines.map((line) => [line.productId, line.quantity, line.unitPriceMinor])]);
  return {
    lines,
    total,
    currency,
    itemCount,
    unavailableCount: entries.length - lines.length,
    version: createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22),
  };
}

/** A signed-in shopper's cart entries, oldest line first. */
export function listCartEntries(userId: number): CartEntry[] {
  return db
    .select({ productId: cartItems.productId, quantity: cartItems.quantity })
    .from(cartItems)
    .where(eq(cartItems.userId, userId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId))
    .all();
}

/** A signed-in shopper's cart, priced from the catalog now. */
export function getCart(userId: number): PricedCart {
  return priceCart(listCartEntries(userId));
}

/** How many items a shopper's cart holds (sum of quantities), counting a not yet merged visitor cart too. */
export function cartItemCount(userId: number, visitorEntries: readonly CartEntry[] = []): number {
  if (visitorEntries.length === 0) {
    const row = db
      .select({ count: sql<number>`coalesce(sum(${cartItems.quantity}), 0)` })
      .from(cartItems)
      .where(eq(cartItems.userId, userId))
      .get();
    return row?.count ?? 0;
  }
  return priceCart(mergeEntries(listCartEntries(userId), visitorEntries)).itemCount;
}

/** How many items of products on sale a visitor's cart holds. */
export function visitorCartItemCount(entries: readonly CartEntry[]): number {
  return entries.length === 0 ? 0 : priceCart(entries).itemCount;
}

const notOnSale: CartChange = { ok: false, message: 'This product is no longer available.' };
const tooManyLines: CartChange = { ok: false, message: `A cart holds at most ${MAX_CART_LINES} different products.` };

/** Adds a product on sale to a shopper's cart (quantities add up, to at most MAX_LINE_QUANTITY). */
export function addToCart(userId: number, productId: number, quantity: number): CartChange {
  return writeTransaction(() => {
    if (!getProductById(productId)) return notOnSale;
    const lines = listCartEntries(userId);
    if (!lines.some((line) => line.productId === productId) && lines.length >= MAX_CART_LINES) return tooManyLines;
    db.insert(cartItems)
      .values({ userId, productId, quantity: Math.min(quantity, MAX_LINE_QUANTITY), addedAt: new Date() })
      .onConflictDoUpdate({
        target: [cartItems.userId, cartItems.productId],
        set: { quantity: sql`min(${cartItems.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})` },
      })
      .run();
    return { ok: true };
  });
}

/** Sets the quantity of a line already in a shopper's cart. */
export function setCartQuantity(userId: number, productId: number, quantity: number): CartChange {
  const updated = db
    .update(cartItems)
    .set({ quantity: Math.min(quantity, MAX_LINE_QUANTITY) })
    .where(and(eq(cartItems.userId, userId), eq(cartItems.productId, productId)))
    .run();
  return updated.changes === 1 ? { ok: true } : { ok: false, message: 'This product is no longer in your cart.' };
}

/** Removes a product from a shopper's cart (nothing happens if it was not there). */
export function removeFromCart(userId: number, productId: number): void {
  db.delete(cartItems)
    .where(and(eq(cartItems.userId, userId), eq(cartItems.productId, productId)))
    .run();
}

/** Empties a shopper's cart (after an order is placed). */
export function clearCart(userId: number): void {
  db.delete(cartItems).where(eq(cartItems.userId, userId)).run();
}

/**
 * Moves a visitor's cart into the shopper's server cart when they sign in: new lines are added,
 * a product in both keeps the larger quantity, unknown products are ignored. Running it twice
 * with the same visitor cart changes nothing more.
 */
export function mergeVisitorCart(userId: number, visitorEntries: readonly CartEntry[]): void {
  if (visitorEntries.length === 0) return;
  writeTransaction(() => {
    const onSale = getProductsByIds(visitorEntries.map((entry) => entry.productId));
    const current = listCartEntries(userId);
    const merged = mergeEntries(
      current,
      visitorEntries.filter((entry) => onSale.has(entry.productId)),
    );
    const now = Date.now();
    merged.forEach((entry, index) => {
      const before = current.find((line) => line.productId === entry.productId);
      if (before?.quantity === entry.quantity) return;
      db.insert(cartItems)
        .values({ userId, productId: entry.productId, quantity: entry.quantity, addedAt: new Date(now + index) })
        .onConflictDoUpdate({ target: [cartItems.userId, cartItems.productId], set: { quantity: entry.quantity } })
        .run();
    });
  });
}
