import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, invoices, ledgerTransfers, orderLines, orders, payments, products } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { updateSettings, type EditableSettings } from '@/lib/settings';
import { addToCart, listCartEntries } from '@/lib/shop/cart';
import { checkoutFormSchema } from '@/lib/validations/checkout';
import { getCheckoutView } from './queries';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { CheckoutError, markOrderPaid, payOrderByCard, payOrderFromWallet, placeOrder } from '.';

const db = getDatabase();
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;
const key = () => crypto.randomUUID();
const ordersOf = (userId: number) => db.read.select().from(orders).where(eq(orders.userId, userId)).orderBy(orders.id);
const transfersOfOrder = (orderId: number) => db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, orderId)).orderBy(ledgerTransfers.id);
const orderRow = async (orderId: number) => (await db.read.select().from(orders).where(eq(orders.id, orderId)))[0];
const settings = (changes: Partial<EditableSettings>) => db.write((tx) => updateSettings(tx, changes));
const complete = (paymentId: number) => db.write((tx) => completePayment(tx, paymentId));
const ledgerOk = async () => (await verifyLedger(db.read)).ok;
const setPrice = (productId: number, priceMinor: number) =>
  db.write((tx) => tx.update(products).set({ priceMinor }).where(eq(products.id, productId)));

async function shopperWithCart(lines: { price: number; quantity: number }[], funds = 0) {
  const shopper = await insertTestUser(db);
  const items = [];
  for (const line of lines) items.push({ product: await insertTestProduct(db, line.price), quantity: line.quantity });
  await fillTestCart(db, shopper.id, items);
  if (funds > 0) await fundTestWallet(db, shopper.id, funds);
  return { shopper, items };
}

async function expectCheckoutError(promise: Promise<unknown> | (() => unknown), code: CheckoutError['code']) {
  const run = typeof promise === 'function' ? Promise.resolve().then(promise) : promise;
  await expect(run).rejects.toSatisfy((error) => error instanceof CheckoutError && error.code === code);
}

