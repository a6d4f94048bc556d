/** What a cart holds before it is priced: which product and how many. Never a price. */
export type CartEntry = { productId: number; quantity: number };

/** The most of one product a cart line can hold. */
export const MAX_LINE_QUANTITY = 99;
/** The most different products one cart can hold. */
export const MAX_CART_LINES = 50;

function clampQuantity(quantity: number): number {
  return Math.min(Math.max(Math.trunc(quantity), 1), MAX_LINE_QUANTITY);
}

/** Adds `quantity` of a product (at most MAX_LINE_QUANTITY on one line); the newest line goes last. */
export function addEntry(entries: readonly CartEntry[], productId: number, quantity: number): CartEntry[] {
  const existing = entries.find((entry) => entry.productId === productId);
  if (existing) return setEntry(entries, productId, existing.quantity + quantity);
  if (entries.length >= MAX_CART_LINES) return [...entries];
  return [...entries, { productId, quantity: clampQuantity(quantity) }];
}

/** Sets a line's quantity (the line must exist; otherwise nothing changes). */
export function setEntry(entries: readonly CartEntry[], productId: number, quantity: number): CartEntry[] {
  return entries.map((entry) => (entry.productId === productId ? { productId, quantity: clampQuantity(quantity) } : entry));
}

/** Removes a product's line. */
export function removeEntry(entries: readonly CartEntry[], productId: number): CartEntry[] {
  return entries.filter((entry) => entry.productId !== productId);
}

/**
 * A visitor's cart merged into a shopper's cart: lines only the visitor had are added, and where
 * both hold a product the larger quantity is kept. Merging the same visitor cart twice therefore
 * changes nothing the second time (a retried sign-in never doubles a quantity).
 */
export function mergeEntries(server: readonly CartEntry[], visitor: readonly CartEntry[]): CartEntry[] {
  let merged = [...server];
  for (const entry of visitor) {
    const existing = merged.find((line) => line.productId === entry.productId);
    if (!existing) merged = addEntry(merged, entry.productId, entry.quantity);
    else if (entry.quantity > existing.quantity) merged = setEntry(merged, entry.productId, entry.quantity);
  }
  return merged;
}

const segmentPattern = /^(\d{1,9}):(\d{1,2})$/;

/**
 * A visitor cart cookie ("12:2|5:1": product id and quantity, nothing else) read back, distrusting
 * every part: malformed segments, zero quantities and repeats are dropped, sizes are capped.
 * Whether the products exist and what they cost is decided later, from the catalog.
 */
export function parseVisitorCart(value: string | undefined | null): CartEntry[] {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2_000) return [];
  const entries: CartEntry[] = [];
  for (const segment of value.split('|')) {
    const match = segmentPattern.exec(segment);
    if (!match) continue;
    const productId = Number(match[1]);
    const quantity = Number(match[2]);
    if (productId < 1 || quantity < 1 || entries.some((entry) => entry.productId === productId)) continue;
    if (entries.length >= MAX_CART_LINES) break;
    entries.push({ productId, quantity: clampQuantity(quantity) });
  }
  return entries;
}

/** The cookie value for a visitor cart (the inverse of parseVisitorCart). */
export function serializeVisitorCart(entries: readonly CartEntry[]): string {
  return entries
    .slice(0, MAX_CART_LINES)
    .map((entry) => `${entry.productId}:${clampQuantity(entry.quantity)}`)
    .join('|');
}
