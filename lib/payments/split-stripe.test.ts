// Wallet and Card through Stripe Checkout (a local stand-in answering with Stripe's own objects).
import crypto from 'node:crypto';
import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers, orders, payments } from '@/db/schema';
import { payOrderByCard, placeOrder } from '@/lib/checkout';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { sweepExpiredHolds } from './split-holds';
import { handleStripeWebhook, syncCheckoutSession } from './stripe';

const db = getDatabase();
const stripe = useStripeStandIn('whsec_test_coffer_split');

async function deliver(event: Stripe.Event) {
  const { payload, header } = stripe.sign(event);
  return handleStripeWebhook(db, payload, header);
}

async function splitThroughStripe() {
  const shopper = await insertTestUser(db);
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
  const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  const [card] = await db.read.select().from(payments).where(eq(payments.id, placed.payment.id));
  return { shopper, placed, sessionId: card?.providerReference ?? '' };
}

const partsOf = (orderId: number) => db.read.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id);
const orderState = async (orderId: number) => (await db.read.select().from(orders).where(eq(orders.id, orderId)))[0]?.state;
const transfersOf = (orderId: number) => db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, orderId)).orderBy(ledgerTransfers.id);
const walletOf = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const ledgerOk = async () => (await verifyLedger(db.read)).ok;

describe('Wallet and Card with Stripe Checkout', () => {
  it('opens a session for the remainder only; webhook and return page racing capture the hold once', async () => {
    const { shopper, placed, sessionId } = await splitThroughStripe();
    expect(placed.next).toBe(`${stripe.standIn.url}/pay/${sessionId}`);
    expect(stripe.standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 5_000 });

    const paid = stripe.standIn.payFor(sessionId);
    await Promise.all([
      deliver(stripe.standIn.eventFor('checkout.session.completed', paid)),
      syncCheckoutSession(db, sessionId),
      deliver(stripe.standIn.eventFor('checkout.session.completed', paid)),
    ]);
    expect(await orderState(placed.order.id)).toBe('paid');
    expect((await partsOf(placed.order.id)).map((p) => [p.provider, p.state, p.amount])).toEqual([
      ['wallet', 'done', 10_000],
      ['stripe', 'done', 5_000],
    ]);
    const transfers = await transfersOf(placed.order.id);
    expect(transfers.map((t) => [t.state, t.amount]).sort()).toEqual([
      ['posted', 10_000],
      ['posted', 5_000],
    ]);
    expect(await walletOf(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect(await ledgerOk()).toBe(true);
  });

  it('an expired Stripe page (webhook) releases the hold, once', async () => {
    const { shopper, placed, sessionId } = await splitThroughStripe();
    const expired = stripe.standIn.expire(sessionId);
    await deliver(stripe.standIn.eventFor('checkout.session.expired', expired));
    await syncCheckoutSession(db, sessionId);
    expect((await partsOf(placed.order.id)).map((p) => [p.provider, p.state])).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'canceled'],
    ]);
    expect(await orderState(placed.order.id)).toBe('confirmed');
    expect(await walletOf(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    const transfers = await transfersOf(placed.order.id);
    expect(transfers.map((t) => [t.state, t.amount])).toEqual([['voided', 10_000]]);
    expect(await ledgerOk()).toBe(true);
  });
});

describe('a Stripe split whose hold expired', () => {
  it('voids the hold but leaves the Stripe page payable: a late payment reaches the wallet, and paying again charges the full total', async () => {
    const { shopper, placed, sessionId } = await splitThroughStripe();
    const [hold] = await partsOf(placed.order.id);
    if (!hold) throw new Error('A split has a wallet part.');
    await sweepExpiredHolds(db, new Date(hold.createdAt.getTime() + 31 * 60_000));
    expect((await partsOf(placed.order.id)).map((p) => [p.provider, p.state])).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'pending'],
    ]);
    expect(await walletOf(shopper.id)).toMatchObject({ available: 10_000, held: 0 });

    // Paying the order again opens a payment of the full total, not the stale remainder.
    await payOrderByCard(db, shopper, placed.order.number, crypto.randomUUID());
    const parts = await partsOf(placed.order.id);
    expect(parts.map((p) => [p.provider, p.state, p.amount])).toEqual([
      ['wallet', 'canceled', 10_000],
      ['stripe', 'pending', 5_000],
      ['stripe', 'pending', 15_000],
    ]);

    // The old Stripe page is paid after all: the 50.00 is kept in the wallet, the order still waits.
    const paid = stripe.standIn.payFor(sessionId);
    await deliver(stripe.standIn.eventFor('checkout.session.completed', paid));
    expect(await orderState(placed.order.id)).toBe('confirmed');
    expect(await walletOf(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    expect(await ledgerOk()).toBe(true);
  });
});