describe('paying with the wallet', () => {
  it('creates a paid order with its lines, one wallet debit to sales and an empty cart', async () => {
    const { shopper, items } = await shopperWithCart([{ price: 1999, quantity: 3 }, { price: 4700, quantity: 1 }], 20_000);
    const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });

    expect(placed.replayed).toBe(false);
    expect(placed.order).toMatchObject({ state: 'paid', paymentMethod: 'wallet', amountTotal: 10697, currency: 'USD' });
    expect(placed.order.number).toMatch(/^S\d{5}$/);
    expect(placed.order.paidAt).toBeInstanceOf(Date);
    expect(placed.next).toBe(`/my/orders/${placed.order.number}`);
    expect(placed.payment).toMatchObject({ provider: 'wallet', purpose: 'order', state: 'done', amount: 10697, orderId: placed.order.id });

    const lines = await db.read.select().from(orderLines).where(eq(orderLines.orderId, placed.order.id)).orderBy(orderLines.id);
    expect(lines.map((l) => [l.productId, l.unitPriceMinor, l.quantity, l.amount])).toEqual([
      [items[0]?.product.id, 1999, 3, 5997],
      [items[1]?.product.id, 4700, 1, 4700],
    ]);
    const [transfer, ...others] = await transfersOfOrder(placed.order.id);
    expect(others).toHaveLength(0);
    expect(transfer).toMatchObject({
      kind: 'payment',
      state: 'posted',
      amount: 10697,
      descriptionCode: 'orderPayment',
      descriptionParams: JSON.stringify({ number: placed.order.number }),
      paymentId: placed.payment.id,
    });
    expect(placed.payment.transferId).toBe(transfer?.id);
    expect(await available(shopper.id)).toBe(20_000 - 10697);
    expect((await getBalance(db.read, { system: 'sales', currency: 'USD' })).posted).toBeGreaterThanOrEqual(10697);
    expect(await listCartEntries(db.read, shopper.id)).toEqual([]);
    expect(await ledgerOk()).toBe(true);
  });

  it('numbers orders S00001, S00002, … without gaps, also across refused attempts', async () => {
    const { shopper } = await shopperWithCart([{ price: 500, quantity: 1 }], 1000);
    const first = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 5000), quantity: 1 }]);
    await expectCheckoutError(placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() }), 'INSUFFICIENT_FUNDS');
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 500), quantity: 1 }]);
    const second = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    const number = (n: string) => Number(n.slice(1));
    expect(number(second.order.number)).toBe(number(first.order.number) + 1);
  });

  it('gives a double click, a retry or a second tab with the same attempt key one order and one debit', async () => {
    const { shopper } = await shopperWithCart([{ price: 2500, quantity: 2 }], 10_000);
    const checkoutKey = key();
    const [a, b] = await Promise.all([
      placeOrder(db, shopper, { method: 'wallet', checkoutKey }),
      placeOrder(db, shopper, { method: 'wallet', checkoutKey }),
    ]);
    const retry = await payOrderFromWallet(db, shopper.id, { checkoutKey });
    expect(new Set([a.order.id, b.order.id, retry.order.id]).size).toBe(1);
    expect([a.replayed, b.replayed, retry.replayed].filter(Boolean)).toHaveLength(2);
    expect(retry.payment.state).toBe('done');
    expect(await ordersOf(shopper.id)).toHaveLength(1);
    expect(await transfersOfOrder(a.order.id)).toHaveLength(1);
    expect(await available(shopper.id)).toBe(5000);
  });

  it('refuses a second attempt on the same cart from another tab (new key): the cart is already empty', async () => {
    const { shopper } = await shopperWithCart([{ price: 2500, quantity: 1 }], 10_000);
    await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    await expectCheckoutError(placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() }), 'EMPTY_CART');
    expect(await ordersOf(shopper.id)).toHaveLength(1);
    expect(await available(shopper.id)).toBe(7500);
  });

  it('refuses when the wallet is short, says so, and creates nothing', async () => {
    const { shopper } = await shopperWithCart([{ price: 75_000, quantity: 1 }], 24_250);
    const attempt = placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    await expect(attempt).rejects.toThrow('Your wallet balance is not enough for this order.');
    expect(await ordersOf(shopper.id)).toEqual([]);
    expect(await db.read.select().from(payments).where(eq(payments.userId, shopper.id))).toEqual([]);
    expect(await available(shopper.id)).toBe(24_250);
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('lets exactly the affordable orders through when several compete for one balance', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    const totals = [4000, 7000, 5000, 2000, 1000, 1];
    const outcomes: string[] = [];
    for (const total of totals) {
      await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, total), quantity: 1 }]);
      try {
        await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
        outcomes.push('paid');
      } catch (error) {
        if (!(error instanceof CheckoutError) || error.code !== 'INSUFFICIENT_FUNDS') throw error;
        outcomes.push('refused');
      }
    }
    expect(outcomes).toEqual(['paid', 'refused', 'paid', 'refused', 'paid', 'refused']);
    expect(await available(shopper.id)).toBe(0);
    const placed = await ordersOf(shopper.id);
    expect(placed.map((o) => o.amountTotal)).toEqual([4000, 5000, 1000]);
    expect(placed.every((o) => o.state === 'paid')).toBe(true);
    expect(await ledgerOk()).toBe(true);
  });

  it('refuses an empty cart', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 5000);
    for (const method of ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] as const) {
      await expectCheckoutError(placeOrder(db, shopper, { method, checkoutKey: key() }), 'EMPTY_CART');
    }
    expect(await ordersOf(shopper.id)).toEqual([]);
    expect(await available(shopper.id)).toBe(5000);
  });

  it('treats a cart of withdrawn products as empty', async () => {
    const { shopper, items } = await shopperWithCart([{ price: 900, quantity: 1 }], 5000);
    await db.write((tx) => tx.update(products).set({ active: false }).where(eq(products.id, items[0]?.product.id ?? 0)));
    await expectCheckoutError(placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() }), 'EMPTY_CART');
  });

  it('refuses an attempt key that placed another shopper\'s order', async () => {
    const first = await shopperWithCart([{ price: 900, quantity: 1 }], 5000);
    const second = await shopperWithCart([{ price: 900, quantity: 1 }], 5000);
    const checkoutKey = key();
    await placeOrder(db, first.shopper, { method: 'wallet', checkoutKey });
    await expectCheckoutError(placeOrder(db, second.shopper, { method: 'wallet', checkoutKey }), 'KEY_CONFLICT');
    expect(await available(second.shopper.id)).toBe(5000);
  });
});

