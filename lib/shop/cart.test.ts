import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { products } from '@/db/schema';
import { insertTestUser } from '@/test/helpers/users';
import { insertTestProduct } from '@/lib/checkout/test-helpers';
import {
  addToCart,
  cartItemCount,
  getCart,
  listCartEntries,
  mergeVisitorCart,
  priceCart,
  removeFromCart,
  setCartQuantity,
  visitorCartItemCount,
} from './cart';
import { addEntry, MAX_CART_LINES, mergeEntries, parseVisitorCart, serializeVisitorCart } from './cart-entries';

describe('cart totals', () => {
  it('prices each line from the catalog and adds them up in minor units', () => {
    const tote = insertTestProduct(2450);
    const mug = insertTestProduct(1800);
    const chair = insertTestProduct(75_000);
    const cart = priceCart(
      [
        { productId: tote.id, quantity: 3 },
        { productId: mug.id, quantity: 1 },
        { productId: chair.id, quantity: 2 },
      ],
      'USD',
    );
    expect(cart.lines.map((line) => [line.name, line.unitPriceMinor, line.quantity, line.amount])).toEqual([
      [tote.name, 2450, 3, 7350],
      [mug.name, 1800, 1, 1800],
      [chair.name, 75_000, 2, 150_000],
    ]);
    expect(cart).toMatchObject({ total: 159_150, itemCount: 6, currency: 'USD', unavailableCount: 0 });
  });

  it.each([
    [[1, 1, 1], 3],
    [[10, 20, 30], 60],
    [[1999, 1], 2000],
    [[99 * 19_900], 99 * 19_900],
  ])('adds line amounts %j exactly to %i', (amounts, total) => {
    const entries = amounts.map((price) => ({ productId: insertTestProduct(price).id, quantity: 1 }));
    expect(priceCart(entries, 'USD').total).toBe(total);
  });

  it('leaves out withdrawn, unknown and other-currency products', () => {
    const kept = insertTestProduct(500);
    const withdrawn = insertTestProduct(700, { active: false });
    const euro = insertTestProduct(900, { currency: 'EUR' });
    const cart = priceCart(
      [
        { productId: kept.id, quantity: 2 },
        { productId: withdrawn.id, quantity: 1 },
        { productId: euro.id, quantity: 1 },
        { productId: 987_654, quantity: 1 },
      ],
      'USD',
    );
    expect(cart.lines.map((line) => line.productId)).toEqual([kept.id]);
    expect(cart).toMatchObject({ total: 1000, itemCount: 2, unavailableCount: 3 });
  });

  it('changes its version when a price or a quantity changes, and only then', () => {
    const product = insertTestProduct(1000);
    const entries = [{ productId: product.id, quantity: 1 }];
    const before = priceCart(entries, 'USD').version;
    expect(priceCart(entries, 'USD').version).toBe(before);
    expect(priceCart([{ productId: product.id, quantity: 2 }], 'USD').version).not.toBe(before);
    db.update(products).set({ priceMinor: 1001 }).where(eq(products.id, product.id)).run();
    expect(priceCart(entries, 'USD').version).not.toBe(before);
  });
});

describe("a signed-in shopper's cart", () => {
  it('adds, changes and removes lines; quantities add up to at most 99', () => {
    const shopper = insertTestUser();
    const mug = insertTestProduct(1800);
    const pan = insertTestProduct(5500);
    expect(addToCart(shopper.id, mug.id, 2)).toEqual({ ok: true });
    expect(addToCart(shopper.id, pan.id, 1)).toEqual({ ok: true });
    expect(addToCart(shopper.id, mug.id, 3)).toEqual({ ok: true });
    expect(listCartEntries(shopper.id)).toEqual([
      { productId: mug.id, quantity: 5 },
      { productId: pan.id, quantity: 1 },
    ]);
    expect(cartItemCount(shopper.id)).toBe(6);
    addToCart(shopper.id, mug.id, 99);
    expect(getCart(shopper.id).lines[0]?.quantity).toBe(99);
    expect(setCartQuantity(shopper.id, mug.id, 4)).toEqual({ ok: true });
    removeFromCart(shopper.id, pan.id);
    expect(getCart(shopper.id)).toMatchObject({ total: 7200, itemCount: 4 });
    expect(setCartQuantity(shopper.id, pan.id, 1).ok).toBe(false);
  });

  it('refuses products that are not on sale', () => {
    const shopper = insertTestUser();
    const withdrawn = insertTestProduct(700, { active: false });
    expect(addToCart(shopper.id, withdrawn.id, 1)).toEqual({ ok: false, message: 'This product is no longer available.' });
    expect(addToCart(shopper.id, 123_456_789, 1).ok).toBe(false);
    expect(listCartEntries(shopper.id)).toEqual([]);
  });

  it('keeps each shopper to their own cart', () => {
    const first = insertTestUser();
    const second = insertTestUser();
    const product = insertTestProduct(100);
    addToCart(first.id, product.id, 1);
    expect(listCartEntries(second.id)).toEqual([]);
  });
});

