import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { cartItems, users, type Product } from '@/db/schema';
import { AppError, type ErrorParams } from '@/lib/errors';
import { isPositiveAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, mergeEntries, type CartEntry } from './cart-entries';
import { getAnyProductsByIds, getProductById, getProductsByIds, isRowId } from './catalog';
import { productImage } from './product-image';

export type { CartEntry } from './cart-entries';

/** Why a line cannot be bought as it stands: none left, or fewer left than it holds (`stock` says how many). */
export type StockProblem = 'out_of_stock' | 'short';

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
  /** Units on hand now; null when the product's stock is not tracked. Nothing is reserved until an order is placed. */
  stock: number | null;
  /** The product's own tax rate in basis points; null: the shop's default (Settings). */
  taxRateBp: number | null;
  /** null when the line can be bought as it stands. */
  stockProblem: StockProblem | null;
};

/** Why a cart line was left out of the priced lines. */
export type UnavailableReason = 'archived' | 'hidden' | 'gone' | 'currency';

/** A cart line whose product left the shop: shown to the shopper as such, never priced or sold. */
export type UnavailableLine = {
  productId: number;
  /** The product's name, or null when the product no longer exists. */
  name: string | null;
  quantity: number;
  reason: UnavailableReason;
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
  /** Those lines, for the cart page to name them. */
  unavailable: UnavailableLine[];
  /** How many priced lines hold more than is in stock (checkout refuses the cart until they are changed). */
  stockProblemCount: number;
  /** A fingerprint of the lines and prices, to notice a cart that changed since it was shown. */
  version: string;
};

/** Why a cart change was refused: a code (the words are the page's: cart.result.*), its params, and English for developers. */
export type CartRefusalCode = 'PRODUCT_NOT_ON_SALE' | 'CART_FULL' | 'NOT_IN_CART' | 'OUT_OF_STOCK' | 'NOT_ENOUGH_STOCK';

export type CartChange = { ok: true } | { ok: false; code: CartRefusalCode; params: ErrorParams; message: string };

/** A cart change refused, as an AppError (for callers that throw). */
export function cartError(change: Extract<CartChange, { ok: false }>): AppError<CartRefusalCode> {
  return new AppError(change.code, change.params, change.message);
}

/** What stock says about holding `quantity` of a product: null (fine), out of stock, or short. */
export function stockProblemOf(product: { stock: number | null }, quantity: number): StockProblem | null {
  if (product.stock === null || quantity <= product.stock) return null;
  return product.stock === 0 ? 'out_of_stock' : 'short';
}

/**
 * The refusal for a cart line that would hold `quantity` of `product` (`inCart` of them already
 * there), or null when stock allows it. A product whose stock is not tracked is never refused.
 */
export function stockRefusal(product: { stock: number | null }, quantity: number, inCart = 0): Extract<CartChange, { ok: false }> | null {
  const problem = stockProblemOf(product, quantity);
  if (problem === null) return null;
  if (problem === 'out_of_stock') return { ok: false, code: 'OUT_OF_STOCK', params: {}, message: 'This product is out of stock.' };
  const left = product.stock ?? 0;
  return { ok: false, code: 'NOT_ENOUGH_STOCK', params: { left, inCart }, message: `Only ${left} left (${inCart} already in the cart).` };
}

/**
 * Prices cart entries from the catalog, in the shop currency. Nothing priced is ever taken from
 * the caller: entries carry only product ids and quantities.
 */
export async function priceCart(q: Query, entries: readonly CartEntry[], currency?: string): Promise<PricedCart> {
  const shopCurrency = currency ?? (await getSettings(q)).currency;
  const catalog = await getAnyProductsByIds(q, entries.map((entry) => entry.productId));
  const lines: CartLine[] = [];
  const unavailable: UnavailableLine[] = [];
  let total = 0;
  let itemCount = 0;
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.quantity) || entry.quantity < 1) continue;
    const product = catalog.get(entry.productId);
    const reason = unavailableReason(product, shopCurrency);
    if (reason !== null || !product) {
      unavailable.push({ productId: entry.productId, name: product?.name ?? null, quantity: entry.quantity, reason: reason ?? 'gone' });
      continue;
    }
    const amount = product.priceMinor * entry.quantity;
    lines.push({
      productId: product.id,
      slug: product.slug,
      name: product.name,
      image: productImage(product),
      unitPriceMinor: product.priceMinor,
      quantity: entry.quantity,
      amount,
      stock: product.stock,
      taxRateBp: product.taxRateBp,
      stockProblem: stockProblemOf(product, entry.quantity),
    });
    total += amount;
    itemCount += entry.quantity;
  }
  if (lines.length > 0 && !isPositiveAmount(total)) throw new RangeError('The cart total is out of range.');
  const fingerprint = JSON.stringify([shopCurrency, lines.map((line) => [line.productId, line.quantity, line.unitPriceMinor])]);
  return {
    lines,
    total,
    currency: shopCurrency,
    itemCount,
    unavailableCount: entries.length - lines.length,
    unavailable,
    stockProblemCount: lines.filter((line) => line.stockProblem !== null).length,
    version: createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22),
  };
}

