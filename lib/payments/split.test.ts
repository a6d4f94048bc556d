import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices, ledgerTransfers, orders, payments } from '@/db/schema';
import { CheckoutError, placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, listPendingTransfers, verifyLedger } from '@/lib/ledger';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import { listCartEntries } from '@/lib/shop/cart';
import { insertTestUser } from '@/test/helpers/users';
import { closePayment, completePayment } from './complete';
import { payWithDemoCard } from './demo';
import { PaymentError } from './errors';
import { findPayment } from './records';
import { sweepExpiredHolds } from './split-holds';

const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const declined = { ...card, cardNumber: '4000 0000 0000 0002' };
const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });
const sales = () => getBalance({ system: 'sales', currency: 'USD' }).posted;
const orderRow = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get();
const paymentsOf = (orderId: number) => db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id).all();
const transfersOf = (orderId: number) => db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, orderId)).all();

/** A shopper with 100.00 in the wallet and a 150.00 cart, who chooses Wallet and Card. */
async function splitOrder(funds = 10_000, total = 15_000) {
  const shopper = insertTestUser();
  fundTestWallet(shopper.id, funds);
  fillTestCart(shopper.id, [{ product: insertTestProduct(total), quantity: 1 }]);
  const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  const [hold, cardPart] = paymentsOf(placed.order.id);
  if (!hold || !cardPart) throw new Error('A split order has two payments.');
  return { shopper, placed, hold, cardPart };
}

function expectLedgerSound() {
  expect(verifyLedger().ok).toBe(true);
}

