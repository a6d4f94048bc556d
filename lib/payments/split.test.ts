import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices, ledgerTransfers, orders, payments } from '@/db/schema';
import { CheckoutError, placeOrder } from '@/lib/checkout';
import { getBalance, listPendingTransfers, verifyLedger } from '@/lib/ledger';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import { listCartEntries } from '@/lib/shop/cart';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { closePayment, completePayment } from './complete';
import type { PaymentFailureCode } from './failures';
import { payWithDemoCard } from './demo';
import { PaymentError } from './errors';
import { findPayment as findPaymentIn } from './records';
import { sweepExpiredHolds } from './split-holds';

const db = getDatabase();
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const declined = { ...card, cardNumber: '4000 0000 0000 0002' };
const wallet = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const sales = async () => (await getBalance(db.read, { system: 'sales', currency: 'USD' })).posted;
const orderRow = async (id: number) => (await db.read.select().from(orders).where(eq(orders.id, id)))[0];
const paymentsOf = (orderId: number) => db.read.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id);
const transfersOf = (orderId: number) => db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, orderId)).orderBy(ledgerTransfers.id);
const findPayment = (id: number) => findPaymentIn(db.read, id);
const complete = (paymentId: number, amount?: number) => db.write((tx) => completePayment(tx, paymentId, amount));
const close = (paymentId: number, outcome: 'canceled' | 'error', code: PaymentFailureCode) => db.write((tx) => closePayment(tx, paymentId, outcome, { code }));
const stateOf = async (paymentId: number) => (await findPayment(paymentId))?.state;

/** A shopper with 100.00 in the wallet and a 150.00 cart, who chooses Wallet and Card. */
async function splitOrder(funds = 10_000, total = 15_000) {
  const shopper = await insertTestUser(db);
  await fundTestWallet(db, shopper.id, funds);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, total), quantity: 1 }]);
  const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  const [hold, cardPart] = await paymentsOf(placed.order.id);
  if (!hold || !cardPart) throw new Error('A split order has two payments.');
  return { shopper, placed, hold, cardPart };
}

async function expectLedgerSound() {
  expect((await verifyLedger(db.read)).ok).toBe(true);
}

