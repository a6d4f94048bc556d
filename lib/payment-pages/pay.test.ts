import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { apiPayments, payments } from '@/db/schema';
import { findApiPayment } from '@/lib/api/wallet-payments';
import { getBalance, setWalletNegativeLimit, verifyLedger } from '@/lib/ledger';
import { demoCardSchema, DEMO_DECLINED_NUMBER } from '@/lib/payments/demo-card';
import { updateSettings } from '@/lib/settings';
import { fundTestWallet } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { expirePaymentPage, findPaymentPage } from './pages';
import { payOnPage, type PagePayInput } from './pay';
import { openTestPage, testApiKey } from './test-helpers';

const db = getDatabase();
const { apiKeyId } = await testApiKey(db);
const card = demoCardSchema().parse({ cardHolderName: 'Ada Lovelace', cardNumber: '4242 4242 4242 4242', expiry: '12/44', cvc: '123' });
const declined = { ...card, cardNumber: DEMO_DECLINED_NUMBER };
const key = () => crypto.randomUUID();
const walletOf = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;

async function buyer(funds: number) {
  const user = await insertTestUser(db);
  if (funds > 0) await fundTestWallet(db, user.id, funds);
  return user;
}

const pay = (token: string, more: Partial<PagePayInput>) => payOnPage(db, { token, attemptKey: key(), method: 'card', amount: null, card, payerId: null, ...more });

