import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, invoices, ledgerTransfers, orderLines, orders, payments, products } from '@/db/schema';
import { insertTestUser } from '@/test/helpers/users';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { updateSettings } from '@/lib/settings';
import { addToCart, getCart, listCartEntries } from '@/lib/shop/cart';
import { checkoutFormSchema } from '@/lib/validations/checkout';
import { CheckoutError, markOrderPaid, payOrderByCard, payOrderFromWallet, placeOrder } from '.';
import { fillTestCart, fundTestWallet, insertTestProduct } from './test-helpers';

const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const available = (userId: number) => getBalance({ wallet: userId, currency: 'USD' }).available;
const key = () => crypto.randomUUID();
const ordersOf = (userId: number) => db.select().from(orders).where(eq(orders.userId, userId)).all();
const transfersOfOrder = (orderId: number) => db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, orderId)).all();

function shopperWithCart(lines: { price: number; quantity: number }[], funds = 0) {
  const shopper = insertTestUser();
  const items = lines.map((line) => ({ product: insertTestProduct(line.price), quantity: line.quantity }));
  fillTestCart(shopper.id, items);
  if (funds > 0) fundTestWallet(shopper.id, funds);
  return { shopper, items };
}

async function expectCheckoutError(promise: Promise<unknown> | (() => unknown), code: CheckoutError['code']) {
  const run = typeof promise === 'function' ? Promise.resolve().then(promise) : promise;
  await expect(run).rejects.toSatisfy((error) => error instanceof CheckoutError && error.code === code);
}

