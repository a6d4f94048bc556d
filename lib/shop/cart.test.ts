import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { cartItems, products } from '@/db/schema';
import { insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import {
  addToCart,
  addToCartIn,
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

const db = getDatabase();

describe('cart totals', () => {
  it('prices each line from the catalog and adds them up in minor units', async () => {
    const tote = await insertTestProduct(db, 2450);
    const mug = await insertTestProduct(db, 1800);
    const chair = await insertTestProduct(db, 75_000);
    const cart = await priceCart(
      db.read,
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
  ])('adds line amounts %j exactly to %i', async (amounts, total) => {
    const entries = [];
    for (const price of amounts) entries.push({ productId: (await insertTestProduct(db, price)).id, quantity: 1 });
    expect((await priceCart(db.read, entries, 'USD')).total).toBe(total);
  });

  it('leaves out withdrawn, unknown and other-currency products', async () => {
    const kept = await insertTestProduct(db, 500);
    const withdrawn = await insertTestProduct(db, 700, { active: false });
    const euro = await insertTestProduct(db, 900, { currency: 'EUR' });
    const cart = await priceCart(
      db.read,
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

  it('changes its version when a price or a quantity changes, and only then', async () => {
    const product = await insertTestProduct(db, 1000);
    const entries = [{ productId: product.id, quantity: 1 }];
    const before = (await priceCart(db.read, entries, 'USD')).version;
    expect((await priceCart(db.read, entries, 'USD')).version).toBe(before);
    expect((await priceCart(db.read, [{ productId: product.id, quantity: 2 }], 'USD')).version).not.toBe(before);
    await db.write((tx) => tx.update(products).set({ priceMinor: 1001 }).where(eq(products.id, product.id)));
    expect((await priceCart(db.read, entries, 'USD')).version).not.toBe(before);
  });
});

describe("a signed-in shopper's cart", () => {
  it('adds, changes and removes lines; quantities add up to at most 99', async () => {
    const shopper = await insertTestUser(db);
    const mug = await insertTestProduct(db, 1800);
    const pan = await insertTestProduct(db, 5500);
    expect(await addToCart(db, shopper.id, mug.id, 2)).toEqual({ ok: true });
    expect(await addToCart(db, shopper.id, pan.id, 1)).toEqual({ ok: true });
    expect(await addToCart(db, shopper.id, mug.id, 3)).toEqual({ ok: true });
    expect(await listCartEntries(db.read, shopper.id)).toEqual([
      { productId: mug.id, quantity: 5 },
      { productId: pan.id, quantity: 1 },
    ]);
    expect(await cartItemCount(db.read, shopper.id)).toBe(6);
    await addToCart(db, shopper.id, mug.id, 99);
    expect((await getCart(db.read, shopper.id)).lines[0]?.quantity).toBe(99);
    expect(await setCartQuantity(db, shopper.id, mug.id, 4)).toEqual({ ok: true });
    await removeFromCart(db, shopper.id, pan.id);
    expect(await getCart(db.read, shopper.id)).toMatchObject({ total: 7200, itemCount: 4 });
    expect((await setCartQuantity(db, shopper.id, pan.id, 1)).ok).toBe(false);
  });

  it('refuses products that are not on sale', async () => {
    const shopper = await insertTestUser(db);
    const withdrawn = await insertTestProduct(db, 700, { active: false });
    expect(await addToCart(db, shopper.id, withdrawn.id, 1)).toEqual({ ok: false, code: 'PRODUCT_NOT_ON_SALE', params: {}, message: 'This product is no longer available.' });
    expect((await addToCart(db, shopper.id, 123_456_789, 1)).ok).toBe(false);
    expect(await listCartEntries(db.read, shopper.id)).toEqual([]);
  });

  it('keeps each shopper to their own cart', async () => {
    const first = await insertTestUser(db);
    const second = await insertTestUser(db);
    const product = await insertTestProduct(db, 100);
    await addToCart(db, first.id, product.id, 1);
    expect(await listCartEntries(db.read, second.id)).toEqual([]);
  });

  it(`never holds more than ${MAX_CART_LINES} different products, also when products are added at once`, async () => {
    const shopper = await insertTestUser(db);
    for (let i = 1; i < MAX_CART_LINES; i += 1) await addToCart(db, shopper.id, (await insertTestProduct(db, 100)).id, 1);
    const more = [];
    for (let i = 0; i < 6; i += 1) more.push(await insertTestProduct(db, 100));
    // On PostgreSQL these run in parallel transactions: each saw 49 lines before the lock.
    const results = await Promise.all(more.map((product) => addToCart(db, shopper.id, product.id, 1)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array(5).fill({ ok: false, code: 'CART_FULL', params: { max: MAX_CART_LINES }, message: `A cart holds at most ${MAX_CART_LINES} different products.` }),
    );
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(MAX_CART_LINES);
    await mergeVisitorCart(db, shopper.id, more.map((product) => ({ productId: product.id, quantity: 2 })));
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(MAX_CART_LINES);
  });

  it('adds as a step of the caller\'s transaction, and a rollback takes the line back', async () => {
    const shopper = await insertTestUser(db);
    const mug = await insertTestProduct(db, 1800);
    const withdrawn = await insertTestProduct(db, 700, { active: false });
    await expect(
      db.write(async (tx) => {
        expect(await addToCartIn(tx, shopper.id, mug.id, 2)).toEqual({ ok: true });
        expect(await listCartEntries(tx, shopper.id)).toEqual([{ productId: mug.id, quantity: 2 }]);
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    expect(await db.read.select().from(cartItems).where(eq(cartItems.userId, shopper.id))).toEqual([]);
    expect(await db.write((tx) => addToCartIn(tx, shopper.id, withdrawn.id, 1))).toMatchObject({ ok: false, code: 'PRODUCT_NOT_ON_SALE' });
    expect(await db.write((tx) => addToCartIn(tx, shopper.id, mug.id, 1))).toEqual({ ok: true });
    expect(await listCartEntries(db.read, shopper.id)).toEqual([{ productId: mug.id, quantity: 1 }]);
  });
});

describe('the visitor cart cookie', () => {
  it('round-trips ids and quantities', async () => {
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

  it('holds at most 50 lines', async () => {
    const cookie = Array.from({ length: 80 }, (_, i) => `${i + 1}:1`).join('|');
    expect(parseVisitorCart(cookie)).toHaveLength(MAX_CART_LINES);
    let entries = parseVisitorCart(cookie);
    entries = addEntry(entries, 999, 1);
    expect(entries).toHaveLength(MAX_CART_LINES);
  });

  it('counts only products on sale', async () => {
    const product = await insertTestProduct(db, 100);
    expect(await visitorCartItemCount(db.read, [{ productId: product.id, quantity: 3 }, { productId: 999_999, quantity: 5 }])).toBe(3);
  });
});

describe('merging a visitor cart at sign-in', () => {
  it('adds new lines and keeps the larger quantity of a product in both', async () => {
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

  it('survives sign-in: the server cart holds the visitor lines, and a second merge changes nothing', async () => {
    const shopper = await insertTestUser(db);
    const mug = await insertTestProduct(db, 1800);
    const lamp = await insertTestProduct(db, 12_900);
    await addToCart(db, shopper.id, mug.id, 1);
    const visitor = [
      { productId: lamp.id, quantity: 2 },
      { productId: mug.id, quantity: 3 },
      { productId: 999_999, quantity: 1 },
    ];
    expect(await cartItemCount(db.read, shopper.id, visitor)).toBe(5);
    await mergeVisitorCart(db, shopper.id, visitor);
    const merged = await listCartEntries(db.read, shopper.id);
    expect(merged).toEqual([
      { productId: mug.id, quantity: 3 },
      { productId: lamp.id, quantity: 2 },
    ]);
    await mergeVisitorCart(db, shopper.id, visitor);
    expect(await listCartEntries(db.read, shopper.id)).toEqual(merged);
    expect(await cartItemCount(db.read, shopper.id)).toBe(5);
  });
});

describe('stock in the cart', () => {
  it('refuses a product out of stock, and changes nothing', async () => {
    const shopper = await insertTestUser(db);
    const soldOut = await insertTestProduct(db, 1800, { stock: 0 });
    expect(await addToCart(db, shopper.id, soldOut.id, 1)).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
    expect(await db.write((tx) => addToCartIn(tx, shopper.id, soldOut.id, 1))).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
    expect(await listCartEntries(db.read, shopper.id)).toEqual([]);
  });

  it.each([
    // stock, already in the cart, adding → refused with how many are left, or added
    [2, 0, 2, null],
    [2, 0, 3, { left: 2, inCart: 0 }],
    [2, 1, 1, null],
    [2, 1, 2, { left: 2, inCart: 1 }],
    [2, 2, 1, { left: 2, inCart: 2 }],
    [1, 0, 1, null],
  ])('with %i in stock and %i in the cart, adding %i is refused with %j (null: added)', async (stock, inCart, adding, refused) => {
    const shopper = await insertTestUser(db);
    const kettle = await insertTestProduct(db, 4200, { stock: 10 });
    if (inCart > 0) expect(await addToCart(db, shopper.id, kettle.id, inCart)).toEqual({ ok: true });
    await db.write((tx) => tx.update(products).set({ stock }).where(eq(products.id, kettle.id)));
    const result = await addToCart(db, shopper.id, kettle.id, adding);
    if (refused === null) {
      expect(result).toEqual({ ok: true });
      expect(await listCartEntries(db.read, shopper.id)).toEqual([{ productId: kettle.id, quantity: inCart + adding }]);
    } else {
      expect(result).toMatchObject({ ok: false, code: 'NOT_ENOUGH_STOCK', params: refused });
      expect(await listCartEntries(db.read, shopper.id)).toEqual(inCart > 0 ? [{ productId: kettle.id, quantity: inCart }] : []);
    }
  });

  it('never refuses a product whose stock is not tracked', async () => {
    const shopper = await insertTestUser(db);
    const untracked = await insertTestProduct(db, 100, { stock: null });
    expect(await addToCart(db, shopper.id, untracked.id, 99)).toEqual({ ok: true });
  });

  it('refuses setting a line above the stock, and allows lowering it to what is left', async () => {
    const shopper = await insertTestUser(db);
    const kettle = await insertTestProduct(db, 4200, { stock: 3 });
    await addToCart(db, shopper.id, kettle.id, 3);
    expect(await setCartQuantity(db, shopper.id, kettle.id, 4)).toMatchObject({ ok: false, code: 'NOT_ENOUGH_STOCK', params: { left: 3 } });
    await db.write((tx) => tx.update(products).set({ stock: 1 }).where(eq(products.id, kettle.id)));
    expect(await setCartQuantity(db, shopper.id, kettle.id, 1)).toEqual({ ok: true });
    expect(await listCartEntries(db.read, shopper.id)).toEqual([{ productId: kettle.id, quantity: 1 }]);
  });

  it('prices a line that ran out with its stock, so the page and checkout can tell', async () => {
    const shopper = await insertTestUser(db);
    const kettle = await insertTestProduct(db, 4200, { stock: 5, taxRateBp: 1800 });
    const pan = await insertTestProduct(db, 5500, { stock: null });
    await addToCart(db, shopper.id, kettle.id, 3);
    await addToCart(db, shopper.id, pan.id, 1);
    await db.write((tx) => tx.update(products).set({ stock: 2 }).where(eq(products.id, kettle.id)));
    let cart = await getCart(db.read, shopper.id);
    expect(cart.lines.map((line) => [line.productId, line.stock, line.taxRateBp, line.stockProblem])).toEqual([
      [kettle.id, 2, 1800, 'short'],
      [pan.id, null, null, null],
    ]);
    expect(cart.stockProblemCount).toBe(1);
    await db.write((tx) => tx.update(products).set({ stock: 0 }).where(eq(products.id, kettle.id)));
    cart = await getCart(db.read, shopper.id);
    expect(cart.lines[0]?.stockProblem).toBe('out_of_stock');
  });
});

describe('a cart line whose product left the shop', () => {
  it('is left out of the priced lines and named with why', async () => {
    const shopper = await insertTestUser(db);
    const kept = await insertTestProduct(db, 500);
    const archived = await insertTestProduct(db, 700);
    const hidden = await insertTestProduct(db, 900);
    for (const product of [kept, archived, hidden]) await addToCart(db, shopper.id, product.id, 2);
    await db.write(async (tx) => {
      await tx.update(products).set({ archivedAt: new Date() }).where(eq(products.id, archived.id));
      await tx.update(products).set({ active: false }).where(eq(products.id, hidden.id));
    });
    const cart = await getCart(db.read, shopper.id);
    expect(cart.lines.map((line) => line.productId)).toEqual([kept.id]);
    expect(cart).toMatchObject({ total: 1000, unavailableCount: 2 });
    expect(cart.unavailable).toEqual([
      { productId: archived.id, name: archived.name, quantity: 2, reason: 'archived' },
      { productId: hidden.id, name: hidden.name, quantity: 2, reason: 'hidden' },
    ]);
    expect(await addToCart(db, shopper.id, archived.id, 1)).toMatchObject({ ok: false, code: 'PRODUCT_NOT_ON_SALE' });
  });
});
