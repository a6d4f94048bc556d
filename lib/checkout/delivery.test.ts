// Checkout with shipping methods, delivery addresses and tax (this file's shop defines shipping methods).
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { addresses, ledgerTransfers, orderLines, orders, payments, products, shippingMethods, type ShippingMethod } from '@/db/schema';
import { listAddresses } from '@/lib/delivery/addresses';
import { seedShippingMethods } from '@/lib/delivery/seed';
import { createShippingMethod } from '@/lib/delivery/shipping-methods';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { totalsByRate } from '@/lib/orders/tax';
import { updateSettings, type EditableSettings } from '@/lib/settings';
import { listCartEntries } from '@/lib/shop/cart';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { CheckoutError, placeOrder, type CheckoutAttempt } from '.';
import type { AddressInput } from '@/lib/delivery/addresses';
import { getCheckoutView, getOwnOrderDetails } from './queries';

const db = getDatabase();
const key = () => crypto.randomUUID();
const settings = (changes: Partial<EditableSettings>) => db.write((tx) => updateSettings(tx, changes));
const linesOf = (orderId: number) => db.read.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);
const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;

const home: AddressInput = { fullName: 'Sam Shopper', address: '1 Main Street', city: 'Springfield', postalCode: '12345', country: 'US', phone: '+1 555 010 0199' };

let standard: ShippingMethod;
let express: ShippingMethod;
let pickup: ShippingMethod;

beforeAll(async () => {
  await db.write((tx) => seedShippingMethods(tx, { currency: 'USD', locale: 'en' }));
  const methods = await db.read.select().from(shippingMethods).orderBy(shippingMethods.sortOrder);
  [standard, express, pickup] = methods as [ShippingMethod, ShippingMethod, ShippingMethod];
});

afterEach(async () => {
  await settings({ pricesIncludeTax: true, defaultTaxRateBp: 0 });
});

async function shopperWithCart(lines: { price: number; quantity: number; taxRateBp?: number | null; stock?: number | null; name?: string }[], funds = 0) {
  const shopper = await insertTestUser(db);
  const items = [];
  for (const line of lines) {
    const overrides = { taxRateBp: line.taxRateBp ?? null, stock: line.stock ?? null, ...(line.name ? { name: line.name } : {}) };
    items.push({ product: await insertTestProduct(db, line.price, overrides), quantity: line.quantity });
  }
  await fillTestCart(db, shopper.id, items);
  if (funds > 0) await fundTestWallet(db, shopper.id, funds);
  return { shopper, items };
}

async function refused(attempt: Promise<unknown>, code: CheckoutError['code']) {
  await expect(attempt).rejects.toSatisfy((error) => error instanceof CheckoutError && error.code === code);
}

const deliver = (method: ShippingMethod, address: AddressInput | number = home): CheckoutAttempt['delivery'] => ({
  shippingMethodId: method.id,
  address: typeof address === 'number' ? { savedAddressId: address } : { newAddress: address },
});

describe('the seeded shipping methods', () => {
  it('are Standard (4.90, free from 50.00), Express (12.90) and Pick up in store (free), seeded once', async () => {
    expect([standard, express, pickup].map((m) => [m.name, m.kind, m.priceMinor, m.freeAboveMinor, m.active, m.currency])).toEqual([
      ['Standard delivery', 'delivery', 490, 5000, true, 'USD'],
      ['Express delivery', 'delivery', 1290, null, true, 'USD'],
      ['Pick up in store', 'pickup', 0, null, true, 'USD'],
    ]);
    await db.write((tx) => seedShippingMethods(tx, { currency: 'USD', locale: 'tr' }));
    expect(await db.read.select().from(shippingMethods)).toHaveLength(3);
  });
});

