import crypto from 'node:crypto';
import type { Database } from '@/db/database';
import { products, type Product } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';
import { addToCart, clearCart } from '@/lib/shop/cart';

/** A product on sale for tests, priced in minor units. */
export async function insertTestProduct(
  db: Database,
  priceMinor: number,
  overrides: Partial<typeof products.$inferInsert> = {},
): Promise<Product> {
  const tag = crypto.randomUUID().slice(0, 8);
  const [product] = await db.write((tx) =>
    tx
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
      .returning(),
  );
  if (!product) throw new Error('The test product was not inserted.');
  return product;
}

/** Puts money in a wallet as a card top-up would. */
export async function fundTestWallet(db: Database, userId: number, amountMinor: number, currency = 'USD'): Promise<void> {
  await db.write((tx) =>
    postTransfer(tx, {
      debit: { system: 'card_clearing', currency },
      credit: { wallet: userId, currency },
      amount: amountMinor,
      currency,
      kind: 'deposit_card',
      idempotencyKey: `test-fund:${crypto.randomUUID()}`,
      description: { code: 'topUpCard', params: { reference: 'test' } },
    }),
  );
}

/** Replaces a shopper's cart with these products and quantities. */
export async function fillTestCart(db: Database, userId: number, lines: { product: Product; quantity: number }[]): Promise<void> {
  await db.write((tx) => clearCart(tx, userId));
  for (const line of lines) {
    const added = await addToCart(db, userId, line.product.id, line.quantity);
    if (!added.ok) throw new Error(added.message);
  }
}
