import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, ledgerTransfers, orders } from '@/db/schema';
import { markOrderPaid, payOrderFromWallet, placeOrder } from '@/lib/checkout';
import { getBalance, listAccountHistory, verifyLedger } from '@/lib/ledger';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertPaidWalletOrder } from '@/test/helpers/orders';
import { insertTestUser } from '@/test/helpers/users';
import { refundableAmount, refundOrderToWallet } from './to-wallet';

const db = getDatabase();
const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;
const orderRow = async (id: number) => (await db.read.select().from(orders).where(eq(orders.id, id)))[0];
const refundAudits = (staffId: number) =>
  db.read.select().from(auditLog).where(and(eq(auditLog.action, 'order.refund_to_wallet'), eq(auditLog.actorId, staffId)));
const allTransfers = () => db.read.select({ id: ledgerTransfers.id }).from(ledgerTransfers);
const ledgerOk = async () => (await verifyLedger(db.read)).ok;

async function setUp(total = 10_000) {
  const customer = await insertTestUser(db);
  const staff = await insertTestUser(db, 'staff');
  const order = await insertPaidWalletOrder(db, customer.id, total);
  return { customer, staff, order };
}

function refund(orderId: number, staffId: number, amount: number, attemptKey: string = crypto.randomUUID()) {
  return refundOrderToWallet(db, { orderId, staffId, amount, reason: 'Damaged in transit', attemptKey });
}

describe('refundableAmount', () => {
  const paidAt = new Date('2026-01-02T10:00:00Z');
  it.each([
    ['paid, nothing refunded', { state: 'paid', paidAt, amountTotal: 5000, amountRefunded: 0 }, 5000],
    ['paid, partly refunded', { state: 'paid', paidAt, amountTotal: 5000, amountRefunded: 1250 }, 3750],
    ['paid, fully refunded', { state: 'paid', paidAt, amountTotal: 5000, amountRefunded: 5000 }, 0],
    ['processing', { state: 'processing', paidAt, amountTotal: 5000, amountRefunded: 0 }, 5000],
    ['shipped, partly refunded', { state: 'shipped', paidAt, amountTotal: 5000, amountRefunded: 1000 }, 4000],
    ['delivered', { state: 'delivered', paidAt, amountTotal: 5000, amountRefunded: 0 }, 5000],
    ['confirmed, not paid yet', { state: 'confirmed', paidAt: null, amountTotal: 5000, amountRefunded: 0 }, 0],
    ['cash on delivery shipped, not paid yet', { state: 'shipped', paidAt: null, amountTotal: 5000, amountRefunded: 0 }, 0],
    ['canceled after it was paid', { state: 'canceled', paidAt, amountTotal: 5000, amountRefunded: 5000 }, 0],
    ['canceled', { state: 'canceled', paidAt: null, amountTotal: 5000, amountRefunded: 0 }, 0],
  ] as const)('%s', (_label, order, expected) => {
    expect(refundableAmount(order)).toBe(expected);
  });
});