describe('prices come from the catalog only', () => {
  it('drops any price, total or amount sent with the form', () => {
    const form = {
      method: 'wallet',
      checkoutKey: key(),
      cartVersion: 'abc',
      total: '0.01',
      amount: '1',
      price: '0',
      unitPriceMinor: '1',
    };
    const parsed = checkoutFormSchema.parse({ ...form, shippingMethodId: '3', addressId: 'new', shipping: '0' });
    expect(Object.keys(parsed).sort()).toEqual(['addressId', 'cartVersion', 'checkoutKey', 'method', 'shippingMethodId']);
  });

  it('charges the catalog price at payment time, not the one seen when adding to the cart', async () => {
    const { shopper, items } = await shopperWithCart([{ price: 1000, quantity: 2 }], 10_000);
    await setPrice(items[0]?.product.id ?? 0, 1500);
    const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    expect(placed.order.amountTotal).toBe(3000);
    expect(await available(shopper.id)).toBe(7000);
  });

  it('refuses to charge a cart that changed since the checkout page was shown', async () => {
    const { shopper, items } = await shopperWithCart([{ price: 1000, quantity: 1 }], 10_000);
    const shown = (await getCheckoutView(db.read, shopper.id)).version;
    await setPrice(items[0]?.product.id ?? 0, 900);
    await expectCheckoutError(placeOrder(db, shopper, { method: 'wallet', checkoutKey: key(), cartVersion: shown }), 'CART_CHANGED');
    await addToCart(db, shopper.id, items[0]?.product.id ?? 0, 1);
    const again = await getCheckoutView(db.read, shopper.id);
    expect(again.version).not.toBe(shown);
    const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key(), cartVersion: again.version });
    expect(placed.order.amountTotal).toBe(1800);
  });
});

describe('payment methods', () => {
  it('refuses a way of paying the shop switched off', async () => {
    const { shopper } = await shopperWithCart([{ price: 1000, quantity: 1 }], 10_000);
    await settings({ enabledPaymentMethods: ['card', 'wire_transfer', 'cash_on_delivery'] });
    try {
      await expectCheckoutError(placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() }), 'METHOD_DISABLED');
      expect(await ordersOf(shopper.id)).toEqual([]);
    } finally {
      await settings({ enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] });
    }
  });

  it('card (Demo): confirmed until the card payment completes, then paid exactly once', async () => {
    const { shopper } = await shopperWithCart([{ price: 12_900, quantity: 1 }]);
    const checkoutKey = key();
    const placed = await placeOrder(db, shopper, { method: 'card', checkoutKey });
    expect(placed.order).toMatchObject({ state: 'confirmed', paymentMethod: 'card', amountTotal: 12_900 });
    expect(placed.payment).toMatchObject({ provider: 'demo', purpose: 'order', state: 'pending', orderId: placed.order.id });
    expect(placed.next).toBe(`/pay/demo/${placed.payment.reference}`);
    expect(await listCartEntries(db.read, shopper.id)).toEqual([]);
    expect(await transfersOfOrder(placed.order.id)).toEqual([]);

    const again = await placeOrder(db, shopper, { method: 'card', checkoutKey });
    expect(again).toMatchObject({ replayed: true, next: placed.next });
    expect(again.payment.id).toBe(placed.payment.id);

    expect((await payWithDemoCard(db, shopper.id, placed.payment.reference, card)).status).toBe('done');
    expect(await complete(placed.payment.id)).toMatchObject({ alreadyDone: true });
    const order = await orderRow(placed.order.id);
    expect(order?.state).toBe('paid');
    const transfers = await transfersOfOrder(placed.order.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: 'payment', amount: 12_900, descriptionCode: 'orderPayment', descriptionParams: JSON.stringify({ number: placed.order.number }) });
    expect(await findPayment(db.read, placed.payment.id)).toMatchObject({ state: 'done', transferId: transfers[0]?.id });
    expect(await available(shopper.id)).toBe(0);
    expect((await placeOrder(db, shopper, { method: 'card', checkoutKey })).next).toBe(`/my/orders/${placed.order.number}`);
    expect(await ledgerOk()).toBe(true);
  });

  it('card: a cancelled card page can be retried from the order, and one payment settles it', async () => {
    const { shopper } = await shopperWithCart([{ price: 5000, quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'card', checkoutKey: key() });
    const sameOpen = await payOrderByCard(db, shopper, placed.order.number, key());
    expect(sameOpen).toBe(placed.next);
    await db.write((tx) => tx.update(payments).set({ state: 'canceled' }).where(eq(payments.id, placed.payment.id)));
    const retryKey = key();
    const next = await payOrderByCard(db, shopper, placed.order.number, retryKey);
    expect(next).not.toBe(placed.next);
    expect(await payOrderByCard(db, shopper, placed.order.number, retryKey)).toBe(next);
    const reference = next.split('/').pop() ?? '';
    expect((await payWithDemoCard(db, shopper.id, reference, card)).status).toBe('done');
    expect((await orderRow(placed.order.id))?.state).toBe('paid');
    await expectCheckoutError(payOrderByCard(db, shopper, placed.order.number, key()), 'INVALID_STATE');
    const stranger = await insertTestUser(db);
    await expectCheckoutError(payOrderByCard(db, stranger, placed.order.number, key()), 'NOT_FOUND');
  });

  it('card money arriving for an order settled meanwhile goes to the wallet, not lost', async () => {
    const { shopper } = await shopperWithCart([{ price: 5000, quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'card', checkoutKey: key() });
    await db.write((tx) => tx.update(orders).set({ state: 'canceled' }).where(eq(orders.id, placed.order.id)));
    await complete(placed.payment.id);
    expect(await available(shopper.id)).toBe(5000);
    expect(await ledgerOk()).toBe(true);
  });

  it.each(['wire_transfer', 'cash_on_delivery'] as const)('%s: confirmed with the payment pending, no money moved', async (method) => {
    const { shopper } = await shopperWithCart([{ price: 3300, quantity: 2 }]);
    const placed = await placeOrder(db, shopper, { method, checkoutKey: key() });
    expect(placed.order).toMatchObject({ state: 'confirmed', paymentMethod: method, amountTotal: 6600 });
    expect(placed.payment).toMatchObject({ provider: method, state: 'pending', amount: 6600 });
    expect(placed.payment.reference).toMatch(/^CW[0-9A-Z]{8}$/);
    expect(placed.next).toBe(`/my/orders/${placed.order.number}`);
    expect(await transfersOfOrder(placed.order.id)).toEqual([]);
    expect(await listCartEntries(db.read, shopper.id)).toEqual([]);
  });
});