describe('delivery', () => {
  it('Standard delivery to a new address: a shipping line, the total with shipping, the address on the order and remembered', async () => {
    const { shopper } = await shopperWithCart([{ price: 1800, quantity: 2 }]);
    const placed = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key(), delivery: deliver(standard) });
    expect(placed.order).toMatchObject({
      amountTotal: 3600 + 490,
      amountShipping: 490,
      amountNet: 4090,
      amountTax: 0,
      shippingMethodId: standard.id,
      deliveryName: 'Sam Shopper',
      deliveryAddress: '1 Main Street',
      deliveryCity: 'Springfield',
      deliveryPostalCode: '12345',
      deliveryCountry: 'US',
      deliveryPhone: '+1 555 010 0199',
    });
    const lines = await linesOf(placed.order.id);
    expect(lines.map((l) => [l.kind, l.productId === null, l.name, l.unitPriceMinor, l.quantity, l.amount])).toEqual([
      ['product', false, expect.any(String), 1800, 2, 3600],
      ['shipping', true, 'Standard delivery', 490, 1, 490],
    ]);
    expect(placed.payment.amount).toBe(4090);
    expect(await listAddresses(db.read, shopper.id)).toMatchObject([home]);
  });

  it('ships free when the goods reach the free-above amount (and not a minor unit below)', async () => {
    const below = await shopperWithCart([{ price: 4999, quantity: 1 }]);
    const paysShipping = await placeOrder(db, below.shopper, { method: 'wire_transfer', checkoutKey: key(), delivery: deliver(standard) });
    expect(paysShipping.order).toMatchObject({ amountTotal: 4999 + 490, amountShipping: 490 });
    const reaching = await shopperWithCart([{ price: 2500, quantity: 2 }]);
    const free = await placeOrder(db, reaching.shopper, { method: 'wire_transfer', checkoutKey: key(), delivery: deliver(standard) });
    expect(free.order).toMatchObject({ amountTotal: 5000, amountShipping: 0 });
    expect((await linesOf(free.order.id)).at(-1)).toMatchObject({ kind: 'shipping', name: 'Standard delivery', amount: 0 });
    // Express has no free-above amount.
    const big = await shopperWithCart([{ price: 90_000, quantity: 1 }]);
    const fast = await placeOrder(db, big.shopper, { method: 'wire_transfer', checkoutKey: key(), delivery: deliver(express) });
    expect(fast.order).toMatchObject({ amountTotal: 91_290, amountShipping: 1290 });
  });

  it('Pick up in store needs no address: the delivery columns stay empty and nothing is remembered', async () => {
    const { shopper } = await shopperWithCart([{ price: 1200, quantity: 1 }]);
    const placed = await placeOrder(db, shopper, {
      method: 'cash_on_delivery',
      checkoutKey: key(),
      delivery: { shippingMethodId: pickup.id, address: { newAddress: home } },
    });
    expect(placed.order).toMatchObject({ amountTotal: 1200, amountShipping: 0, shippingMethodId: pickup.id, deliveryName: null, deliveryAddress: null, deliveryCountry: null });
    expect(await listAddresses(db.read, shopper.id)).toEqual([]);
  });

  it('a caller that does not choose (no delivery given) gets the shop’s pick-up method', async () => {
    const { shopper } = await shopperWithCart([{ price: 1200, quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key() });
    expect(placed.order).toMatchObject({ shippingMethodId: pickup.id, amountTotal: 1200, deliveryAddress: null });
  });

  it('offers saved addresses most recently used first, reuses one by id, and never saves the same address twice', async () => {
    const { shopper, items } = await shopperWithCart([{ price: 1000, quantity: 1 }]);
    const refill = () => fillTestCart(db, shopper.id, [{ product: items[0]?.product ?? items[0]!.product, quantity: 1 }]);
    await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: key(), delivery: deliver(standard) });
    const office = { ...home, fullName: 'Sam at Work', address: '9 Office Park' };
    await refill();
    await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: key(), delivery: deliver(standard, office) });
    expect((await listAddresses(db.read, shopper.id)).map((a) => a.address)).toEqual(['9 Office Park', '1 Main Street']);

    // The same address typed again (other letter case, extra spaces) is the saved one, moved to the top.
    await refill();
    await placeOrder(db, shopper, {
      method: 'wire_transfer',
      checkoutKey: key(),
      delivery: deliver(standard, { ...home, fullName: 'SAM   shopper', city: 'springfield' }),
    });
    const book = await listAddresses(db.read, shopper.id);
    expect(book.map((a) => a.address)).toEqual(['1 Main Street', '9 Office Park']);

    await refill();
    const byId = await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: key(), delivery: deliver(standard, book[1]?.id ?? 0) });
    expect(byId.order).toMatchObject({ deliveryName: 'Sam at Work', deliveryAddress: '9 Office Park' });
    expect((await listAddresses(db.read, shopper.id)).map((a) => a.address)).toEqual(['9 Office Park', '1 Main Street']);
    expect(await db.read.select().from(addresses).where(eq(addresses.userId, shopper.id))).toHaveLength(2);
    expect((await getCheckoutView(db.read, shopper.id)).addresses.map((a) => a.address)).toEqual(['9 Office Park', '1 Main Street']);
  });

  it('refuses what it cannot deliver, keeping the cart: no method, an inactive one, no address, a bad one, someone else’s', async () => {
    const { shopper } = await shopperWithCart([{ price: 1000, quantity: 1 }]);
    const stranger = await insertTestUser(db);
    const [theirs] = await db.write((tx) =>
      tx.insert(addresses).values({ userId: stranger.id, ...home, createdAt: new Date(), lastUsedAt: new Date() }).returning(),
    );
    const retired = await db.write((tx) => createShippingMethod(tx, { name: 'Horse', kind: 'delivery', priceMinor: 100, freeAboveMinor: null, active: false }, null));
    const attempt = (delivery: CheckoutAttempt['delivery']) => placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key(), delivery });

    await refused(attempt({ shippingMethodId: null }), 'SHIPPING_REQUIRED');
    await refused(attempt({ shippingMethodId: retired.id, address: { newAddress: home } }), 'SHIPPING_UNAVAILABLE');
    await refused(attempt({ shippingMethodId: 999_999 }), 'SHIPPING_UNAVAILABLE');
    await refused(attempt({ shippingMethodId: standard.id }), 'ADDRESS_REQUIRED');
    await refused(attempt(deliver(standard, { ...home, country: 'XX' })), 'ADDRESS_INVALID');
    await refused(attempt(deliver(standard, { ...home, phone: '12' })), 'ADDRESS_INVALID');
    await refused(attempt(deliver(standard, theirs?.id ?? 0)), 'ADDRESS_NOT_FOUND');

    expect(await db.read.select().from(orders).where(eq(orders.userId, shopper.id))).toEqual([]);
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(1);
    expect(await listAddresses(db.read, shopper.id)).toEqual([]);
  });

  it('refuses to charge when a shipping price changed after the page was shown (the fingerprint covers shipping)', async () => {
    const { shopper } = await shopperWithCart([{ price: 1000, quantity: 1 }]);
    const shown = await getCheckoutView(db.read, shopper.id);
    expect(shown.quotes.map((q) => [q.methodId, q.shipping, q.total])).toEqual([
      [standard.id, 490, 1490],
      [express.id, 1290, 2290],
      [pickup.id, 0, 1000],
    ]);
    await db.write((tx) => tx.update(shippingMethods).set({ priceMinor: 590 }).where(eq(shippingMethods.id, standard.id)));
    try {
      await refused(placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key(), cartVersion: shown.version, delivery: deliver(standard) }), 'CART_CHANGED');
      const again = await getCheckoutView(db.read, shopper.id);
      const placed = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key(), cartVersion: again.version, delivery: deliver(standard) });
      expect(placed.order.amountTotal).toBe(1590);
    } finally {
      await db.write((tx) => tx.update(shippingMethods).set({ priceMinor: 490 }).where(eq(shippingMethods.id, standard.id)));
    }
  });
});