describe('a checkout page', () => {
  it('is paid whole by a Demo card, recorded as an API payment, and completes', async () => {
    const page = await openTestPage(db, apiKeyId, { paidPrice: 3000 });
    const result = await pay(page.token, {});
    expect(result.status).toBe('paid');
    if (result.status !== 'paid') return;
    expect(result.payment).toMatchObject({ amount: 3000, provider: 'demo', state: 'done' });
    expect(result.view).toMatchObject({ state: 'completed', paid: 3000, remaining: 0, successfulPayments: 1, paymentIds: [result.payment.id] });
    const api = await findApiPayment(db.read, result.payment.id);
    expect(api?.details).toMatchObject({ apiKeyId, conversationId: 'conv-1', externalId: 'ext-1', paymentGroup: 'PRODUCT' });
    expect((await findPaymentPage(db.read, page.token))?.page.completedAt).toBeInstanceOf(Date);
    // Paid once: another attempt finds the page closed.
    expect(await pay(page.token, {})).toEqual({ status: 'refused', reason: 'closed' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('is paid from the buyer’s own wallet', async () => {
    const member = await buyer(5000);
    const page = await openTestPage(db, apiKeyId, { paidPrice: 3000, buyerId: member.id });
    const result = await pay(page.token, { method: 'wallet', card: undefined, payerId: member.id });
    expect(result).toMatchObject({ status: 'paid', payment: { provider: 'wallet', amount: 3000 }, view: { state: 'completed', remaining: 0 } });
    expect(await walletOf(member.id)).toBe(2000);
  });

  it('refuses the wallet to anyone but the page’s buyer, and to a page without one', async () => {
    const member = await buyer(5000);
    const other = await buyer(5000);
    const page = await openTestPage(db, apiKeyId, { buyerId: member.id });
    expect(await pay(page.token, { method: 'wallet', payerId: other.id })).toEqual({ status: 'refused', reason: 'not_buyer' });
    expect(await pay(page.token, { method: 'wallet', payerId: null })).toEqual({ status: 'refused', reason: 'not_buyer' });
    const anonymous = await openTestPage(db, apiKeyId);
    expect(await pay(anonymous.token, { method: 'wallet', payerId: other.id })).toEqual({ status: 'refused', reason: 'not_buyer' });
    expect(await walletOf(other.id)).toBe(5000);
    expect((await findPaymentPage(db.read, page.token))?.paymentIds).toEqual([]);
  });

  it('refuses a wallet that cannot cover it (balance plus overdraft limit) and records nothing', async () => {
    const member = await buyer(1000);
    await db.write((tx) => setWalletNegativeLimit(tx, { wallet: member.id, currency: 'USD' }, 1999));
    const page = await openTestPage(db, apiKeyId, { paidPrice: 3000, buyerId: member.id });
    expect(await pay(page.token, { method: 'wallet', payerId: member.id })).toEqual({ status: 'refused', reason: 'insufficient_funds' });
    expect((await findPaymentPage(db.read, page.token))?.paymentIds).toEqual([]);
    await db.write((tx) => setWalletNegativeLimit(tx, { wallet: member.id, currency: 'USD' }, 2000));
    expect(await pay(page.token, { method: 'wallet', payerId: member.id })).toMatchObject({ status: 'paid' });
    expect(await walletOf(member.id)).toBe(-2000);
  });

  it('records a declined card as a failed payment and stays open for another card', async () => {
    const page = await openTestPage(db, apiKeyId);
    const first = await pay(page.token, { card: declined });
    expect(first).toMatchObject({ status: 'declined', payment: { state: 'error' }, view: { state: 'open', paid: 0, remaining: 3000 } });
    const second = await pay(page.token, {});
    expect(second).toMatchObject({ status: 'paid', view: { state: 'completed' } });
    if (first.status !== 'declined' || second.status !== 'paid') return;
    expect(second.view.paymentIds).toEqual([first.payment.id, second.payment.id]);
    expect(second.view.lastPaymentId).toBe(second.payment.id);
  });

  it('offers only the ways the page names', async () => {
    const member = await buyer(5000);
    const cardOnly = await openTestPage(db, apiKeyId, { buyerId: member.id, paymentMethods: ['CARD'] });
    expect(await pay(cardOnly.token, { method: 'wallet', payerId: member.id })).toEqual({ status: 'refused', reason: 'method' });
    const walletOnly = await openTestPage(db, apiKeyId, { buyerId: member.id, paymentMethods: ['WALLET'] });
    expect(await pay(walletOnly.token, {})).toEqual({ status: 'refused', reason: 'method' });
  });

  it('refuses cards while Settings turn them off', async () => {
    const page = await openTestPage(db, apiKeyId);
    await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet'] }));
    try {
      expect(await pay(page.token, {})).toEqual({ status: 'refused', reason: 'method' });
    } finally {
      await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] }));
    }
  });

  it('refuses an expired page and an unknown token', async () => {
    const page = await openTestPage(db, apiKeyId);
    await db.write((tx) => expirePaymentPage(tx, page.token));
    expect(await pay(page.token, {})).toEqual({ status: 'refused', reason: 'closed' });
    expect(await pay('no-such-page', {})).toEqual({ status: 'refused', reason: 'not_found' });
    const member = await buyer(5000);
    const lapsed = await openTestPage(db, apiKeyId, { buyerId: member.id, ttlMinutes: 1 });
    const later = new Date(Date.now() + 2 * 60_000);
    const { lockForPayment } = await import('./pay');
    expect(await db.write((tx) => lockForPayment(tx, lapsed.id, null, later))).toEqual({ ok: false, reason: 'closed' });
  });

  it('pays once for a double submit, and once for two parallel payments', async () => {
    const member = await buyer(10_000);
    const page = await openTestPage(db, apiKeyId, { buyerId: member.id });
    const attemptKey = key();
    const [a, b] = await Promise.all([
      payOnPage(db, { token: page.token, attemptKey, method: 'wallet', amount: null, payerId: member.id }),
      payOnPage(db, { token: page.token, attemptKey, method: 'wallet', amount: null, payerId: member.id }),
    ]);
    expect(a).toMatchObject({ status: 'paid' });
    expect(b).toMatchObject({ status: 'paid' });
    if (a.status === 'paid' && b.status === 'paid') expect(a.payment.id).toBe(b.payment.id);
    expect(await walletOf(member.id)).toBe(7000);

    const twice = await openTestPage(db, apiKeyId, { buyerId: member.id });
    const results = await Promise.all([
      pay(twice.token, { method: 'wallet', payerId: member.id }),
      pay(twice.token, {}),
      pay(twice.token, { method: 'wallet', payerId: member.id }),
      pay(twice.token, {}),
    ]);
    expect(results.filter((result) => result.status === 'paid')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'refused')).toHaveLength(3);
    expect(await findPaymentPage(db.read, twice.token)).toMatchObject({ state: 'completed', paid: 3000, successfulPayments: 1 });
  });
});

