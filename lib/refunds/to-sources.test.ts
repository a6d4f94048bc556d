import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, ledgerTransfers, orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { listOrderRefunds } from './list';
import { cardRefundableOf, refundOrderToSources } from './to-sources';
import { refundOrderToWallet } from './to-wallet';

const db = getDatabase();
const wallet = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const orderRow = async (id: number) => (await db.read.select().from(orders).where(eq(orders.id, id)))[0];
const cardRefunds = (orderId: number) =>
  db.read
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.orderId, orderId), eq(ledgerTransfers.kind, 'refund_deposit_to_card')))
    .orderBy(ledgerTransfers.id);
const audits = (staffId: number) =>
  db.read.select().from(auditLog).where(and(eq(auditLog.action, 'order.refund_to_sources'), eq(auditLog.actorId, staffId)));
const refundable = async (orderId: number) => (await cardRefundableOf(db.read, orderId)).map((c) => c.refundable);
const ledgerOk = async () => (await verifyLedger(db.read)).ok;

/** A paid $150 order: $100 from the wallet, $50 by card (Demo unless told otherwise). */
async function paidSplitOrder() {
  const shopper = await insertTestUser(db);
  const staff = await insertTestUser(db, 'staff');
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
  const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  return { shopper, staff, placed };
}

async function paidDemoSplitOrder() {
  const split = await paidSplitOrder();
  await db.write((tx) => completePayment(tx, split.placed.payment.id));
  expect((await orderRow(split.placed.order.id))?.state).toBe('paid');
  return split;
}

function refund(orderId: number, staffId: number, amount: number, attemptKey: string = crypto.randomUUID()) {
  return refundOrderToSources(db, { orderId, staffId, amount, reason: 'Returned', attemptKey });
}