describe('out of stock at checkout', () => {
  it('names the product and what is left, creates nothing and leaves the cart as it was', async () => {
    const { shopper, items } = await shopperWithCart(
      [
        { price: 1000, quantity: 1, stock: 10 },
        { price: 2000, quantity: 3, stock: 3, name: 'Oak Wall Clock' },
      ],
      50_000,
    );
    // Someone else bought one after this shopper filled the cart.
    await db.write((tx) => tx.update(products).set({ stock: 2 }).where(eq(products.id, items[1]?.product.id ?? 0)));
    const attempt = placeOrder(db, shopper, { method: 'wallet', checkoutKey: key(), delivery: deliver(standard) });
    await expect(attempt).rejects.toSatisfy(
      (error) => error instanceof CheckoutError && error.code === 'OUT_OF_STOCK' && error.params.name === 'Oak Wall Clock' && error.params.left === 2,
    );
    expect(await db.read.select().from(orders).where(eq(orders.userId, shopper.id))).toEqual([]);
    expect(await listCartEntries(db.read, shopper.id)).toEqual(items.map((item) => ({ productId: item.product.id, quantity: item.quantity })));
    expect(await available(shopper.id)).toBe(50_000);
    const stock = await db.read.select({ id: products.id, stock: products.stock }).from(products).where(eq(products.id, items[0]?.product.id ?? 0));
    expect(stock[0]?.stock).toBe(10);
    expect(await listAddresses(db.read, shopper.id)).toEqual([]);
    expect((await getCheckoutView(db.read, shopper.id)).stockIssues).toEqual([{ productId: items[1]?.product.id, name: 'Oak Wall Clock', quantity: 3, left: 2 }]);
  });

  it('takes the stock with the order and records it on the line', async () => {
    const { shopper, items } = await shopperWithCart([{ price: 1000, quantity: 2, stock: 2 }]);
    const placed = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key(), delivery: deliver(standard) });
    expect((await linesOf(placed.order.id)).map((l) => [l.kind, l.stockReserved])).toEqual([
      ['product', 2],
      ['shipping', 0],
    ]);
    const [row] = await db.read.select({ stock: products.stock }).from(products).where(eq(products.id, items[0]?.product.id ?? 0));
    expect(row?.stock).toBe(0);
  });
});