describe('paying with the wallet', () => {
  it('creates a paid order with its lines, one wallet debit to sales and an empty cart', async () => {
    const { shopper, items } = shopperWithCart([{ price: 1999, quantity: 3 }, { price: 4700, quantity: 1 }], 20_000);
    const placed = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });

    expect(placed.replayed).toBe(false);
    expect(placed.order).toMatchObject({ state: 'paid', paymentMethod: 'wallet', amountTotal: 10697, currency: 'USD' });
    expect(placed.order.number).toMatch(/^S\d{5}$/);
    expect(placed.order.paidAt).toBeInstanceOf(Date);
    expect(placed.next).toBe(`/my/orders/${placed.order.number}`);
    expect(placed.payment).toMatchObject({ provider: 'wallet', purpose: 'order', state: 'done', amount: 10697, orderId: placed.order.id });

    const lines = db.select().from(orderLines).where(eq(orderLines.orderId, placed.order.id)).all();
    expect(lines.map((l) => [l.productId, l.unitPriceMinor, l.quantity, l.amount])).toEqual([
      [items[0]?.product.id, 1999, 3, 5997],
      [items[1]?.product.id, 4700, 1, 4700],
    ]);
    const [transfer, ...others] = transfersOfOrder(placed.order.id);
    expect(others).toHaveLength(0);
    expect(transfer).toMatchObject({
      kind: 'payment',
      state: 'posted',
      amount: 10697,
      description: `Payment for order ${placed.order.number}`,
      paymentId: placed.payment.id,
    });
    expect(placed.payment.transferId).toBe(transfer?.id);
    expect(available(shopper.id)).toBe(20_000 - 10697);
    expect(getBalance({ system: 'sales', currency: 'USD' }).posted).toBeGreaterThanOrEqual(10697);
    expect(listCartEntries(shopper.id)).toEqual([]);
    expect(verifyLedger().ok).toBe(true);
  });

  it('numbers orders S00001, S00002, … without gaps, also across refused attempts', async () => {
    const { shopper } = shopperWithCart([{ price: 500, quantity: 1 }], 1000);
    const first = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    fillTestCart(shopper.id, [{ product: insertTestProduct(5000), quantity: 1 }]);
    await expectCheckoutError(placeOrder(shopper, { method: 'wallet', checkoutKey: key() }), 'INSUFFICIENT_FUNDS');
    fillTestCart(shopper.id, [{ product: insertTestProduct(500), quantity: 1 }]);
    const second = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    const number = (n: string) => Number(n.slice(1));
    expect(number(second.order.number)).toBe(number(first.order.number) + 1);
  });

  it('gives a double click, a retry or a second tab with the same attempt key one order and one debit', async () => {
    const { shopper } = shopperWithCart([{ price: 2500, quantity: 2 }], 10_000);
    const checkoutKey = key();
    const [a, b] = await Promise.all([
      placeOrder(shopper, { method: 'wallet', checkoutKey }),
      placeOrder(shopper, { method: 'wallet', checkoutKey }),
    ]);
    const retry = payOrderFromWallet(shopper.id, { checkoutKey });
    expect(new Set([a.order.id, b.order.id, retry.order.id]).size).toBe(1);
    expect([a.replayed, b.replayed, retry.replayed].filter(Boolean)).toHaveLength(2);
    expect(retry.payment.state).toBe('done');
    expect(ordersOf(shopper.id)).toHaveLength(1);
    expect(transfersOfOrder(a.order.id)).toHaveLength(1);
    expect(available(shopper.id)).toBe(5000);
  });

  it('refuses a second attempt on the same cart from another tab (new key): the cart is already empty', async () => {
    const { shopper } = shopperWithCart([{ price: 2500, quantity: 1 }], 10_000);
    await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    await expectCheckoutError(placeOrder(shopper, { method: 'wallet', checkoutKey: key() }), 'EMPTY_CART');
    expect(ordersOf(shopper.id)).toHaveLength(1);
    expect(available(shopper.id)).toBe(7500);
  });

  it('refuses when the wallet is short, says so, and creates nothing', async () => {
    const { shopper } = shopperWithCart([{ price: 75_000, quantity: 1 }], 24_250);
    const attempt = placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    await expect(attempt).rejects.toThrow('Your wallet balance is not enough for this order.');
    expect(ordersOf(shopper.id)).toEqual([]);
    expect(db.select().from(payments).where(eq(payments.userId, shopper.id)).all()).toEqual([]);
    expect(available(shopper.id)).toBe(24_250);
    expect(listCartEntries(shopper.id)).toHaveLength(1);
    expect(verifyLedger().ok).toBe(true);
  });

  it('lets exactly the affordable orders through when several compete for one balance', async () => {
    const shopper = insertTestUser();
    fundTestWallet(shopper.id, 10_000);
    const totals = [4000, 7000, 5000, 2000, 1000, 1];
    const outcomes: string[] = [];
    for (const total of totals) {
      fillTestCart(shopper.id, [{ product: insertTestProduct(total), quantity: 1 }]);
      try {
        await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
        outcomes.push('paid');
      } catch (error) {
        if (!(error instanceof CheckoutError) || error.code !== 'INSUFFICIENT_FUNDS') throw error;
        outcomes.push('refused');
      }
    }
    expect(outcomes).toEqual(['paid', 'refused', 'paid', 'refused', 'paid', 'refused']);
    expect(available(shopper.id)).toBe(0);
    const placed = ordersOf(shopper.id);
    expect(placed.map((o) => o.amountTotal)).toEqual([4000, 5000, 1000]);
    expect(placed.every((o) => o.state === 'paid')).toBe(true);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses an empty cart', async () => {
    const shopper = insertTestUser();
    fundTestWallet(shopper.id, 5000);
    for (const method of ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] as const) {
      await expectCheckoutError(placeOrder(shopper, { method, checkoutKey: key() }), 'EMPTY_CART');
    }
    expect(ordersOf(shopper.id)).toEqual([]);
    expect(available(shopper.id)).toBe(5000);
  });

  it('treats a cart of withdrawn products as empty', async () => {
    const { shopper, items } = shopperWithCart([{ price: 900, quantity: 1 }], 5000);
    db.update(products).set({ active: false }).where(eq(products.id, items[0]?.product.id ?? 0)).run();
    await expectCheckoutError(placeOrder(shopper, { method: 'wallet', checkoutKey: key() }), 'EMPTY_CART');
  });

  it('refuses an attempt key that placed another shopper\'s order', async () => {
    const first = shopperWithCart([{ price: 900, quantity: 1 }], 5000);
    const second = shopperWithCart([{ price: 900, quantity: 1 }], 5000);
    const checkoutKey = key();
    await placeOrder(first.shopper, { method: 'wallet', checkoutKey });
    await expectCheckoutError(placeOrder(second.shopper, { method: 'wallet', checkoutKey }), 'KEY_CONFLICT');
    expect(available(second.shopper.id)).toBe(5000);
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
    const parsed = checkoutFormSchema.parse(form);
    expect(Object.keys(parsed).sort()).toEqual(['cartVersion', 'checkoutKey', 'method']);
  });

  it('charges the catalog price at payment time, not the one seen when adding to the cart', async () => {
    const { shopper, items } = shopperWithCart([{ price: 1000, quantity: 2 }], 10_000);
    db.update(products).set({ priceMinor: 1500 }).where(eq(products.id, items[0]?.product.id ?? 0)).run();
    const placed = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    expect(placed.order.amountTotal).toBe(3000);
    expect(available(shopper.id)).toBe(7000);
  });

  it('refuses to charge a cart that changed since the checkout page was shown', async () => {
    const { shopper, items } = shopperWithCart([{ price: 1000, quantity: 1 }], 10_000);
    const shown = getCart(shopper.id).version;
    db.update(products).set({ priceMinor: 900 }).where(eq(products.id, items[0]?.product.id ?? 0)).run();
    await expectCheckoutError(placeOrder(shopper, { method: 'wallet', checkoutKey: key(), cartVersion: shown }), 'CART_CHANGED');
    addToCart(shopper.id, items[0]?.product.id ?? 0, 1);
    const again = getCart(shopper.id);
    expect(again.version).not.toBe(shown);
    const placed = await placeOrder(shopper, { method: 'wallet', checkoutKey: key(), cartVersion: again.version });
    expect(placed.order.amountTotal).toBe(1800);
  });
});