describe('Wallet and Card at checkout', () => {
  it('places the order, holds the wallet part and opens the card page for the rest, in one go', async () => {
    const before = sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    expect(placed.order).toMatchObject({ state: 'confirmed', paymentMethod: 'card', amountTotal: 15_000 });
    expect(hold).toMatchObject({ provider: 'wallet', state: 'authorized', amount: 10_000, purpose: 'order' });
    expect(cardPart).toMatchObject({ provider: 'demo', state: 'pending', amount: 5_000 });
    expect(placed.payment.id).toBe(cardPart.id);
    expect(placed.next).toBe(`/pay/demo/${cardPart.reference}`);
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000, posted: 10_000 });
    expect(sales()).toBe(before);
    const [pending] = listPendingTransfers({ wallet: shopper.id, currency: 'USD' });
    expect(pending).toMatchObject({ direction: 'outgoing', amount: 10_000, memo: `Held for order ${placed.order.number}` });
    expect(hold.transferId).toBe(pending?.transferId);
    expect(listCartEntries(shopper.id)).toHaveLength(0);
    expectLedgerSound();
  });

  it('hold → capture: the card pays the rest, the hold is posted and the order paid (and invoiced with both payments)', async () => {
    const before = sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    const result = payWithDemoCard(shopper.id, cardPart.reference, card);
    expect(result.status).toBe('done');

    expect(orderRow(placed.order.id)?.state).toBe('paid');
    expect(findPayment(hold.id)?.state).toBe('done');
    expect(findPayment(cardPart.id)?.state).toBe('done');
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect(sales() - before).toBe(15_000);
    const transfers = transfersOf(placed.order.id);
    expect(transfers.map((t) => [t.kind, t.state, t.amount]).sort()).toEqual([
      ['payment', 'posted', 10_000],
      ['payment', 'posted', 5_000],
    ]);
    const invoice = db.select().from(invoices).where(eq(invoices.orderId, placed.order.id)).get();
    expect(invoice).toMatchObject({ paymentState: 'paid', amountResidual: 0, amountTotal: 15_000 });
    expect(paymentsOf(placed.order.id).map((p) => p.invoiceId)).toEqual([invoice?.id, invoice?.id]);
    expectLedgerSound();
  });

  it('hold → void: a declined card leaves the hold for another card; cancelling releases it', async () => {
    const { shopper, placed, hold, cardPart } = await splitOrder();

    expect(payWithDemoCard(shopper.id, cardPart.reference, declined).status).toBe('declined');
    expect(findPayment(hold.id)?.state).toBe('authorized');
    expect(wallet(shopper.id).available).toBe(0);

    expect(closePayment(cardPart.id, 'canceled', 'You cancelled this payment.')).toBe(true);
    expect(findPayment(hold.id)?.state).toBe('canceled');
    expect(findPayment(cardPart.id)?.state).toBe('canceled');
    expect(wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0, posted: 10_000 });
    expect(orderRow(placed.order.id)?.state).toBe('confirmed');
    const holdTransfer = transfersOf(placed.order.id)[0];
    expect(holdTransfer).toMatchObject({ state: 'voided', amount: 10_000 });

    // Closing again, or completing the closed card part, changes nothing.
    expect(closePayment(cardPart.id, 'error', 'again')).toBe(false);
    expect(() => completePayment(cardPart.id)).toThrow(PaymentError);
    expect(wallet(shopper.id).available).toBe(10_000);
    expectLedgerSound();
  });

  it('a failed card (webhook says error) releases the hold too', async () => {
    const { shopper, hold, cardPart } = await splitOrder();
    closePayment(cardPart.id, 'error', 'The bank did not complete the card payment.');
    expect(findPayment(hold.id)).toMatchObject({ state: 'canceled', failureMessage: 'The bank did not complete the card payment.' });
    expect(wallet(shopper.id).available).toBe(10_000);
    expectLedgerSound();
  });

  it('expiry sweep: releases a hold once its time limit passed, exactly once, and the card part can no longer complete', async () => {
    const { shopper, placed, hold, cardPart } = await splitOrder();
    const createdAt = hold.createdAt.getTime();

    expect(sweepExpiredHolds(new Date(createdAt + 29 * 60_000))).toBe(0);
    expect(findPayment(hold.id)?.state).toBe('authorized');

    const later = new Date(createdAt + 30 * 60_000);
    const released = sweepExpiredHolds(later);
    expect(released).toBeGreaterThanOrEqual(1);
    expect(sweepExpiredHolds(later)).toBe(0);
    expect(findPayment(hold.id)?.state).toBe('canceled');
    expect(findPayment(cardPart.id)?.state).toBe('canceled');
    expect(wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(orderRow(placed.order.id)?.state).toBe('confirmed');
    expect(payWithDemoCard(shopper.id, cardPart.reference, card).status).toBe('not_open');
    expect(() => completePayment(cardPart.id)).toThrow(PaymentError);
    const voided = transfersOf(placed.order.id).filter((t) => t.state === 'voided');
    expect(voided).toHaveLength(1);
    expectLedgerSound();
  });

  it('the hold blocks a concurrent wallet payment that would overdraw', async () => {
    const { shopper, hold } = await splitOrder(10_000, 15_000);
    fillTestCart(shopper.id, [{ product: insertTestProduct(500), quantity: 1 }]);
    await expect(placeOrder(shopper, { method: 'wallet', checkoutKey: crypto.randomUUID() })).rejects.toSatisfy(
      (error) => error instanceof CheckoutError && error.code === 'INSUFFICIENT_FUNDS',
    );
    // A second split for the same (held) wallet finds nothing to hold.
    await expect(placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() })).rejects.toSatisfy(
      (error) => error instanceof CheckoutError && error.code === 'INSUFFICIENT_FUNDS',
    );
    expect(listCartEntries(shopper.id)).toHaveLength(1);
    expect(findPayment(hold.id)?.state).toBe('authorized');
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
    expectLedgerSound();
  });

  it('completion racing: completing twice, or completing then cancelling, captures once', async () => {
    const before = sales();
    const { shopper, placed, hold, cardPart } = await splitOrder();

    const first = completePayment(cardPart.id, 5_000);
    const second = completePayment(cardPart.id, 5_000);
    expect(first.alreadyDone).toBe(false);
    expect(second.alreadyDone).toBe(true);
    expect(closePayment(cardPart.id, 'canceled', 'Stripe return: cancelled')).toBe(false);
    sweepExpiredHolds(new Date(Date.now() + 24 * 60 * 60_000));

    expect(findPayment(hold.id)?.state).toBe('done');
    expect(orderRow(placed.order.id)?.state).toBe('paid');
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect(sales() - before).toBe(15_000);
    expect(transfersOf(placed.order.id).filter((t) => t.state === 'posted')).toHaveLength(2);
    expectLedgerSound();
  });

  it('card money arriving after the hold was released goes to the wallet, never lost', async () => {
    const { shopper, placed, hold, cardPart } = await splitOrder();
    // The sweep released the hold and closed the card part, but the provider took the card anyway
    // (a Stripe page paid just as the hold expired): the card part is completed regardless.
    sweepExpiredHolds(new Date(hold.createdAt.getTime() + 24 * 60 * 60_000));
    expect(findPayment(hold.id)?.state).toBe('canceled');
    db.update(payments).set({ state: 'pending' }).where(eq(payments.id, cardPart.id)).run();

    completePayment(cardPart.id, 5_000);
    expect(orderRow(placed.order.id)?.state).toBe('confirmed');
    expect(wallet(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    expectLedgerSound();
  });

  it('refuses a split when the balance changed since the page was shown, creating nothing', async () => {
    const shopper = insertTestUser();
    fundTestWallet(shopper.id, 10_000);
    fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
    await expect(
      placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID(), walletPart: 12_000 }),
    ).rejects.toSatisfy((error) => error instanceof CheckoutError && error.code === 'BALANCE_CHANGED');
    expect(db.select().from(orders).where(eq(orders.userId, shopper.id)).all()).toHaveLength(0);
    expect(listCartEntries(shopper.id)).toHaveLength(1);
    expect(wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
  });

  it('a split order replayed with the same attempt key places one order and one hold', async () => {
    const shopper = insertTestUser();
    fundTestWallet(shopper.id, 10_000);
    fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
    const checkoutKey = crypto.randomUUID();
    const first = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey });
    const again = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey });
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    expect(again.next).toBe(first.next);
    expect(paymentsOf(first.order.id)).toHaveLength(2);
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
  });

  it('a paid split order refunds to the wallet in full (wallet part + card part)', async () => {
    const staff = insertTestUser('staff');
    const { shopper, placed, cardPart } = await splitOrder();
    completePayment(cardPart.id);
    const refund = refundOrderToWallet({ orderId: placed.order.id, amount: 15_000, staffId: staff.id, reason: 'Returned', attemptKey: crypto.randomUUID() });
    expect(refund.status).toBe('refunded');
    expect(wallet(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    expect(orderRow(placed.order.id)).toMatchObject({ amountRefunded: 15_000 });
    expectLedgerSound();
  });
});