describe('a deposit page', () => {
  it('credits the buyer’s wallet by card, once', async () => {
    const member = await buyer(0);
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 2500, buyerId: member.id });
    expect(await pay(page.token, { card: declined })).toMatchObject({ status: 'declined', view: { state: 'open' } });
    expect(await walletOf(member.id)).toBe(0);
    const result = await pay(page.token, {});
    expect(result).toMatchObject({ status: 'paid', payment: { purpose: 'top_up', amount: 2500, state: 'done' }, view: { state: 'completed', paid: 2500 } });
    expect(await walletOf(member.id)).toBe(2500);
    expect(await pay(page.token, {})).toEqual({ status: 'refused', reason: 'closed' });
    expect(await walletOf(member.id)).toBe(2500);
  });

  it('takes no wallet payment', async () => {
    const member = await buyer(5000);
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', buyerId: member.id });
    expect(await pay(page.token, { method: 'wallet', payerId: member.id })).toEqual({ status: 'refused', reason: 'method' });
  });

  it('naming a member, is paid by card by anyone holding the link, always into that member’s wallet', async () => {
    const member = await buyer(0);
    const other = await buyer(0);
    const byVisitor = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1500, buyerId: member.id });
    expect(await pay(byVisitor.token, { payerId: null })).toMatchObject({ status: 'paid', payment: { userId: member.id } });
    const byOther = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1000, buyerId: member.id });
    expect(await pay(byOther.token, { payerId: other.id })).toMatchObject({ status: 'paid', payment: { userId: member.id } });
    expect(await walletOf(member.id)).toBe(2500);
    expect(await walletOf(other.id)).toBe(0);
  });

  it("refuses a deposit the wallet has no room for (the shop's maximum wallet balance) before a card is charged", async () => {
    const member = await buyer(9000);
    await db.write((tx) => updateSettings(tx, { maxWalletBalance: 10_000 }));
    try {
      const over = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1001, buyerId: member.id });
      expect(await pay(over.token, {})).toEqual({ status: 'refused', reason: 'wallet_full', params: { room: 1000 } });
      expect(await findPaymentPage(db.read, over.token)).toMatchObject({ state: 'open', paymentIds: [] });
      const fits = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1000, buyerId: member.id });
      expect(await pay(fits.token, {})).toMatchObject({ status: 'paid' });
      expect(await walletOf(member.id)).toBe(10_000);
    } finally {
      await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000_000_000_000 }));
    }
  });
});