describe('refundOrderToSources (Wallet and Demo card)', () => {
  it('refunds $150 as $100 to the wallet and $50 to the card, then refuses a second refund', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    const result = await refund(placed.order.id, staff.id, 15_000);
    expect(result.status).toBe('refunded');
    if (result.status !== 'refunded') return;
    expect(result.wallet).toMatchObject({ kind: 'refund_to_wallet', amount: 10_000, state: 'posted', orderId: placed.order.id });
    expect(result.cards.map(({ transfer }) => [transfer.kind, transfer.amount, transfer.state])).toEqual([['refund_deposit_to_card', 5_000, 'posted']]);
    expect(result.cards[0]?.transfer.paymentId).toBe(placed.payment.id);
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(15_000);
    expect(await refundable(placed.order.id)).toEqual([0]);
    expect((await listOrderRefunds(db.read, placed.order.id)).map((r) => [r.method, r.amount, r.state]).sort()).toEqual([
      ['card', 5_000, 'posted'],
      ['wallet', 10_000, 'posted'],
    ]);
    expect(await audits(staff.id)).toEqual([expect.objectContaining({ amount: 15_000, subjectUserId: shopper.id, reason: 'Returned' })]);

    expect(await refund(placed.order.id, staff.id, 1)).toEqual({ status: 'exceeds_refundable', refundable: 0, currency: 'USD' });
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect(await cardRefunds(placed.order.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('partial refunds go to the card first, then the wallet; never beyond what the card paid', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    const first = await refund(placed.order.id, staff.id, 3_000);
    expect(first).toMatchObject({ status: 'refunded', wallet: undefined, order: { amountRefunded: 3_000 } });
    expect((await wallet(shopper.id)).available).toBe(0);
    expect(await refundable(placed.order.id)).toEqual([2_000]);

    const second = await refund(placed.order.id, staff.id, 3_000);
    expect(second.status).toBe('refunded');
    if (second.status !== 'refunded') return;
    expect(second.cards.map(({ transfer }) => transfer.amount)).toEqual([2_000]);
    expect(second.wallet?.amount).toBe(1_000);
    expect((await wallet(shopper.id)).available).toBe(1_000);
    expect((await cardRefunds(placed.order.id)).reduce((sum, t) => sum + t.amount, 0)).toBe(5_000);

    const third = await refund(placed.order.id, staff.id, 9_000);
    expect(third).toMatchObject({ status: 'refunded', cards: [], wallet: { amount: 9_000 }, order: { amountRefunded: 15_000 } });
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('shares the bound with Refund to Wallet', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    expect((await refundOrderToWallet(db, { orderId: placed.order.id, staffId: staff.id, amount: 12_000, reason: 'Goodwill', attemptKey: crypto.randomUUID() })).status).toBe('refunded');
    expect(await refund(placed.order.id, staff.id, 3_001)).toEqual({ status: 'exceeds_refundable', refundable: 3_000, currency: 'USD' });
    expect(await refund(placed.order.id, staff.id, 3_000)).toMatchObject({ status: 'refunded', wallet: undefined });
    expect((await cardRefunds(placed.order.id)).map((t) => t.amount)).toEqual([3_000]);
    expect((await wallet(shopper.id)).available).toBe(12_000);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(15_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('refunds once for a retried attempt', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    const attemptKey = crypto.randomUUID();
    const first = await refund(placed.order.id, staff.id, 6_000, attemptKey);
    const again = await refund(placed.order.id, staff.id, 6_000, attemptKey);
    expect(first).toMatchObject({ status: 'refunded', replayed: false });
    expect(again).toMatchObject({ status: 'refunded', replayed: true });
    if (first.status === 'refunded' && again.status === 'refunded') {
      expect(again.wallet?.id).toBe(first.wallet?.id);
      expect(again.cards.map((c) => c.transfer.id)).toEqual(first.cards.map((c) => c.transfer.id));
    }
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(6_000);
    expect((await wallet(shopper.id)).available).toBe(1_000);
    expect(await cardRefunds(placed.order.id)).toHaveLength(1);
    expect(await audits(staff.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('refunds once when the same attempt arrives twice at the same moment (two servers)', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    const attemptKey = crypto.randomUUID();
    const results = await Promise.all([refund(placed.order.id, staff.id, 6_000, attemptKey), refund(placed.order.id, staff.id, 6_000, attemptKey)]);
    expect(results.map((r) => r.status)).toEqual(['refunded', 'refunded']);
    expect(results.map((r) => r.status === 'refunded' && r.replayed).sort()).toEqual([false, true]);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(6_000);
    expect((await wallet(shopper.id)).available).toBe(1_000);
    expect((await cardRefunds(placed.order.id)).map((t) => [t.amount, t.state])).toEqual([[5_000, 'posted']]);
    expect(await audits(staff.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('a full refund sent twice at the same moment is one refund, and the second is its replay, not a refusal', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    const attemptKey = crypto.randomUUID();
    const results = await Promise.all([refund(placed.order.id, staff.id, 15_000, attemptKey), refund(placed.order.id, staff.id, 15_000, attemptKey)]);
    expect(results.map((r) => r.status)).toEqual(['refunded', 'refunded']);
    expect(results.map((r) => r.status === 'refunded' && r.replayed).sort()).toEqual([false, true]);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(15_000);
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect((await cardRefunds(placed.order.id)).map((t) => [t.amount, t.state])).toEqual([[5_000, 'posted']]);
    expect(await audits(staff.id)).toHaveLength(1);
    expect(await ledgerOk()).toBe(true);
  });

  it('two staff refunding at once cannot refund more than was paid', async () => {
    const { shopper, staff, placed } = await paidDemoSplitOrder();
    const results = await Promise.all([refund(placed.order.id, staff.id, 9_000), refund(placed.order.id, staff.id, 9_000)]);
    expect(results.map((r) => r.status).sort()).toEqual(['exceeds_refundable', 'refunded']);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(9_000);
    expect((await cardRefunds(placed.order.id)).map((t) => t.amount)).toEqual([5_000]);
    expect((await wallet(shopper.id)).available).toBe(4_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('refuses unpaid orders, unknown orders and amounts that are not positive', async () => {
    const { staff, placed } = await paidSplitOrder();
    expect((await refund(placed.order.id, staff.id, 100)).status).toBe('not_paid');
    expect((await refund(999_999, staff.id, 100)).status).toBe('not_found');
    expect((await refund(2 ** 40, staff.id, 100)).status).toBe('not_found');
    expect((await refund(1.5, staff.id, 100)).status).toBe('not_found');
    expect((await refund(placed.order.id, staff.id, 0)).status).toBe('invalid_amount');
    expect((await refund(placed.order.id, staff.id, 1.5)).status).toBe('invalid_amount');
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(0);
  });
});