describe('Wallet and Card at checkout', () => {
  it('places the order, holds the wallet part and opens the card page for the rest, in one go', async () => {
    const before = await sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    expect(placed.order).toMatchObject({ state: 'confirmed', paymentMethod: 'card', amountTotal: 15_000 });
    expect(hold).toMatchObject({ provider: 'wallet', state: 'authorized', amount: 10_000, purpose: 'order' });
    expect(cardPart).toMatchObject({ provider: 'demo', state: 'pending', amount: 5_000 });
    expect(placed.payment.id).toBe(cardPart.id);
    expect(placed.next).toBe(`/pay/demo/${cardPart.reference}`);
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000, posted: 10_000 });
    expect(await sales()).toBe(before);
    const [pending] = await listPendingTransfers(db.read, { wallet: shopper.id, currency: 'USD' });
    expect(pending).toMatchObject({ direction: 'outgoing', amount: 10_000, memo: null, description: { code: 'orderWalletPart', params: { number: placed.order.number } } });
    expect(hold.transferId).toBe(pending?.transferId);
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(0);
    await expectLedgerSound();
  });

  it('hold → capture: the card pays the rest, the hold is posted and the order paid (and invoiced with both payments)', async () => {
    const before = await sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    const result = await payWithDemoCard(db, shopper.id, cardPart.reference, card);
    expect(result.status).toBe('done');

    expect((await orderRow(placed.order.id))?.state).toBe('paid');
    expect(await stateOf(hold.id)).toBe('done');
    expect(await stateOf(cardPart.id)).toBe('done');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect((await sales()) - before).toBe(15_000);
    const transfers = await transfersOf(placed.order.id);
    expect(transfers.map((t) => [t.kind, t.state, t.amount]).sort()).toEqual([
      ['payment', 'posted', 10_000],
      ['payment', 'posted', 5_000],
    ]);
    const [invoice] = await db.read.select().from(invoices).where(eq(invoices.orderId, placed.order.id));
    expect(invoice).toMatchObject({ paymentState: 'paid', amountResidual: 0, amountTotal: 15_000 });
    expect((await paymentsOf(placed.order.id)).map((p) => p.invoiceId)).toEqual([invoice?.id, invoice?.id]);
    await expectLedgerSound();
  });

  it('hold → void: a declined card leaves the hold for another card; cancelling releases it', async () => {
    const { shopper, placed, hold, cardPart } = await splitOrder();

    expect((await payWithDemoCard(db, shopper.id, cardPart.reference, declined)).status).toBe('declined');
    expect(await stateOf(hold.id)).toBe('authorized');
    expect((await wallet(shopper.id)).available).toBe(0);

    expect(await close(cardPart.id, 'canceled', 'shopperCancelled')).toBe(true);
    expect(await stateOf(hold.id)).toBe('canceled');
    expect(await stateOf(cardPart.id)).toBe('canceled');
    expect(await wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0, posted: 10_000 });
    expect((await orderRow(placed.order.id))?.state).toBe('confirmed');
    const [holdTransfer] = await transfersOf(placed.order.id);
    expect(holdTransfer).toMatchObject({ state: 'voided', amount: 10_000 });

    // Closing again, or completing the closed card part, changes nothing.
    expect(await close(cardPart.id, 'error', 'bankIncomplete')).toBe(false);
    await expect(complete(cardPart.id)).rejects.toThrow(PaymentError);
    expect((await wallet(shopper.id)).available).toBe(10_000);
    await expectLedgerSound();
  });

  it('a failed card (webhook says error) releases the hold too', async () => {
    const { shopper, hold, cardPart } = await splitOrder();
    expect(await close(cardPart.id, 'error', 'bankIncomplete')).toBe(true);
    expect(await findPayment(hold.id)).toMatchObject({ state: 'canceled', failureCode: 'bankIncomplete' });
    expect((await wallet(shopper.id)).available).toBe(10_000);
    await expectLedgerSound();
  });

  it('expiry sweep: releases a hold once its time limit passed, exactly once, and the card part can no longer complete', async () => {
    const { shopper, placed, hold, cardPart } = await splitOrder();
    const createdAt = hold.createdAt.getTime();

    expect(await sweepExpiredHolds(db, new Date(createdAt + 29 * 60_000))).toBe(0);
    expect(await stateOf(hold.id)).toBe('authorized');

    const later = new Date(createdAt + 30 * 60_000);
    const released = await sweepExpiredHolds(db, later);
    expect(released).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredHolds(db, later)).toBe(0);
    expect(await stateOf(hold.id)).toBe('canceled');
    expect(await stateOf(cardPart.id)).toBe('canceled');
    expect(await wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect((await orderRow(placed.order.id))?.state).toBe('confirmed');
    expect((await payWithDemoCard(db, shopper.id, cardPart.reference, card)).status).toBe('not_open');
    await expect(complete(cardPart.id)).rejects.toThrow(PaymentError);
    const voided = (await transfersOf(placed.order.id)).filter((t) => t.state === 'voided');
    expect(voided).toHaveLength(1);
    await expectLedgerSound();
  });

  it('the hold blocks a concurrent wallet payment that would overdraw', async () => {
    const { shopper, hold } = await splitOrder(10_000, 15_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 500), quantity: 1 }]);
    await expect(placeOrder(db, shopper, { method: 'wallet', checkoutKey: crypto.randomUUID() })).rejects.toSatisfy(
      (error) => error instanceof CheckoutError && error.code === 'INSUFFICIENT_FUNDS',
    );
    // A second split for the same (held) wallet finds nothing to hold.
    await expect(placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() })).rejects.toSatisfy(
      (error) => error instanceof CheckoutError && error.code === 'INSUFFICIENT_FUNDS',
    );
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(1);
    expect(await stateOf(hold.id)).toBe('authorized');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
    await expectLedgerSound();
  });

  it('completion racing: completing twice, or completing then cancelling, captures once', async () => {
    const before = await sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    const first = await complete(cardPart.id, 5_000);
    const second = await complete(cardPart.id, 5_000);
    expect(first.alreadyDone).toBe(false);
    expect(second.alreadyDone).toBe(true);
    expect(await close(cardPart.id, 'canceled', 'shopperCancelled')).toBe(false);
    await sweepExpiredHolds(db, new Date(Date.now() + 24 * 60 * 60_000));

    expect(await stateOf(hold.id)).toBe('done');
    expect((await orderRow(placed.order.id))?.state).toBe('paid');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect((await sales()) - before).toBe(15_000);
    expect((await transfersOf(placed.order.id)).filter((t) => t.state === 'posted')).toHaveLength(2);
    await expectLedgerSound();
  });

  it('completing at the same moment from two places (webhook and Check now) captures once', async () => {
    const before = await sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    const outcomes = await Promise.all([complete(cardPart.id, 5_000), complete(cardPart.id, 5_000)]);
    expect(outcomes.map((o) => o.alreadyDone).sort()).toEqual([false, true]);
    expect(await stateOf(hold.id)).toBe('done');
    expect((await orderRow(placed.order.id))?.state).toBe('paid');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect((await sales()) - before).toBe(15_000);
    expect((await transfersOf(placed.order.id)).filter((t) => t.state === 'posted')).toHaveLength(2);
    await expectLedgerSound();
  });

  it('card money arriving after the hold was released goes to the wallet, never lost', async () => {
    const { shopper, placed, hold, cardPart } = await splitOrder();
    // The sweep released the hold and closed the card part, but the provider took the card anyway
    // (a Stripe page paid just as the hold expired): the card part is completed regardless.
    await sweepExpiredHolds(db, new Date(hold.createdAt.getTime() + 24 * 60 * 60_000));
    expect(await stateOf(hold.id)).toBe('canceled');
    await db.write((tx) => tx.update(payments).set({ state: 'pending' }).where(eq(payments.id, cardPart.id)));

    await complete(cardPart.id, 5_000);
    expect((await orderRow(placed.order.id))?.state).toBe('confirmed');
    expect(await wallet(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    await expectLedgerSound();
  });

  it('refuses a split when the balance changed since the page was shown, creating nothing', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
    await expect(
      placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID(), walletPart: 12_000 }),
    ).rejects.toSatisfy((error) => error instanceof CheckoutError && error.code === 'BALANCE_CHANGED');
    expect(await db.read.select().from(orders).where(eq(orders.userId, shopper.id))).toHaveLength(0);
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(1);
    expect(await wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
  });

  it('a split order replayed with the same attempt key places one order and one hold', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
    const checkoutKey = crypto.randomUUID();
    const first = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey });
    const again = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey });
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    expect(again.next).toBe(first.next);
    expect(await paymentsOf(first.order.id)).toHaveLength(2);
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
  });

  it('a paid split order refunds to the wallet in full (wallet part + card part)', async () => {
    const staff = await insertTestUser(db, 'staff');
    const { shopper, placed, cardPart } = await splitOrder();
    await complete(cardPart.id);
    const refund = await refundOrderToWallet(db, { orderId: placed.order.id, amount: 15_000, staffId: staff.id, reason: 'Returned', attemptKey: crypto.randomUUID() });
    expect(refund.status).toBe('refunded');
    expect(await wallet(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    expect(await orderRow(placed.order.id)).toMatchObject({ amountRefunded: 15_000 });
    await expectLedgerSound();
  });
});