/** Why a product cannot be sold in the shop now, or null when it can. */
function unavailableReason(product: Product | undefined, currency: string): UnavailableReason | null {
  if (!product) return 'gone';
  if (product.archivedAt) return 'archived';
  if (!product.active) return 'hidden';
  if (product.currency !== currency) return 'currency';
  return null;
}

/** A signed-in shopper's cart entries, oldest line first. */
export async function listCartEntries(q: Query, userId: number): Promise<CartEntry[]> {
  return q
    .select({ productId: cartItems.productId, quantity: cartItems.quantity })
    .from(cartItems)
    .where(eq(cartItems.userId, userId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId));
}

/** A signed-in shopper's cart, priced from the catalog now. */
export async function getCart(q: Query, userId: number): Promise<PricedCart> {
  return priceCart(q, await listCartEntries(q, userId));
}

/** How many items a shopper's cart holds (sum of quantities), counting a not yet merged visitor cart too. */
export async function cartItemCount(q: Query, userId: number, visitorEntries: readonly CartEntry[] = []): Promise<number> {
  if (visitorEntries.length === 0) {
    const [row] = await q
      .select({ count: sql<number>`coalesce(sum(${cartItems.quantity}), 0)`.mapWith(Number) })
      .from(cartItems)
      .where(eq(cartItems.userId, userId));
    return row?.count ?? 0;
  }
  return (await priceCart(q, mergeEntries(await listCartEntries(q, userId), visitorEntries))).itemCount;
}

/** How many items of products on sale a visitor's cart holds. */
export async function visitorCartItemCount(q: Query, entries: readonly CartEntry[]): Promise<number> {
  return entries.length === 0 ? 0 : (await priceCart(q, entries)).itemCount;
}

const notOnSale: CartChange = { ok: false, code: 'PRODUCT_NOT_ON_SALE', params: {}, message: 'This product is no longer available.' };
const tooManyLines: CartChange = { ok: false, code: 'CART_FULL', params: { max: MAX_CART_LINES }, message: `A cart holds at most ${MAX_CART_LINES} different products.` };
const notInCart: CartChange = { ok: false, code: 'NOT_IN_CART', params: {}, message: 'This product is no longer in your cart.' };

/**
 * Makes changes to one shopper's cart take turns until the transaction ends (a no-op UPDATE of
 * their users row locks it on PostgreSQL; SQLite writes take turns anyway), so that the line
 * limit, checked by reading the cart, holds when two requests add products at once.
 */
