// Item 10 of issue 13: every way of paying checks Settings > Payment methods on the server, when
// it starts; money a provider already took for a payment started while allowed is still credited.
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { issueInvoice } from '@/lib/invoices/create';
import { payInvoiceFromWallet } from '@/lib/invoices/pay-wallet';
import { startInvoiceCardPayment } from '@/lib/invoices/pay-card';
import { startInvoiceSplitPayment } from '@/lib/invoices/pay-split';
import { payOrderByCard, placeOrder } from '@/lib/checkout';
import { getBalance } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { isPaymentMethodEnabled, updateSettings, type ShopPaymentMethod } from '@/lib/settings';
import { startTopUp } from '@/lib/wallet/top-ups';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { assertLedgerVerifies, databaseSnapshot } from './database-snapshot';

const allMethods: ShopPaymentMethod[] = ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'];
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const key = () => crypto.randomUUID();
const db = getDatabase();
const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;

async function setMethods(enabledPaymentMethods: ShopPaymentMethod[]) {
  await db.write((tx) => updateSettings(tx, { enabledPaymentMethods }));
}

async function turnOff(...off: ShopPaymentMethod[]) {
  await setMethods(allMethods.filter((method) => !off.includes(method)));
}

afterEach(() => setMethods(allMethods));

/** A shopper with 10.00 in the wallet, a 25.00 item in the cart and a 40.00 invoice due. */
async function shopper() {
  const user = await insertTestUser(db);
  await fundTestWallet(db, user.id, 1_000);
  await fillTestCart(db, user.id, [{ product: await insertTestProduct(db, 2_500), quantity: 1 }]);
  const invoice = await issueInvoice(db, { userId: user.id, currency: 'USD', lines: [{ description: 'Work', quantity: 1, unitPriceMinor: 4_000 }] });
  return { user, invoiceId: invoice.id };
}

type Start = (who: Awaited<ReturnType<typeof shopper>>) => Promise<unknown>;

// Each way of paying, and the setting that must switch it off.
const starts: [string, ShopPaymentMethod, Start][] = [
  ['card top-up', 'card', ({ user }) => startTopUp(db, user, { amount: '50.00', method: 'card', attemptKey: key() })],
  ['wire top-up', 'wire_transfer', ({ user }) => startTopUp(db, user, { amount: '50.00', method: 'wire_transfer', attemptKey: key() })],
  ['checkout by wallet', 'wallet', ({ user }) => placeOrder(db, user, { method: 'wallet', checkoutKey: key() })],
  ['checkout by card', 'card', ({ user }) => placeOrder(db, user, { method: 'card', checkoutKey: key() })],
  ['checkout by wire', 'wire_transfer', ({ user }) => placeOrder(db, user, { method: 'wire_transfer', checkoutKey: key() })],
  ['checkout cash on delivery', 'cash_on_delivery', ({ user }) => placeOrder(db, user, { method: 'cash_on_delivery', checkoutKey: key() })],
  ['checkout wallet and card, wallet off', 'wallet', ({ user }) => placeOrder(db, user, { method: 'wallet_and_card', checkoutKey: key() })],
  ['checkout wallet and card, card off', 'card', ({ user }) => placeOrder(db, user, { method: 'wallet_and_card', checkoutKey: key() })],
  ['invoice from wallet', 'wallet', async ({ user, invoiceId }) => payInvoiceFromWallet(db, user.id, invoiceId, { attemptKey: key(), amount: 'available' })],
  ['invoice by card', 'card', ({ user, invoiceId }) => startInvoiceCardPayment(db, user, invoiceId, { attemptKey: key() })],
  ['invoice wallet and card, wallet off', 'wallet', ({ user, invoiceId }) => startInvoiceSplitPayment(db, user, invoiceId, { attemptKey: key() })],
  ['invoice wallet and card, card off', 'card', ({ user, invoiceId }) => startInvoiceSplitPayment(db, user, invoiceId, { attemptKey: key() })],
];

/** What a start returned or threw. */
async function outcomeOf(start: () => Promise<unknown>): Promise<unknown> {
  try {
    return await start();
  } catch (error) {
    return error;
  }
}

/** Refused: a METHOD_DISABLED error or result, and nothing written. */
async function expectRefused(start: () => Promise<unknown>): Promise<void> {
  const before = await databaseSnapshot(db);
  expect(await outcomeOf(start)).toMatchObject({ code: 'METHOD_DISABLED' });
  expect(await databaseSnapshot(db)).toEqual(before);
  await assertLedgerVerifies(db);
}

describe('a payment method turned off in Settings', () => {
  // The control: while on, each start gets past the check (the 10.00 wallet may still be short).
  it.each(starts)('%s: not refused for the method while on', async (_name, _method, start) => {
    const who = await shopper();
    expect(await outcomeOf(() => start(who))).not.toMatchObject({ code: 'METHOD_DISABLED' });
  });

  it.each(starts)('%s: refused when off, nothing created', async (_name, method, start) => {
    const who = await shopper();
    await turnOff(method);
    await expectRefused(() => start(who));
  });

  it('refuses paying an order by card again once card is off', async () => {
    const { user } = await shopper();
    const placed = await placeOrder(db, user, { method: 'card', checkoutKey: key() });
    await turnOff('card');
    await expectRefused(() => payOrderByCard(db, user, placed.order.number, key()));
  });
});

describe('a Demo card payment when card is turned off after it started', () => {
  it('is refused on the card form, before the card is charged, and pays once card is back on', async () => {
    const { user } = await shopper();
    const started = await startTopUp(db, user, { amount: '50.00', method: 'card', attemptKey: key() });
    if (started.status !== 'redirect') throw new Error(`expected a card page, got ${started.status}`);
    await turnOff('card');

    expect(await payWithDemoCard(db, user.id, started.payment.reference, card)).toEqual({ status: 'refused', code: 'METHOD_DISABLED' });
    expect(await available(user.id)).toBe(1_000);
    expect((await findPayment(db.read, started.payment.id))?.state).toBe('pending');

    await setMethods(allMethods);
    expect((await payWithDemoCard(db, user.id, started.payment.reference, card)).status).toBe('done');
    expect(await available(user.id)).toBe(6_000);
  });

  it('still credits money the provider took for a payment started while card was on', async () => {
    const { user } = await shopper();
    const started = await startTopUp(db, user, { amount: '50.00', method: 'card', attemptKey: key() });
    if (started.status !== 'redirect') throw new Error(`expected a card page, got ${started.status}`);
    await turnOff('card');
    // What a webhook or the return page does once the provider says it took the money.
    expect((await db.write((tx) => completePayment(tx, started.payment.id))).payment.state).toBe('done');
    expect(await available(user.id)).toBe(6_000);
    await assertLedgerVerifies(db);
  });
});

describe('isPaymentMethodEnabled', () => {
  it('is true only when every method named is on', async () => {
    await turnOff('card');
    expect(await isPaymentMethodEnabled(db.read, 'wallet')).toBe(true);
    expect(await isPaymentMethodEnabled(db.read, 'card')).toBe(false);
    expect(await isPaymentMethodEnabled(db.read, 'wallet', 'card')).toBe(false);
    expect(await isPaymentMethodEnabled(db.read, 'wallet', 'wire_transfer')).toBe(true);
  });
});
