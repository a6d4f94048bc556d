// Item 10 of issue 13: every way of paying checks Settings > Payment methods on the server, when
// it starts; money a provider already took for a payment started while allowed is still credited.
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createInvoice } from '@/lib/invoices/create';
import { payInvoiceFromWallet } from '@/lib/invoices/pay-wallet';
import { startInvoiceCardPayment } from '@/lib/invoices/pay-card';
import { startInvoiceSplitPayment } from '@/lib/invoices/pay-split';
import { payOrderByCard, placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { isPaymentMethodEnabled, updateSettings, type ShopPaymentMethod } from '@/lib/settings';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { assertLedgerVerifies, databaseSnapshot } from './database-snapshot';

const allMethods: ShopPaymentMethod[] = ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'];
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const key = () => crypto.randomUUID();
const available = (userId: number) => getBalance({ wallet: userId, currency: 'USD' }).available;

function turnOff(...off: ShopPaymentMethod[]) {
  updateSettings({ enabledPaymentMethods: allMethods.filter((method) => !off.includes(method)) });
}

afterEach(() => updateSettings({ enabledPaymentMethods: allMethods }));

/** A shopper with 10.00 in the wallet, a 25.00 item in the cart and a 40.00 invoice due. */
function shopper() {
  const user = insertTestUser();
  fundTestWallet(user.id, 1_000);
  fillTestCart(user.id, [{ product: insertTestProduct(2_500), quantity: 1 }]);
  const invoice = createInvoice({ userId: user.id, currency: 'USD', lines: [{ description: 'Work', quantity: 1, unitPriceMinor: 4_000 }] });
  return { user, invoiceId: invoice.id };
}

type Start = (who: ReturnType<typeof shopper>) => Promise<unknown>;

// Each way of paying, and the setting that must switch it off.
const starts: [string, ShopPaymentMethod, Start][] = [
  ['card top-up', 'card', ({ user }) => startTopUp(user, { amount: '50.00', method: 'card', attemptKey: key() })],
  ['wire top-up', 'wire_transfer', ({ user }) => startTopUp(user, { amount: '50.00', method: 'wire_transfer', attemptKey: key() })],
  ['checkout by wallet', 'wallet', ({ user }) => placeOrder(user, { method: 'wallet', checkoutKey: key() })],
  ['checkout by card', 'card', ({ user }) => placeOrder(user, { method: 'card', checkoutKey: key() })],
  ['checkout by wire', 'wire_transfer', ({ user }) => placeOrder(user, { method: 'wire_transfer', checkoutKey: key() })],
  ['checkout cash on delivery', 'cash_on_delivery', ({ user }) => placeOrder(user, { method: 'cash_on_delivery', checkoutKey: key() })],
  ['checkout wallet and card, wallet off', 'wallet', ({ user }) => placeOrder(user, { method: 'wallet_and_card', checkoutKey: key() })],
  ['checkout wallet and card, card off', 'card', ({ user }) => placeOrder(user, { method: 'wallet_and_card', checkoutKey: key() })],
  ['invoice from wallet', 'wallet', async ({ user, invoiceId }) => payInvoiceFromWallet(user.id, invoiceId, { attemptKey: key(), amount: 'available' })],
  ['invoice by card', 'card', ({ user, invoiceId }) => startInvoiceCardPayment(user, invoiceId, { attemptKey: key() })],
  ['invoice wallet and card, wallet off', 'wallet', ({ user, invoiceId }) => startInvoiceSplitPayment(user, invoiceId, { attemptKey: key() })],
  ['invoice wallet and card, card off', 'card', ({ user, invoiceId }) => startInvoiceSplitPayment(user, invoiceId, { attemptKey: key() })],
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
  const before = databaseSnapshot();
  expect(await outcomeOf(start)).toMatchObject({ code: 'METHOD_DISABLED' });
  expect(databaseSnapshot()).toEqual(before);
  assertLedgerVerifies();
}

describe('a payment method turned off in Settings', () => {
  // The control: while on, each start gets past the check (the 10.00 wallet may still be short).
  it.each(starts)('%s: not refused for the method while on', async (_name, _method, start) => {
    const who = shopper();
    expect(await outcomeOf(() => start(who))).not.toMatchObject({ code: 'METHOD_DISABLED' });
  });

  it.each(starts)('%s: refused when off, nothing created', async (_name, method, start) => {
    const who = shopper();
    turnOff(method);
    await expectRefused(() => start(who));
  });

  it('refuses paying an order by card again once card is off', async () => {
    const { user } = shopper();
    const placed = await placeOrder(user, { method: 'card', checkoutKey: key() });
    turnOff('card');
    await expectRefused(() => payOrderByCard(user, placed.order.number, key()));
  });
});

describe('a Demo card payment when card is turned off after it started', () => {
  it('is refused on the card form, before the card is charged, and pays once card is back on', async () => {
    const { user } = shopper();
    const started = await startTopUp(user, { amount: '50.00', method: 'card', attemptKey: key() });
    if (started.status !== 'redirect') throw new Error(`expected a card page, got ${started.status}`);
    turnOff('card');

    expect(payWithDemoCard(user.id, started.payment.reference, card)).toEqual({ status: 'refused', code: 'METHOD_DISABLED' });
    expect(available(user.id)).toBe(1_000);
    expect(findPayment(started.payment.id)?.state).toBe('pending');

    updateSettings({ enabledPaymentMethods: allMethods });
    expect(payWithDemoCard(user.id, started.payment.reference, card).status).toBe('done');
    expect(available(user.id)).toBe(6_000);
  });

  it('still credits money the provider took for a payment started while card was on', async () => {
    const { user } = shopper();
    const started = await startTopUp(user, { amount: '50.00', method: 'card', attemptKey: key() });
    if (started.status !== 'redirect') throw new Error(`expected a card page, got ${started.status}`);
    turnOff('card');
    // What a webhook or the return page does once the provider says it took the money.
    expect(completePayment(started.payment.id).payment.state).toBe('done');
    expect(available(user.id)).toBe(6_000);
    assertLedgerVerifies();
  });
});

describe('isPaymentMethodEnabled', () => {
  it('is true only when every method named is on', () => {
    turnOff('card');
    expect(isPaymentMethodEnabled('wallet')).toBe(true);
    expect(isPaymentMethodEnabled('card')).toBe(false);
    expect(isPaymentMethodEnabled('wallet', 'card')).toBe(false);
    expect(isPaymentMethodEnabled('wallet', 'wire_transfer')).toBe(true);
  });
});