describe('staff mark a wire / cash on delivery order paid', () => {
  it.each([
    ['wire_transfer', /^wire transfer CW/],
    ['cash_on_delivery', /^cash on delivery$/],
  ] as const)('%s: posts bank_clearing → sales once and records who did it', async (method, memo) => {
    const { shopper } = await shopperWithCart([{ price: 4500, quantity: 1 }]);
    const staff = await insertTestUser(db, 'staff');
    const placed = await placeOrder(db, shopper, { method, checkoutKey: key() });
    const outcome = await markOrderPaid(db, placed.order.id, staff.id);
    expect(outcome.status).toBe('paid');
    if (outcome.status !== 'paid') return;
    expect(outcome.order.state).toBe('paid');
    expect(outcome.payment).toMatchObject({ id: placed.payment.id, state: 'done' });
    const transfers = await transfersOfOrder(placed.order.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: 'payment', amount: 4500, createdBy: staff.id });
    expect(transfers[0]?.memo).toMatch(memo);
    expect((await markOrderPaid(db, placed.order.id, staff.id)).status).toBe('already_paid');
    expect(await transfersOfOrder(placed.order.id)).toHaveLength(1);
    const audits = await db.read.select().from(auditLog).where(and(eq(auditLog.actorId, staff.id), eq(auditLog.action, 'order.mark_paid')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectUserId: shopper.id, amount: 4500 });
    expect(await available(shopper.id)).toBe(0);
    expect(await ledgerOk()).toBe(true);
  });

  it.each(['processing', 'shipped', 'delivered'] as const)('cash on delivery %s before it is paid: recorded once, the order keeps its state', async (state) => {
    const { shopper } = await shopperWithCart([{ price: 4500, quantity: 1 }]);
    const staff = await insertTestUser(db, 'staff');
    const placed = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key() });
    await db.write((tx) => tx.update(orders).set({ state }).where(eq(orders.id, placed.order.id)));
    const outcome = await markOrderPaid(db, placed.order.id, staff.id);
    expect(outcome).toMatchObject({ status: 'paid', order: { state, paidAt: expect.any(Date) }, payment: { state: 'done' } });
    expect((await markOrderPaid(db, placed.order.id, staff.id)).status).toBe('already_paid');
    expect(await transfersOfOrder(placed.order.id)).toMatchObject([{ kind: 'payment', amount: 4500 }]);
    expect((await orderRow(placed.order.id))?.state).toBe(state);
    expect(await ledgerOk()).toBe(true);
  });

  it('refuses a wire order that is no longer waiting and a cancelled one', async () => {
    const { shopper } = await shopperWithCart([{ price: 4500, quantity: 1 }]);
    const staff = await insertTestUser(db, 'staff');
    const wire = await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: key() });
    await db.write((tx) => tx.update(orders).set({ state: 'processing' }).where(eq(orders.id, wire.order.id)));
    await expectCheckoutError(() => markOrderPaid(db, wire.order.id, staff.id), 'INVALID_STATE');
    await db.write((tx) => tx.update(orders).set({ state: 'canceled' }).where(eq(orders.id, wire.order.id)));
    await expectCheckoutError(() => markOrderPaid(db, wire.order.id, staff.id), 'INVALID_STATE');
    expect(await transfersOfOrder(wire.order.id)).toEqual([]);
  });

  it('refuses shoppers, card and wallet orders', async () => {
    const { shopper } = await shopperWithCart([{ price: 4500, quantity: 1 }], 10_000);
    const staff = await insertTestUser(db, 'staff');
    const cod = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key() });
    await expectCheckoutError(() => markOrderPaid(db, cod.order.id, shopper.id), 'FORBIDDEN');
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 100), quantity: 1 }]);
    const byCard = await placeOrder(db, shopper, { method: 'card', checkoutKey: key() });
    await expectCheckoutError(() => markOrderPaid(db, byCard.order.id, staff.id), 'INVALID_STATE');
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 100), quantity: 1 }]);
    const byWallet = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    expect((await markOrderPaid(db, byWallet.order.id, staff.id)).status).toBe('already_paid');
    await expectCheckoutError(() => markOrderPaid(db, 999_999, staff.id), 'NOT_FOUND');
  });
});