describe('payment methods', () => {
  it('refuses a way of paying the shop switched off', async () => {
    const { shopper } = shopperWithCart([{ price: 1000, quantity: 1 }], 10_000);
    updateSettings({ enabledPaymentMethods: ['card', 'wire_transfer', 'cash_on_delivery'] });
    try {
      await expectCheckoutError(placeOrder(shopper, { method: 'wallet', checkoutKey: key() }), 'METHOD_DISABLED');
      expect(ordersOf(shopper.id)).toEqual([]);
    } finally {
      updateSettings({ enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] });
    }
  });

  it('card (Demo): confirmed until the card payment completes, then paid exactly once', async () => {
    const { shopper } = shopperWithCart([{ price: 12_900, quantity: 1 }]);
    const checkoutKey = key();
    const placed = await placeOrder(shopper, { method: 'card', checkoutKey });
    expect(placed.order).toMatchObject({ state: 'confirmed', paymentMethod: 'card', amountTotal: 12_900 });
    expect(placed.payment).toMatchObject({ provider: 'demo', purpose: 'order', state: 'pending', orderId: placed.order.id });
    expect(placed.next).toBe(`/pay/demo/${placed.payment.reference}`);
    expect(listCartEntries(shopper.id)).toEqual([]);
    expect(transfersOfOrder(placed.order.id)).toEqual([]);

    const again = await placeOrder(shopper, { method: 'card', checkoutKey });
    expect(again).toMatchObject({ replayed: true, next: placed.next });
    expect(again.payment.id).toBe(placed.payment.id);

    expect(payWithDemoCard(shopper.id, placed.payment.reference, card).status).toBe('done');
    expect(completePayment(placed.payment.id)).toMatchObject({ alreadyDone: true });
    const order = db.select().from(orders).where(eq(orders.id, placed.order.id)).get();
    expect(order?.state).toBe('paid');
    const transfers = transfersOfOrder(placed.order.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: 'payment', amount: 12_900, description: `Payment for order ${placed.order.number}` });
    expect(findPayment(placed.payment.id)).toMatchObject({ state: 'done', transferId: transfers[0]?.id });
    expect(available(shopper.id)).toBe(0);
    expect((await placeOrder(shopper, { method: 'card', checkoutKey })).next).toBe(`/my/orders/${placed.order.number}`);
    expect(verifyLedger().ok).toBe(true);
  });

  it('card: a cancelled card page can be retried from the order, and one payment settles it', async () => {
    const { shopper } = shopperWithCart([{ price: 5000, quantity: 1 }]);
    const placed = await placeOrder(shopper, { method: 'card', checkoutKey: key() });
    const sameOpen = await payOrderByCard(shopper, placed.order.number, key());
    expect(sameOpen).toBe(placed.next);
    db.update(payments).set({ state: 'canceled' }).where(eq(payments.id, placed.payment.id)).run();
    const retryKey = key();
    const next = await payOrderByCard(shopper, placed.order.number, retryKey);
    expect(next).not.toBe(placed.next);
    expect(await payOrderByCard(shopper, placed.order.number, retryKey)).toBe(next);
    const reference = next.split('/').pop() ?? '';
    expect(payWithDemoCard(shopper.id, reference, card).status).toBe('done');
    expect(db.select().from(orders).where(eq(orders.id, placed.order.id)).get()?.state).toBe('paid');
    await expectCheckoutError(payOrderByCard(shopper, placed.order.number, key()), 'INVALID_STATE');
    const stranger = insertTestUser();
    await expectCheckoutError(payOrderByCard(stranger, placed.order.number, key()), 'NOT_FOUND');
  });

  it('card money arriving for an order settled meanwhile goes to the wallet, not lost', async () => {
    const { shopper } = shopperWithCart([{ price: 5000, quantity: 1 }]);
    const placed = await placeOrder(shopper, { method: 'card', checkoutKey: key() });
    db.update(orders).set({ state: 'canceled' }).where(eq(orders.id, placed.order.id)).run();
    completePayment(placed.payment.id);
    expect(available(shopper.id)).toBe(5000);
    expect(verifyLedger().ok).toBe(true);
  });

  it.each(['wire_transfer', 'cash_on_delivery'] as const)('%s: confirmed with the payment pending, no money moved', async (method) => {
    const { shopper } = shopperWithCart([{ price: 3300, quantity: 2 }]);
    const placed = await placeOrder(shopper, { method, checkoutKey: key() });
    expect(placed.order).toMatchObject({ state: 'confirmed', paymentMethod: method, amountTotal: 6600 });
    expect(placed.payment).toMatchObject({ provider: method, state: 'pending', amount: 6600 });
    expect(placed.payment.reference).toMatch(/^CW[0-9A-Z]{8}$/);
    expect(placed.next).toBe(`/my/orders/${placed.order.number}`);
    expect(transfersOfOrder(placed.order.id)).toEqual([]);
    expect(listCartEntries(shopper.id)).toEqual([]);
  });
});

