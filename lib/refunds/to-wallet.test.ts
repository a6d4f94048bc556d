import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, ledgerTransfers, orders } from '@/db/schema';
import { markOrderPaid, payOrderFromWallet, placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, listAccountHistory, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { insertPaidWalletOrder } from './test-orders';
import { refundableAmount, refundOrderToWallet } from './to-wallet';

const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });
const orderRow = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get();
const refundAudits = (staffId: number) =>
  db.select().from(auditLog).where(and(eq(auditLog.action, 'order.refund_to_wallet'), eq(auditLog.actorId, staffId))).all();

function setUp(total = 10_000) {
  const customer = insertTestUser();
  const staff = insertTestUser('staff');
  const order = insertPaidWalletOrder(customer.id, total);
  return { customer, staff, order };
}

function refund(orderId: number, staffId: number, amount: number, attemptKey: string = crypto.randomUUID()) {
  return refundOrderToWallet({ orderId, staffId, amount, reason: 'Damaged in transit', attemptKey });
}

describe('refundableAmount', () => {
  it.each([
    ['paid, nothing refunded', { state: 'paid', amountTotal: 5000, amountRefunded: 0 }, 5000],
    ['paid, partly refunded', { state: 'paid', amountTotal: 5000, amountRefunded: 1250 }, 3750],
    ['paid, fully refunded', { state: 'paid', amountTotal: 5000, amountRefunded: 5000 }, 0],
    ['confirmed, not paid yet', { state: 'confirmed', amountTotal: 5000, amountRefunded: 0 }, 0],
    ['canceled', { state: 'canceled', amountTotal: 5000, amountRefunded: 0 }, 0],
  ] as const)('%s', (_label, order, expected) => {
    expect(refundableAmount(order)).toBe(expected);
  });
});

describe('refundOrderToWallet', () => {
  it('refunds part of a paid order into the wallet with the reason in the history', () => {
    const { customer, staff, order } = setUp(10_000);
    expect(wallet(customer.id).available).toBe(0);
    const result = refund(order.id, staff.id, 2_550);
    expect(result.status).toBe('refunded');
    if (result.status !== 'refunded') return;
    expect(result.order.amountRefunded).toBe(2_550);
    expect(result.transfer).toMatchObject({
      kind: 'refund_to_wallet',
      orderId: order.id,
      amount: 2_550,
      createdBy: staff.id,
      description: `Refund for order ${order.number}: Damaged in transit`,
    });
    const payment = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, order.id)).all().find((t) => t.kind === 'payment');
    expect(result.transfer.relatedTransferId).toBe(payment?.id);
    expect(wallet(customer.id).available).toBe(2_550);
    expect(refundableAmount(result.order)).toBe(7_450);
    const [latest] = listAccountHistory({ wallet: customer.id, currency: 'USD' }).rows;
    expect(latest).toMatchObject({ credit: 2_550, description: `Refund for order ${order.number}: Damaged in transit` });
    expect(refundAudits(staff.id)).toEqual([
      expect.objectContaining({ actorId: staff.id, subjectUserId: customer.id, amount: 2_550, reason: 'Damaged in transit' }),
    ]);
    expect(verifyLedger().ok).toBe(true);
  });

  it('lets partial refunds add up to exactly the paid amount, then refuses more', () => {
    const { customer, staff, order } = setUp(10_000);
    for (const amount of [3_333, 3_333, 3_334]) expect(refund(order.id, staff.id, amount).status).toBe('refunded');
    expect(orderRow(order.id)?.amountRefunded).toBe(10_000);
    expect(wallet(customer.id).available).toBe(10_000);
    expect(refund(order.id, staff.id, 1)).toEqual({ status: 'exceeds_refundable', refundable: 0, currency: 'USD' });
    expect(wallet(customer.id).available).toBe(10_000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses a refund beyond the refundable amount and changes nothing', () => {
    const { customer, staff, order } = setUp(10_000);
    expect(refund(order.id, staff.id, 4_000).status).toBe('refunded');
    const before = db.select().from(ledgerTransfers).all().length;
    expect(refund(order.id, staff.id, 6_001)).toEqual({ status: 'exceeds_refundable', refundable: 6_000, currency: 'USD' });
    expect(refund(order.id, staff.id, 10_001)).toEqual({ status: 'exceeds_refundable', refundable: 6_000, currency: 'USD' });
    expect(orderRow(order.id)?.amountRefunded).toBe(4_000);
    expect(db.select().from(ledgerTransfers).all()).toHaveLength(before);
    expect(refundAudits(staff.id)).toHaveLength(1);
    expect(wallet(customer.id).available).toBe(4_000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refunds once for a retried attempt (double click, resent form)', () => {
    const { customer, staff, order } = setUp(10_000);
    const attemptKey = crypto.randomUUID();
    const first = refund(order.id, staff.id, 1_500, attemptKey);
    const second = refund(order.id, staff.id, 1_500, attemptKey);
    expect(first.status === 'refunded' && !first.replayed).toBe(true);
    expect(second.status === 'refunded' && second.replayed).toBe(true);
    if (first.status === 'refunded' && second.status === 'refunded') expect(second.transfer.id).toBe(first.transfer.id);
    expect(orderRow(order.id)?.amountRefunded).toBe(1_500);
    expect(wallet(customer.id).available).toBe(1_500);
    expect(refundAudits(staff.id)).toHaveLength(1);
  });

  it('refuses orders that are not paid, unknown orders and amounts that are not positive', () => {
    const { staff, order } = setUp(10_000);
    db.update(orders).set({ state: 'confirmed' }).where(eq(orders.id, order.id)).run();
    expect(refund(order.id, staff.id, 100).status).toBe('not_paid');
    expect(refund(999_999, staff.id, 100).status).toBe('not_found');
    expect(refund(order.id, staff.id, 0).status).toBe('invalid_amount');
    expect(refund(order.id, staff.id, -5).status).toBe('invalid_amount');
    expect(refund(order.id, staff.id, 1.5).status).toBe('invalid_amount');
    expect(orderRow(order.id)?.amountRefunded).toBe(0);
  });
});