describe('Automatic Invoice', () => {
  const invoicesOf = (orderId: number) => db.read.select().from(invoices).where(eq(invoices.orderId, orderId));

  it('on: a paid order gets a posted invoice, paid by that payment', async () => {
    await settings({ automaticInvoice: true });
    const { shopper } = await shopperWithCart([{ price: 2200, quantity: 2 }], 10_000);
    const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    const [invoice, ...more] = await invoicesOf(placed.order.id);
    expect(more).toHaveLength(0);
    expect(invoice).toMatchObject({ userId: shopper.id, amountTotal: 4400, amountResidual: 0, paymentState: 'paid' });
    expect(invoice?.number).toMatch(/^INV\/\d{4}\/\d{5}$/);
    expect((await findPayment(db.read, placed.payment.id))?.invoiceId).toBe(invoice?.id);
  });

  it('on: card and staff-marked orders are invoiced when they become paid, not before', async () => {
    await settings({ automaticInvoice: true });
    const staff = await insertTestUser(db, 'staff');
    const { shopper } = await shopperWithCart([{ price: 1000, quantity: 1 }]);
    const byCard = await placeOrder(db, shopper, { method: 'card', checkoutKey: key() });
    expect(await invoicesOf(byCard.order.id)).toEqual([]);
    await payWithDemoCard(db, shopper.id, byCard.payment.reference, card);
    expect(await invoicesOf(byCard.order.id)).toHaveLength(1);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 700), quantity: 1 }]);
    const byWire = await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: key() });
    expect(await invoicesOf(byWire.order.id)).toEqual([]);
    await markOrderPaid(db, byWire.order.id, staff.id);
    expect(await invoicesOf(byWire.order.id)).toMatchObject([{ amountTotal: 700, paymentState: 'paid' }]);
  });

  it('off: no invoice is created', async () => {
    await settings({ automaticInvoice: false });
    try {
      const { shopper } = await shopperWithCart([{ price: 2200, quantity: 1 }], 10_000);
      const placed = await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
      expect(placed.order.state).toBe('paid');
      expect(await invoicesOf(placed.order.id)).toEqual([]);
    } finally {
      await settings({ automaticInvoice: true });
    }
  });
});

it('leaves the ledger balanced after all of the above', async () => {
  expect(await verifyLedger(db.read)).toMatchObject({ ok: true, problems: [] });
});
