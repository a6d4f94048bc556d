import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { placeOrder } from './place-order';
import { getCheckoutView, getOwnOrderDetails, listOwnOrders } from './queries';

const db = getDatabase();
const key = () => crypto.randomUUID();

describe('My Orders', () => {
  it('lists only the shopper\'s own orders, newest first, 10 a page, with item counts and statuses', async () => {
    const shopper = await insertTestUser(db);
    const other = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 1_000_000);
    const product = await insertTestProduct(db, 1000);
    for (let i = 1; i <= 12; i += 1) {
      await fillTestCart(db, shopper.id, [{ product, quantity: i }]);
      await placeOrder(db, shopper, { method: i % 2 === 0 ? 'wallet' : 'cash_on_delivery', checkoutKey: key() });
    }
    await fillTestCart(db, other.id, [{ product, quantity: 1 }]);
    const strangers = await placeOrder(db, other, { method: 'cash_on_delivery', checkoutKey: key() });

    const first = await listOwnOrders(db.read, shopper.id, 1);
    expect(first).toMatchObject({ page: 1, pageSize: 10, totalRows: 12, totalPages: 2 });
    expect(first.rows).toHaveLength(10);
    expect(first.rows[0]).toMatchObject({ itemCount: 12, amountTotal: 12_000, paymentMethod: 'wallet', statusCode: 'paid' });
    expect(first.rows[1]).toMatchObject({ itemCount: 11, amountTotal: 11_000, paymentMethod: 'cash_on_delivery', statusCode: 'pending' });
    const second = await listOwnOrders(db.read, shopper.id, 2);
    expect(second.rows.map((row) => row.itemCount)).toEqual([2, 1]);
    expect([...first.rows, ...second.rows].map((row) => row.number)).not.toContain(strangers.order.number);
    expect((await listOwnOrders(db.read, shopper.id, 5)).rows).toEqual([]);
  });

  it("shows an order to its shopper only, with the remaining wallet balance for a wallet order", async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 2500), quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    expect(await getOwnOrderDetails(db.read, shopper.id, placed.order.number)).toMatchObject({
      statusCode: 'paid',
      walletAvailable: 7500,
      bank: null,
      lines: [{ quantity: 1, unitPriceMinor: 2500, amount: 2500 }],
      payments: [{ provider: 'wallet', state: 'done' }],
    });
    expect(await getOwnOrderDetails(db.read, (await insertTestUser(db)).id, placed.order.number)).toBeUndefined();
  });

  it('gives the bank details for a wire order waiting for its money', async () => {
    const shopper = await insertTestUser(db);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 2500), quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: key() });
    expect(await getOwnOrderDetails(db.read, shopper.id, placed.order.number)).toMatchObject({
      statusCode: 'pending',
      walletAvailable: null,
      bank: { holder: 'Coffer Shop Ltd', iban: expect.any(String) },
    });
  });
});

describe('the checkout view', () => {
  it('gives the exact shortfall when the wallet is short, and none when it covers the order', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 24_250);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 75_000), quantity: 1 }]);
    expect(await getCheckoutView(db.read, shopper.id)).toMatchObject({
      walletAvailable: 24_250,
      cardProvider: 'demo',
      // No shipping method defined: one quote, picked up.
      quotes: [{ methodId: null, total: 75_000, walletShortfall: 50_750, split: { walletPart: 24_250, cardPart: 50_750 } }],
    });
    await fundTestWallet(db, shopper.id, 50_750);
    expect((await getCheckoutView(db.read, shopper.id)).quotes[0]).toMatchObject({ walletShortfall: 0, split: null });
  });
});