describe('the wallet part itself', () => {
  it('cannot be closed or completed on its own (e.g. its reference posted to the Demo cancel form)', async () => {
    const { shopper, hold, cardPart } = await splitOrder();
    expect(await close(hold.id, 'canceled', 'shopperCancelled')).toBe(false);
    await expect(complete(hold.id)).rejects.toThrow(PaymentError);
    expect(await stateOf(hold.id)).toBe('authorized');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
    expect((await payWithDemoCard(db, shopper.id, hold.reference, card)).status).toBe('not_open');
    expect((await payWithDemoCard(db, shopper.id, cardPart.reference, card)).status).toBe('done');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    await expectLedgerSound();
  });
});

describe('what the shopper sees of a split order', () => {
  it('the order page shows the held and remaining amounts while in progress, and "Wallet and Card" in the order list', async () => {
    const { getOwnOrderDetails, listOwnOrders } = await import('@/lib/checkout/queries');
    const { shopper, placed, cardPart } = await splitOrder();
    const during = await getOwnOrderDetails(db.read, shopper.id, placed.order.number);
    expect(during?.splitInProgress).toEqual({ held: 10_000, remaining: 5_000 });
    expect(during?.paymentChoice).toBe('wallet_and_card');
    expect(during?.payments.map((p) => [p.provider, p.state, p.amount])).toEqual([
      ['demo', 'pending', 5_000],
      ['wallet', 'authorized', 10_000],
    ]);

    await complete(cardPart.id);
    const after = await getOwnOrderDetails(db.read, shopper.id, placed.order.number);
    expect(after?.splitInProgress).toBeNull();
    expect(after?.walletAvailable).toBe(0);
    expect((await listOwnOrders(db.read, shopper.id)).rows[0]).toMatchObject({ number: placed.order.number, paymentChoice: 'wallet_and_card', statusCode: 'paid' });
  });
});