describe('a deposit page naming no member (a top-up link)', () => {
  it('asks a visitor to sign in and tells staff it is for a customer’s wallet; nothing is recorded', async () => {
    const staff = await insertTestUser(db, 'staff');
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 2000 });
    expect(await pay(page.token, { payerId: null })).toEqual({ status: 'refused', reason: 'no_buyer' });
    expect(await pay(page.token, { payerId: staff.id })).toEqual({ status: 'refused', reason: 'not_customer' });
    expect(await pay(page.token, { payerId: 987_654_321 })).toEqual({ status: 'refused', reason: 'no_buyer' });
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paymentIds: [] });
    expect(await walletOf(staff.id)).toBe(0);
  });

  it('tops up the wallet of the signed-in customer who pays, once; a declined card leaves it open', async () => {
    const shopper = await buyer(500);
    const later = await buyer(0);
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 2000 });
    expect(await pay(page.token, { payerId: shopper.id, card: declined })).toMatchObject({ status: 'declined', payment: { userId: shopper.id, state: 'error' }, view: { state: 'open' } });
    const result = await pay(page.token, { payerId: shopper.id });
    expect(result).toMatchObject({ status: 'paid', payment: { userId: shopper.id, purpose: 'top_up', amount: 2000, state: 'done' }, view: { state: 'completed', paid: 2000 } });
    expect(await walletOf(shopper.id)).toBe(2500);
    // One deposit per page: the next shopper finds it closed.
    expect(await pay(page.token, { payerId: later.id })).toEqual({ status: 'refused', reason: 'closed' });
    expect(await walletOf(later.id)).toBe(0);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('under shoppers paying at once, takes one deposit into one wallet', async () => {
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => buyer(0)));
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 3000 });
    const results = await Promise.all(shoppers.map((shopper) => pay(page.token, { payerId: shopper.id })));
    const paid = results.filter((result) => result.status === 'paid');
    expect(paid).toHaveLength(1);
    expect(results.filter((result) => result.status === 'refused')).toEqual(Array.from({ length: 5 }, () => ({ status: 'refused', reason: 'closed' })));
    const wallets = await Promise.all(shoppers.map((shopper) => walletOf(shopper.id)));
    expect(wallets.filter((amount) => amount !== 0)).toEqual([3000]);
    const winner = paid[0]?.status === 'paid' ? paid[0].payment.userId : undefined;
    expect(wallets[shoppers.findIndex((shopper) => shopper.id === winner)]).toBe(3000);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 3000, successfulPayments: 1, paymentIds: [expect.any(Number)] });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('a multi payment page', () => {
  it('takes several payments, wallet and card, and completes when nothing remains', async () => {
    const member = await buyer(1000);
    const page = await openTestPage(db, apiKeyId, {
      kind: 'multi',
      paidPrice: 3000,
      buyerId: member.id,
      maxPayments: 3,
      items: [
        { name: 'Mug', externalId: 'm', price: 1000 },
        { name: 'Kettle', externalId: 'k', price: 2000 },
      ],
    });
    const first = await pay(page.token, { method: 'wallet', amount: 1000, payerId: member.id });
    expect(first).toMatchObject({ status: 'paid', view: { state: 'open', paid: 1000, remaining: 2000 } });
    if (first.status === 'paid') {
      const api = await findApiPayment(db.read, first.payment.id);
      // A part of the basket: each item's share of the amount.
      expect(JSON.parse(api?.details.items ?? '[]')).toEqual([
        { name: 'Mug', externalId: 'm', price: 333 },
        { name: 'Kettle', externalId: 'k', price: 667 },
      ]);
    }
    expect(await pay(page.token, { amount: 2001 })).toEqual({ status: 'refused', reason: 'amount', params: { max: 2000, min: 1 } });
    expect(await pay(page.token, { amount: 0 })).toMatchObject({ status: 'refused', reason: 'amount' });
    expect(await pay(page.token, { amount: 500, card: declined })).toMatchObject({ status: 'declined', view: { remaining: 2000 } });
    expect(await pay(page.token, { amount: 500 })).toMatchObject({ status: 'paid', view: { remaining: 1500, successfulPayments: 2 } });
    // The third and last allowed payment must cover what is left.
    expect(await pay(page.token, { amount: 1000 })).toEqual({ status: 'refused', reason: 'amount', params: { max: 1500, min: 1500 } });
    const last = await pay(page.token, { amount: 1500 });
    expect(last).toMatchObject({ status: 'paid', view: { state: 'completed', paid: 3000, remaining: 0, successfulPayments: 3 } });
    expect((await findPaymentPage(db.read, page.token))?.paymentIds).toHaveLength(4);
    expect(await walletOf(member.id)).toBe(0);
  });

  it.each([
    { payments: 8, each: 1000, paidPrice: 3000, maxPayments: null, paid: 3 },
    { payments: 8, each: 700, paidPrice: 3000, maxPayments: null, paid: 4 },
    { payments: 8, each: 500, paidPrice: 5000, maxPayments: 2, paid: 1 },
    { payments: 6, each: 1000, paidPrice: 1000, maxPayments: 5, paid: 1 },
  ])('under $payments parallel payments of $each on $paidPrice (max $maxPayments) never overpays', async ({ payments: n, each, paidPrice, maxPayments, paid }) => {
    const member = await buyer(100_000);
    const page = await openTestPage(db, apiKeyId, { kind: 'multi', paidPrice, buyerId: member.id, maxPayments });
    const results = await Promise.all(
      Array.from({ length: n }, (_, index) => (index % 2 === 0 ? pay(page.token, { method: 'wallet', amount: each, payerId: member.id }) : pay(page.token, { amount: each }))),
    );
    const succeeded = results.filter((result) => result.status === 'paid');
    expect(succeeded).toHaveLength(paid);
    const view = await findPaymentPage(db.read, page.token);
    expect(view?.paid).toBe(paid * each);
    expect(view?.paid).toBeLessThanOrEqual(paidPrice);
    expect(view?.successfulPayments).toBeLessThanOrEqual(maxPayments ?? Infinity);
    expect(100_000 - (await walletOf(member.id))).toBeLessThanOrEqual(paidPrice);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

it('leaves no payments row behind for a refused wallet payment', async () => {
  const member = await buyer(0);
  const page = await openTestPage(db, apiKeyId, { buyerId: member.id });
  await pay(page.token, { method: 'wallet', payerId: member.id });
  expect(await db.read.select().from(payments).where(eq(payments.userId, member.id))).toEqual([]);
  expect(await db.read.select().from(apiPayments).where(eq(apiPayments.apiKeyId, -1))).toEqual([]);
});