describe('with orders placed through checkout', () => {
  it('refunds a cash-on-delivery order once staff marked it paid, linked to its payment', async () => {
    const customer = insertTestUser();
    const staff = insertTestUser('staff');
    const product = insertTestProduct(4_250);
    fillTestCart(customer.id, [{ product, quantity: 2 }]);
    const placed = await placeOrder(customer, { method: 'cash_on_delivery', checkoutKey: crypto.randomUUID() });
    expect(refund(placed.order.id, staff.id, 100).status).toBe('not_paid');
    const paid = markOrderPaid(placed.order.id, staff.id);
    expect(paid.status).toBe('paid');

    const first = refund(placed.order.id, staff.id, 8_000);
    const second = refund(placed.order.id, staff.id, 500);
    expect(first.status).toBe('refunded');
    expect(second).toMatchObject({ status: 'refunded', order: { amountRefunded: 8_500 } });
    expect(refund(placed.order.id, staff.id, 1)).toEqual({ status: 'exceeds_refundable', refundable: 0, currency: 'USD' });
    if (first.status === 'refunded' && paid.status === 'paid') expect(first.transfer.relatedTransferId).toBe(paid.payment.transferId);
    expect(wallet(customer.id).available).toBe(8_500);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refunds a wallet-paid order back into the wallet it came from', () => {
    const customer = insertTestUser();
    const staff = insertTestUser('staff');
    fundTestWallet(customer.id, 5_000);
    fillTestCart(customer.id, [{ product: insertTestProduct(1_999), quantity: 1 }]);
    const placed = payOrderFromWallet(customer.id, { checkoutKey: crypto.randomUUID() });
    expect(wallet(customer.id).available).toBe(3_001);
    expect(refund(placed.order.id, staff.id, 1_999).status).toBe('refunded');
    expect(wallet(customer.id).available).toBe(5_000);
    expect(refundableAmount(orderRow(placed.order.id) ?? placed.order)).toBe(0);
    expect(verifyLedger().ok).toBe(true);
  });
});