describe('staff mark a wire / cash on delivery order paid', () => {
  it.each([
    ['wire_transfer', /^wire transfer CW/],
    ['cash_on_delivery', /^cash on delivery$/],
  ] as const)('%s: posts bank_clearing → sales once and records who did it', async (method, memo) => {
    const { shopper } = shopperWithCart([{ price: 4500, quantity: 1 }]);
    const staff = insertTestUser('staff');
    const placed = await placeOrder(shopper, { method, checkoutKey: key() });
    const outcome = markOrderPaid(placed.order.id, staff.id);
    expect(outcome.status).toBe('paid');
    if (outcome.status !== 'paid') return;
    expect(outcome.order.state).toBe('paid');
    expect(outcome.payment).toMatchObject({ id: placed.payment.id, state: 'done' });
    const transfers = transfersOfOrder(placed.order.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: 'payment', amount: 4500, createdBy: staff.id });
    expect(transfers[0]?.memo).toMatch(memo);
    expect(markOrderPaid(placed.order.id, staff.id).status).toBe('already_paid');
    expect(transfersOfOrder(placed.order.id)).toHaveLength(1);
    const audits = db.select().from(auditLog).where(and(eq(auditLog.actorId, staff.id), eq(auditLog.action, 'order.mark_paid'))).all();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectUserId: shopper.id, amount: 4500 });
    expect(available(shopper.id)).toBe(0);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses shoppers, card and wallet orders', async () => {
    const { shopper } = shopperWithCart([{ price: 4500, quantity: 1 }], 10_000);
    const staff = insertTestUser('staff');
    const cod = await placeOrder(shopper, { method: 'cash_on_delivery', checkoutKey: key() });
    await expectCheckoutError(() => markOrderPaid(cod.order.id, shopper.id), 'FORBIDDEN');
    fillTestCart(shopper.id, [{ product: insertTestProduct(100), quantity: 1 }]);
    const byCard = await placeOrder(shopper, { method: 'card', checkoutKey: key() });
    await expectCheckoutError(() => markOrderPaid(byCard.order.id, staff.id), 'INVALID_STATE');
    fillTestCart(shopper.id, [{ product: insertTestProduct(100), quantity: 1 }]);
    const byWallet = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    expect(markOrderPaid(byWallet.order.id, staff.id).status).toBe('already_paid');
    await expectCheckoutError(() => markOrderPaid(999_999, staff.id), 'NOT_FOUND');
  });
});