describe('tax', () => {
  it('prices include tax: each line taxed from its gross at its rate (or the default), shipping at the default, totals the sums', async () => {
    await settings({ pricesIncludeTax: true, defaultTaxRateBp: 2000 });
    const { shopper } = await shopperWithCart([
      { price: 12_000, quantity: 1 },
      { price: 1080, quantity: 1, taxRateBp: 800 },
    ]);
    const placed = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key(), delivery: deliver(standard) });
    const lines = await linesOf(placed.order.id);
    expect(lines.map((l) => [l.kind, l.taxRateBp, l.amountNet, l.amountTax, l.amount])).toEqual([
      ['product', 2000, 10_000, 2000, 12_000],
      ['product', 800, 1000, 80, 1080],
      // Goods reach 50.00: Standard delivery is free, its line is 0 at the default rate.
      ['shipping', 2000, 0, 0, 0],
    ]);
    expect(placed.order).toMatchObject({ pricesIncludeTax: true, amountNet: 11_000, amountTax: 2080, amountShipping: 0, amountTotal: 13_080 });
    expect(totalsByRate(lines)).toEqual([
      { taxRateBp: 800, net: 1000, tax: 80, gross: 1080 },
      { taxRateBp: 2000, net: 10_000, tax: 2000, gross: 12_000 },
    ]);
  });

  it('prices exclude tax: tax is added per line, shipping included, and every payment is for the gross total', async () => {
    await settings({ pricesIncludeTax: false, defaultTaxRateBp: 1800 });
    const { shopper } = await shopperWithCart([{ price: 1999, quantity: 1 }], 10_000);
    const view = await getCheckoutView(db.read, shopper.id);
    const quote = view.quotes.find((q) => q.methodId === standard.id);
    // 19.99 + 18 % = 23.59; shipping 4.90 + 18 % = 5.78 (0.882 → 0.88); subtotal and shipping as written, tax added.
    expect(quote).toMatchObject({ subtotal: 1999, shipping: 490, tax: 360 + 88, total: 2359 + 578 });
    const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key(), cartVersion: view.version, delivery: deliver(standard) });
    expect(placed.order).toMatchObject({ state: 'paid', pricesIncludeTax: false, amountNet: 2489, amountTax: 448, amountShipping: 578, amountTotal: 2937 });
    expect((await linesOf(placed.order.id)).map((l) => [l.unitPriceMinor, l.amountNet, l.amountTax, l.amount])).toEqual([
      [1999, 1999, 360, 2359],
      [490, 490, 88, 578],
    ]);
    expect(await available(shopper.id)).toBe(10_000 - 2937);
    const [transfer] = await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed.order.id));
    expect(transfer?.amount).toBe(2937);
    expect(await getOwnOrderDetails(db.read, shopper.id, placed.order.number)).toMatchObject({
      totals: { subtotal: 1999, shipping: 490, tax: 448, pricesIncludeTax: false },
      taxByRate: [{ taxRateBp: 1800, net: 2489, tax: 448, gross: 2937 }],
    });
  });
});

describe('every way of paying charges the total with shipping', () => {
  it.each(['card', 'wire_transfer', 'cash_on_delivery'] as const)('%s', async (method) => {
    const { shopper } = await shopperWithCart([{ price: 2000, quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method, checkoutKey: key(), delivery: deliver(express) });
    expect(placed.order.amountTotal).toBe(3290);
    expect(placed.payment.amount).toBe(3290);
  });

  it('wallet and card: the hold and the card part add up to the total with shipping', async () => {
    const { shopper } = await shopperWithCart([{ price: 2000, quantity: 1 }], 1000);
    const view = await getCheckoutView(db.read, shopper.id);
    const quote = view.quotes.find((q) => q.methodId === express.id);
    expect(quote?.split).toEqual({ walletPart: 1000, cardPart: 2290 });
    const placed = await placeOrder(db, shopper, {
      method: 'wallet_and_card',
      checkoutKey: key(),
      cartVersion: view.version,
      walletPart: quote?.split?.walletPart,
      delivery: deliver(express),
    });
    const parts = await db.read.select().from(payments).where(eq(payments.orderId, placed.order.id));
    expect(parts.map((p) => [p.provider, p.state, p.amount]).sort()).toEqual([
      ['demo', 'pending', 2290],
      ['wallet', 'authorized', 1000],
    ]);
    expect(placed.order.amountTotal).toBe(3290);
  });

  it('wallet short only because of shipping is refused, and nothing is created', async () => {
    const { shopper } = await shopperWithCart([{ price: 2000, quantity: 1 }], 2000);
    await refused(placeOrder(db, shopper, { method: 'wallet', checkoutKey: key(), delivery: deliver(express) }), 'INSUFFICIENT_FUNDS');
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(1);
    const pickedUp = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key(), delivery: { shippingMethodId: pickup.id } });
    expect(pickedUp.order).toMatchObject({ state: 'paid', amountTotal: 2000 });
    expect(await verifyLedger(db.read)).toMatchObject({ ok: true });
  });
});