describe('the wallet part itself', () => {
  it('cannot be closed or completed on its own (e.g. its reference posted to the Demo cancel form)', async () => {
    const { shopper, hold, cardPart } = await splitOrder();
    expect(closePayment(hold.id, 'canceled', 'You cancelled this payment.')).toBe(false);
    expect(() => completePayment(hold.id)).toThrow(PaymentError);
    expect(findPayment(hold.id)?.state).toBe('authorized');
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
    expect(payWithDemoCard(shopper.id, hold.reference, card).status).toBe('not_open');
    expect(payWithDemoCard(shopper.id, cardPart.reference, card).status).toBe('done');
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expectLedgerSound();
  });
});

describe('what the shopper sees of a split order', () => {
  it('the order page shows the held and remaining amounts while in progress, and "Wallet and Card" in the order list', async () => {
    const { getOwnOrderDetails, listOwnOrders } = await import('@/lib/checkout/queries');
    const { shopper, placed, cardPart } = await splitOrder();
    const during = getOwnOrderDetails(shopper.id, placed.order.number);
    expect(during?.splitInProgress).toEqual({ held: 10_000, remaining: 5_000 });
    expect(during?.paymentMethodLabel).toBe('Wallet and Card');
    expect(during?.payments.map((p) => [p.provider, p.state, p.amount])).toEqual([
      ['demo', 'pending', 5_000],
      ['wallet', 'authorized', 10_000],
    ]);

    completePayment(cardPart.id);
    const after = getOwnOrderDetails(shopper.id, placed.order.number);
    expect(after?.splitInProgress).toBeNull();
    expect(after?.walletAvailable).toBe(0);
    expect(listOwnOrders(shopper.id).rows[0]).toMatchObject({ number: placed.order.number, paymentMethodLabel: 'Wallet and Card', status: 'Paid' });
  });
});