describe('the visitor cart cookie', () => {
  it('round-trips ids and quantities', () => {
    const entries = [
      { productId: 12, quantity: 2 },
      { productId: 5, quantity: 99 },
    ];
    expect(serializeVisitorCart(entries)).toBe('12:2|5:99');
    expect(parseVisitorCart(serializeVisitorCart(entries))).toEqual(entries);
  });

  it.each([
    [undefined, []],
    ['', []],
    ['garbage', []],
    ['12:2|12:5', [{ productId: 12, quantity: 2 }]],
    ['0:1|-3:2|4:0|5:1', [{ productId: 5, quantity: 1 }]],
    ['7:100|8:1.5|9:1e2|10:3', [{ productId: 10, quantity: 3 }]],
    ['1:1|2:1;price=0', [{ productId: 1, quantity: 1 }]],
    ['{"productId":1,"price":1}', []],
    ['1:1|' + 'x'.repeat(3000), []],
  ])('distrusts %j', (cookie, expected) => {
    expect(parseVisitorCart(cookie)).toEqual(expected);
  });

  it('holds at most 50 lines', () => {
    const cookie = Array.from({ length: 80 }, (_, i) => `${i + 1}:1`).join('|');
    expect(parseVisitorCart(cookie)).toHaveLength(MAX_CART_LINES);
    let entries = parseVisitorCart(cookie);
    entries = addEntry(entries, 999, 1);
    expect(entries).toHaveLength(MAX_CART_LINES);
  });

  it('counts only products on sale', () => {
    const product = insertTestProduct(100);
    expect(visitorCartItemCount([{ productId: product.id, quantity: 3 }, { productId: 999_999, quantity: 5 }])).toBe(3);
  });
});

describe('merging a visitor cart at sign-in', () => {
  it('adds new lines and keeps the larger quantity of a product in both', () => {
    expect(
      mergeEntries(
        [
          { productId: 1, quantity: 2 },
          { productId: 2, quantity: 1 },
        ],
        [
          { productId: 2, quantity: 3 },
          { productId: 3, quantity: 1 },
          { productId: 1, quantity: 1 },
        ],
      ),
    ).toEqual([
      { productId: 1, quantity: 2 },
      { productId: 2, quantity: 3 },
      { productId: 3, quantity: 1 },
    ]);
  });

  it('survives sign-in: the server cart holds the visitor lines, and a second merge changes nothing', () => {
    const shopper = insertTestUser();
    const mug = insertTestProduct(1800);
    const lamp = insertTestProduct(12_900);
    addToCart(shopper.id, mug.id, 1);
    const visitor = [
      { productId: lamp.id, quantity: 2 },
      { productId: mug.id, quantity: 3 },
      { productId: 999_999, quantity: 1 },
    ];
    expect(cartItemCount(shopper.id, visitor)).toBe(5);
    mergeVisitorCart(shopper.id, visitor);
    const merged = listCartEntries(shopper.id);
    expect(merged).toEqual([
      { productId: mug.id, quantity: 3 },
      { productId: lamp.id, quantity: 2 },
    ]);
    mergeVisitorCart(shopper.id, visitor);
    expect(listCartEntries(shopper.id)).toEqual(merged);
    expect(cartItemCount(shopper.id)).toBe(5);
  });
});
