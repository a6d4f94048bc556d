import crypto from 'node:crypto';
import { db } from '@/db/client';
import { products, type Product } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';
import { addToCart, clearCart } from '@/lib/shop/cart';

/** A product on sale for tests, priced in minor units. */
export function insertTestProduct(priceMinor: number, overrides: Partial<typeof products.$inferInsert> = {}): Product {
  const tag = crypto.randomUUID().slice(0, 8);
  return db
    .insert(products)
    .values({
      slug: `product-${tag}`,
      name: `Product ${tag}`,
      description: 'A test product.',
      priceMinor,
      currency: 'USD',
      image: '/products/ceramic-mug.svg',
      ...overrides,
    })
    .returning()
    .get();
}

/** Puts money in a wallet as a card top-up would. */
export function fundTestWallet(userId: number, amountMinor: number, currency = 'USD'): void {
  postTransfer({
    debit: { system: 'card_clearing', currency },
    credit: { wallet: userId, currency },
    amount: amountMinor,
    currency,
    kind: 'deposit_card',
    idempotencyKey: `test-fund:${crypto.randomUUID()}`,
    description: 'Top-up by card (test)',
  });
}

/** Replaces a shopper's cart with these products and quantities. */
export function fillTestCart(userId: number, lines: { product: Product; quantity: number }[]): void {
  clearCart(userId);
  for (const line of lines) {
    const added = addToCart(userId, line.product.id, line.quantity);
    if (!added.ok) throw new Error(added.message);
  }
}