describe('Automatic Invoice', () => {
  const invoicesOf = (orderId: number) => db.select().from(invoices).where(eq(invoices.orderId, orderId)).all();

  it('on: a paid order gets a posted invoice, paid by that payment', async () => {
    updateSettings({ automaticInvoice: true });
    const { shopper } = shopperWithCart([{ price: 2200, quantity: 2 }], 10_000);
    const placed = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
    const [invoice, ...more] = invoicesOf(placed.order.id);
    expect(more).toHaveLength(0);
    expect(invoice).toMatchObject({ userId: shopper.id, amountTotal: 4400, amountResidual: 0, paymentState: 'paid' });
    expect(invoice?.number).toMatch(/^INV\/\d{4}\/\d{5}$/);
    expect(findPayment(placed.payment.id)?.invoiceId).toBe(invoice?.id);
  });

  it('on: card and staff-marked orders are invoiced when they become paid, not before', async () => {
    updateSettings({ automaticInvoice: true });
    const staff = insertTestUser('staff');
    const { shopper } = shopperWithCart([{ price: 1000, quantity: 1 }]);
    const byCard = await placeOrder(shopper, { method: 'card', checkoutKey: key() });
    expect(invoicesOf(byCard.order.id)).toEqual([]);
    payWithDemoCard(shopper.id, byCard.payment.reference, card);
    expect(invoicesOf(byCard.order.id)).toHaveLength(1);
    fillTestCart(shopper.id, [{ product: insertTestProduct(700), quantity: 1 }]);
    const byWire = await placeOrder(shopper, { method: 'wire_transfer', checkoutKey: key() });
    expect(invoicesOf(byWire.order.id)).toEqual([]);
    markOrderPaid(byWire.order.id, staff.id);
    expect(invoicesOf(byWire.order.id)).toMatchObject([{ amountTotal: 700, paymentState: 'paid' }]);
  });

  it('off: no invoice is created', async () => {
    updateSettings({ automaticInvoice: false });
    try {
      const { shopper } = shopperWithCart([{ price: 2200, quantity: 1 }], 10_000);
      const placed = await placeOrder(shopper, { method: 'wallet', checkoutKey: key() });
      expect(placed.order.state).toBe('paid');
      expect(invoicesOf(placed.order.id)).toEqual([]);
    } finally {
      updateSettings({ automaticInvoice: true });
    }
  });
});

it('leaves the ledger balanced after all of the above', () => {
  expect(verifyLedger()).toMatchObject({ ok: true, problems: [] });
});