async function lockCart(tx: Tx, userId: number): Promise<void> {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion}` })
    .where(eq(users.id, userId));
}

/**
 * Adds a product on sale to a shopper's cart (quantities add up, to at most MAX_LINE_QUANTITY).
 * A product out of stock is refused (OUT_OF_STOCK), and so is a line that would hold more than is
 * in stock (NOT_ENOUGH_STOCK, with how many are left). The cart reserves nothing: placing the
 * order takes the units, guarded in its own UPDATE (lib/orders/stock.ts).
 */
export async function addToCart(db: Database, userId: number, productId: number, quantity: number): Promise<CartChange> {
  return db.write((tx) => addToCartIn(tx, userId, productId, quantity));
}

/** addToCart as a step of the caller's write transaction. */
export async function addToCartIn(tx: Tx, userId: number, productId: number, quantity: number): Promise<CartChange> {
  const product = await getProductById(tx, productId);
  if (!product) return notOnSale;
  await lockCart(tx, userId);
  const lines = await listCartEntries(tx, userId);
  const existing = lines.find((line) => line.productId === productId);
  if (!existing && lines.length >= MAX_CART_LINES) return tooManyLines;
  const added = Math.min(quantity, MAX_LINE_QUANTITY);
  const refusal = stockRefusal(product, Math.min((existing?.quantity ?? 0) + added, MAX_LINE_QUANTITY), existing?.quantity ?? 0);
  if (refusal) return refusal;
  await tx
    .insert(cartItems)
    .values({ userId, productId, quantity: added, addedAt: new Date() })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.productId],
      // Portable min(): the quantities add up to at most MAX_LINE_QUANTITY, in the statement itself.
      set: {
        quantity: sql`CASE WHEN ${cartItems.quantity} + ${added} > ${MAX_LINE_QUANTITY} THEN ${MAX_LINE_QUANTITY} ELSE ${cartItems.quantity} + ${added} END`,
      },
    });
  return { ok: true } as const;
}

/** Sets the quantity of a line already in a shopper's cart; more than is in stock is refused. */
export async function setCartQuantity(db: Database, userId: number, productId: number, quantity: number): Promise<CartChange> {
  if (!isRowId(productId)) return notInCart;
  return db.write(async (tx) => {
    const wanted = Math.min(quantity, MAX_LINE_QUANTITY);
    const product = await getProductById(tx, productId);
    if (product) {
      const [line] = await tx
        .select({ quantity: cartItems.quantity })
        .from(cartItems)
        .where(and(eq(cartItems.userId, userId), eq(cartItems.productId, productId)));
      if (!line) return notInCart;
      const refusal = stockRefusal(product, wanted);
      if (refusal) return refusal;
    }
    const updated = await tx
      .update(cartItems)
      .set({ quantity: wanted })
      .where(and(eq(cartItems.userId, userId), eq(cartItems.productId, productId)))
      .returning({ productId: cartItems.productId });
    return updated.length === 1 ? ({ ok: true } as const) : notInCart;
  });
}

/** Removes a product from a shopper's cart (nothing happens if it was not there). */
export async function removeFromCart(db: Database, userId: number, productId: number): Promise<void> {
  if (!isRowId(productId)) return;
  await db.write(async (tx) => {
    await tx.delete(cartItems).where(and(eq(cartItems.userId, userId), eq(cartItems.productId, productId)));
  });
}

/** Empties a shopper's cart, as a step of the caller's transaction. */
export async function clearCart(tx: Tx, userId: number): Promise<void> {
  await tx.delete(cartItems).where(eq(cartItems.userId, userId));
}

/**
 * Takes a shopper's cart for an order: deletes its lines and returns them, oldest first, in one
 * statement. Two checkouts of the same cart at once (two tabs, two app servers) cannot both take a
 * line: on PostgreSQL the second DELETE waits for the first and then finds the line gone. A
 * rollback (an order refused later in the transaction) puts the cart back.
 */
export async function takeCartEntries(tx: Tx, userId: number): Promise<CartEntry[]> {
  const taken = await tx
    .delete(cartItems)
    .where(eq(cartItems.userId, userId))
    .returning({ productId: cartItems.productId, quantity: cartItems.quantity, addedAt: cartItems.addedAt });
  return taken
    .sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.productId - b.productId)
    .map(({ productId, quantity }) => ({ productId, quantity }));
}

/**
 * Moves a visitor's cart into the shopper's server cart when they sign in: new lines are added,
 * a product in both keeps the larger quantity, unknown products are ignored. Running it twice
 * with the same visitor cart changes nothing more.
 */
export async function mergeVisitorCart(db: Database, userId: number, visitorEntries: readonly CartEntry[]): Promise<void> {
  if (visitorEntries.length === 0) return;
  await db.write(async (tx) => {
    await lockCart(tx, userId);
    const onSale = await getProductsByIds(tx, visitorEntries.map((entry) => entry.productId));
    const current = await listCartEntries(tx, userId);
    const merged = mergeEntries(
      current,
      visitorEntries.filter((entry) => onSale.has(entry.productId)),
    );
    const now = Date.now();
    for (const [index, entry] of merged.entries()) {
      const before = current.find((line) => line.productId === entry.productId);
      if (before?.quantity === entry.quantity) continue;
      await tx
        .insert(cartItems)
        .values({ userId, productId: entry.productId, quantity: entry.quantity, addedAt: new Date(now + index) })
        .onConflictDoUpdate({ target: [cartItems.userId, cartItems.productId], set: { quantity: entry.quantity } });
    }
  });
}