describe('refundOrderToWallet', () => {
  it('refunds part of a paid order into the wallet with the reason in the history', async () => {
    const { customer, staff, order } = await setUp(10_000);
    expect(await available(customer.id)).toBe(0);
    const result = await refund(order.id, staff.id, 2_550);
    expect(result.status).toBe('refunded');
    if (result.status !== 'refunded') return;
    expect(result.order.amountRefunded).toBe(2_550);
    expect(result.transfer).toMatchObject({
      kind: 'refund_to_wallet',
      orderId: order.id,
      amount: 2_550,
      createdBy: staff.id,
      descriptionCode: 'orderRefund', descriptionParams: JSON.stringify({ number: order.number, reason: 'Damaged in transit' }),
    });
    const payment = (await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, order.id))).find((t) => t.kind === 'payment');
    expect(result.transfer.relatedTransferId).toBe(payment?.id);
    expect(await available(customer.id)).toBe(2_550);
    expect(refundableAmount(result.order)).toBe(7_450);
    const [latest] = (await listAccountHistory(db.read, { wallet: customer.id, currency: 'USD' })).rows;
    expect(latest).toMatchObject({ credit: 2_550, description: { code: 'orderRefund', params: { number: order.number, reason: 'Damaged in transit' } } });
    expect(await refundAudits(staff.id)).toEqual([
      expect.objectContaining({ actorId: staff.id, subjectUserId: customer.id, amount: 2_550, reason: 'Damaged in transit' }),
    ]);
    expect(await ledgerOk()).toBe(true);
  });

  it('lets partial refunds add up to exactly the paid amount, then refuses more', async () => {
    const { customer, staff, order } = await setUp(10_000);
    for (const amount of [3_333, 3_333, 3_334]) expect((await refund(order.id, staff.id, amount)).status).toBe('refunded');
    expect((await orderRow(order.id))?.amountRefunded).toBe(10_000);
    expect(await available(customer.id)).toBe(10_000);
    expect(await refund(order.id, staff.id, 1)).toEqual({ status: 'exceeds_refundable', refundable: 0, currency: 'USD' });
    expect(await available(customer.id)).toBe(10_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('refuses a refund beyond the refundable amount and changes nothing', async () => {
    const { customer, staff, order } = await setUp(10_000);
    expect((await refund(order.id, staff.id, 4_000)).status).toBe('refunded');
    const before = (await allTransfers()).length;
    expect(await refund(order.id, staff.id, 6_001)).toEqual({ status: 'exceeds_refundable', refundable: 6_000, currency: 'USD' });
    expect(await refund(order.id, staff.id, 10_001)).toEqual({ status: 'exceeds_refundable', refundable: 6_000, currency: 'USD' });
    expect((await orderRow(order.id))?.amountRefunded).toBe(4_000);
    expect(await allTransfers()).toHaveLength(before);
    expect(await refundAudits(staff.id)).toHaveLength(1);
    expect(await available(customer.id)).toBe(4_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('refunds once for a retried attempt (double click, resent form)', async () => {
    const { customer, staff, order } = await setUp(10_000);
    const attemptKey = crypto.randomUUID();
    const first = await refund(order.id, staff.id, 1_500, attemptKey);
    const second = await refund(order.id, staff.id, 1_500, attemptKey);
    expect(first.status === 'refunded' && !first.replayed).toBe(true);
    expect(second.status === 'refunded' && second.replayed).toBe(true);
    if (first.status === 'refunded' && second.status === 'refunded') expect(second.transfer.id).toBe(first.transfer.id);
    expect((await orderRow(order.id))?.amountRefunded).toBe(1_500);
    expect(await available(customer.id)).toBe(1_500);
    expect(await refundAudits(staff.id)).toHaveLength(1);
  });

  it('refunds once when the same attempt arrives twice at the same moment (two servers)', async () => {
    const { customer, staff, order } = await setUp(10_000);
    const attemptKey = crypto.randomUUID();
    const results = await Promise.all([refund(order.id, staff.id, 1_500, attemptKey), refund(order.id, staff.id, 1_500, attemptKey)]);
    expect(results.map((r) => r.status)).toEqual(['refunded', 'refunded']);
    const ids = results.map((r) => (r.status === 'refunded' ? r.transfer.id : undefined));
    expect(ids[0]).toBe(ids[1]);
    expect((await orderRow(order.id))?.amountRefunded).toBe(1_500);
    expect(await available(customer.id)).toBe(1_500);
    expect(await refundAudits(staff.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('a full refund sent twice at the same moment is one refund, and the second is its replay, not a refusal', async () => {
    const { customer, staff, order } = await setUp(10_000);
    const attemptKey = crypto.randomUUID();
    const results = await Promise.all([refund(order.id, staff.id, 10_000, attemptKey), refund(order.id, staff.id, 10_000, attemptKey)]);
    expect(results.map((r) => r.status)).toEqual(['refunded', 'refunded']);
    expect(results.map((r) => r.status === 'refunded' && r.replayed).sort()).toEqual([false, true]);
    expect((await orderRow(order.id))?.amountRefunded).toBe(10_000);
    expect(await available(customer.id)).toBe(10_000);
    expect(await refundAudits(staff.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('two staff refunding at once cannot refund more than was paid', async () => {
    const { customer, staff, order } = await setUp(10_000);
    const results = await Promise.all([refund(order.id, staff.id, 6_000), refund(order.id, staff.id, 6_000)]);
    expect(results.map((r) => r.status).sort()).toEqual(['exceeds_refundable', 'refunded']);
    expect((await orderRow(order.id))?.amountRefunded).toBe(6_000);
    expect(await available(customer.id)).toBe(6_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('refuses orders that are not paid, unknown orders and amounts that are not positive', async () => {
    const { staff, order } = await setUp(10_000);
    await db.write((tx) => tx.update(orders).set({ state: 'confirmed' }).where(eq(orders.id, order.id)));
    expect((await refund(order.id, staff.id, 100)).status).toBe('not_paid');
    expect((await refund(999_999, staff.id, 100)).status).toBe('not_found');
    expect((await refund(2 ** 40, staff.id, 100)).status).toBe('not_found');
    expect((await refund(1.5, staff.id, 100)).status).toBe('not_found');
    expect((await refund(order.id, staff.id, 0)).status).toBe('invalid_amount');
    expect((await refund(order.id, staff.id, -5)).status).toBe('invalid_amount');
    expect((await refund(order.id, staff.id, 1.5)).status).toBe('invalid_amount');
    expect((await orderRow(order.id))?.amountRefunded).toBe(0);
  });
});

describe('with orders placed through checkout', () => {
  it('refunds a cash-on-delivery order once staff marked it paid, linked to its payment', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const product = await insertTestProduct(db, 4_250);
    await fillTestCart(db, customer.id, [{ product, quantity: 2 }]);
    const placed = await placeOrder(db, customer, { method: 'cash_on_delivery', checkoutKey: crypto.randomUUID() });
    expect((await refund(placed.order.id, staff.id, 100)).status).toBe('not_paid');
    const paid = await markOrderPaid(db, placed.order.id, staff.id);
    expect(paid.status).toBe('paid');

    const first = await refund(placed.order.id, staff.id, 8_000);
    const second = await refund(placed.order.id, staff.id, 500);
    expect(first.status).toBe('refunded');
    expect(second).toMatchObject({ status: 'refunded', order: { amountRefunded: 8_500 } });
    expect(await refund(placed.order.id, staff.id, 1)).toEqual({ status: 'exceeds_refundable', refundable: 0, currency: 'USD' });
    if (first.status === 'refunded' && paid.status === 'paid') expect(first.transfer.relatedTransferId).toBe(paid.payment.transferId);
    expect(await available(customer.id)).toBe(8_500);
    expect(await ledgerOk()).toBe(true);
  });

  it('refunds a wallet-paid order back into the wallet it came from', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    await fundTestWallet(db, customer.id, 5_000);
    await fillTestCart(db, customer.id, [{ product: await insertTestProduct(db, 1_999), quantity: 1 }]);
    const placed = await payOrderFromWallet(db, customer.id, { checkoutKey: crypto.randomUUID() });
    expect(await available(customer.id)).toBe(3_001);
    expect((await refund(placed.order.id, staff.id, 1_999)).status).toBe('refunded');
    expect(await available(customer.id)).toBe(5_000);
    expect(refundableAmount((await orderRow(placed.order.id)) ?? placed.order)).toBe(0);
    expect(await ledgerOk()).toBe(true);
  });
});
