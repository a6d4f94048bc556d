import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, mailOutbox, orderLines, payments } from '@/db/schema';
import { markOrderPaid, type CheckoutChoice } from '@/lib/checkout';
import { verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { eventsOf, orderRow, placeTestOrder, postedRefunds, stockOf, walletAvailable, type PlacedTestOrder } from '@/test/helpers/order-lifecycle';
import { cancelOrder, cancelRefusal, type CancelActor } from './cancel-order';
import { moveOrder } from './status';

const db = getDatabase();
const ledgerOk = async () => (await verifyLedger(db.read)).ok;
const staffActor = (staffId: number): CancelActor => ({ kind: 'staff', userId: staffId, reason: 'Out of stock', attemptKey: crypto.randomUUID() });
const paymentStates = async (orderId: number) =>
  (await db.read.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id)).map((p) => [p.provider, p.state]);

type Setup = { method: CheckoutChoice; funded?: number; price?: number; then?: (placed: PlacedTestOrder) => Promise<void> };

const pay = {
  card: (placed: PlacedTestOrder) => db.write((tx) => completePayment(tx, placed.payment.id)).then(() => undefined),
  staff: (placed: PlacedTestOrder) => markOrderPaid(db, placed.order.id, placed.staff.id).then(() => undefined),
  process: (placed: PlacedTestOrder) =>
    moveOrder(db, { orderId: placed.order.id, to: 'processing', staffId: placed.staff.id, attemptKey: crypto.randomUUID() }).then(() => undefined),
};

// Every state a cancel may find an order in: who cancels, what was paid, what must come back
// (to the wallet, to the card) and what the payments end as. Stock: 2 units reserved of 5.
const cases: {
  name: string;
  setup: Setup;
  by: 'shopper' | 'staff';
  refunds: [string, number][];
  walletAfter: number;
  paymentsAfter: string[][];
}[] = [
  {
    name: 'confirmed, card page never completed',
    setup: { method: 'card' },
    by: 'shopper',
    refunds: [],
    walletAfter: 0,
    paymentsAfter: [['demo', 'canceled']],
  },
  {
    name: 'confirmed with a wallet hold (Wallet and Card, card part open)',
    setup: { method: 'wallet_and_card', funded: 4_000, price: 3_000 },
    by: 'shopper',
    refunds: [],
    walletAfter: 4_000,
    paymentsAfter: [
      ['wallet', 'canceled'],
      ['demo', 'canceled'],
    ],
  },
  {
    name: 'confirmed wire, money not arrived',
    setup: { method: 'wire_transfer' },
    by: 'shopper',
    refunds: [],
    walletAfter: 0,
    paymentsAfter: [['wire_transfer', 'canceled']],
  },
  {
    name: 'cash on delivery, not shipped',
    setup: { method: 'cash_on_delivery' },
    by: 'shopper',
    refunds: [],
    walletAfter: 0,
    paymentsAfter: [['cash_on_delivery', 'canceled']],
  },
  {
    name: 'cash on delivery being prepared (processing, unpaid)',
    setup: { method: 'cash_on_delivery', then: pay.process },
    by: 'shopper',
    refunds: [],
    walletAfter: 0,
    paymentsAfter: [['cash_on_delivery', 'canceled']],
  },
  {
    name: 'confirmed card order, cancelled by staff',
    setup: { method: 'card' },
    by: 'staff',
    refunds: [],
    walletAfter: 0,
    paymentsAfter: [['demo', 'canceled']],
  },
  {
    name: 'paid by wallet',
    setup: { method: 'wallet', funded: 10_000 },
    by: 'staff',
    refunds: [['refund_to_wallet', 6_000]],
    walletAfter: 10_000,
    paymentsAfter: [['wallet', 'done']],
  },
  {
    name: 'paid by Wallet and Card (Demo provider)',
    setup: { method: 'wallet_and_card', funded: 4_000, then: pay.card },
    by: 'staff',
    refunds: [
      ['refund_deposit_to_card', 2_000],
      ['refund_to_wallet', 4_000],
    ],
    walletAfter: 4_000,
    paymentsAfter: [
      ['wallet', 'done'],
      ['demo', 'done'],
    ],
  },
  {
    name: 'paid by card (Demo provider)',
    setup: { method: 'card', then: pay.card },
    by: 'staff',
    refunds: [['refund_deposit_to_card', 6_000]],
    walletAfter: 0,
    paymentsAfter: [['demo', 'done']],
  },
  {
    name: 'wire marked paid by staff (no card to go back to: the wallet)',
    setup: { method: 'wire_transfer', then: pay.staff },
    by: 'staff',
    refunds: [['refund_to_wallet', 6_000]],
    walletAfter: 6_000,
    paymentsAfter: [['wire_transfer', 'done']],
  },
  {
    name: 'processing, paid by wallet',
    setup: {
      method: 'wallet',
      funded: 10_000,
      then: pay.process,
    },
    by: 'staff',
    refunds: [['refund_to_wallet', 6_000]],
    walletAfter: 10_000,
    paymentsAfter: [['wallet', 'done']],
  },
];

describe('cancelOrder in every state', () => {
  it.each(cases)('$name: cancelled by $by, gives back exactly what was paid and the stock', async ({ setup, by, refunds, walletAfter, paymentsAfter }) => {
    const placed = await placeTestOrder(db, setup.method, { funded: setup.funded, price: setup.price });
    expect(await stockOf(db, placed.product.id)).toBe(3);
    await setup.then?.(placed);
    const before = await orderRow(db, placed.order.id);
    const actor: CancelActor = by === 'staff' ? staffActor(placed.staff.id) : { kind: 'shopper', userId: placed.shopper.id };

    const result = await cancelOrder(db, placed.order.id, actor);

    expect(result.status).toBe('canceled');
    const after = await orderRow(db, placed.order.id);
    expect(after).toMatchObject({ state: 'canceled', canceledAt: expect.any(Date) });
    expect(after.amountRefunded).toBe(refunds.reduce((sum, [, amount]) => sum + amount, 0));
    expect(await postedRefunds(db, placed.order.id)).toEqual(refunds);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(walletAfter);
    expect(await paymentStates(placed.order.id)).toEqual(paymentsAfter);
    expect(await stockOf(db, placed.product.id)).toBe(5);
    expect((await db.read.select().from(orderLines).where(eq(orderLines.orderId, placed.order.id))).map((line) => line.stockReserved)).toEqual([0]);
    expect((await eventsOf(db, placed.order.id)).at(-1)).toEqual([before.state, 'canceled']);
    expect(result.stockReleased).toBe(2);
    expect(await ledgerOk()).toBe(true);
  });
});

describe('cancelOrder, exactly once', () => {
  it('a second cancel (double click) moves no money and no stock', async () => {
    const placed = await placeTestOrder(db, 'wallet_and_card', { funded: 4_000 });
    await pay.card(placed);
    const actor = staffActor(placed.staff.id);
    const first = await cancelOrder(db, placed.order.id, actor);
    const again = await cancelOrder(db, placed.order.id, actor);
    const other = await cancelOrder(db, placed.order.id, staffActor(placed.staff.id));
    expect([first.status, again.status, other.status]).toEqual(['canceled', 'already_canceled', 'already_canceled']);
    expect(again.refund).toEqual(first.refund);
    expect(await postedRefunds(db, placed.order.id)).toEqual([
      ['refund_deposit_to_card', 2_000],
      ['refund_to_wallet', 4_000],
    ]);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(4_000);
    expect(await stockOf(db, placed.product.id)).toBe(5);
    expect((await eventsOf(db, placed.order.id)).filter(([, to]) => to === 'canceled')).toHaveLength(1);
    const audits = await db.read.select().from(auditLog).where(and(eq(auditLog.action, 'order.cancel'), eq(auditLog.actorId, placed.staff.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ amount: 6_000, currency: 'USD', reason: 'Out of stock', subjectUserId: placed.shopper.id });
    // One e-mail, saying what went back where.
    const mails = await db.read.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, `order-cancelled:${placed.order.id}`));
    expect(mails.map((mail) => [mail.template, JSON.parse(mail.params).refunds])).toEqual([
      [
        'orderCancelled',
        [
          { amount: 4_000, currency: 'USD', destination: 'wallet' },
          { amount: 2_000, currency: 'USD', destination: 'card' },
        ],
      ],
    ]);
    expect(await ledgerOk()).toBe(true);
  });

  it('many cancels at once (shopper twice, staff, the shop) cancel once and refund once', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    const results = await Promise.all([
      cancelOrder(db, placed.order.id, staffActor(placed.staff.id)),
      cancelOrder(db, placed.order.id, staffActor(placed.staff.id)),
      cancelOrder(db, placed.order.id, staffActor(placed.staff.id)),
    ]);
    expect(results.filter((result) => result.status === 'canceled')).toHaveLength(1);
    expect(await postedRefunds(db, placed.order.id)).toEqual([['refund_to_wallet', 6_000]]);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(10_000);
    expect(await stockOf(db, placed.product.id)).toBe(5);
    expect(await ledgerOk()).toBe(true);
  });

  it('a cancel racing a card payment: one of them wins, and no money is lost', async () => {
    const placed = await placeTestOrder(db, 'card');
    const [canceled, completed] = await Promise.allSettled([
      cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id }),
      db.write((tx) => completePayment(tx, placed.payment.id)),
    ]);
    const order = await orderRow(db, placed.order.id);
    if (canceled.status === 'fulfilled') {
      // The cancel came first: the card page was closed, so the card payment is refused.
      expect(order.state).toBe('canceled');
      expect(completed.status).toBe('rejected');
    } else {
      expect(order.state).toBe('paid');
      expect(canceled.reason).toMatchObject({ code: 'NOT_CANCELLABLE', params: { reason: 'paid' } });
    }
    expect(await ledgerOk()).toBe(true);
  });
});

describe('who may cancel', () => {
  it('a shopper cannot cancel someone else’s order: it does not exist for them', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    const other = await placeTestOrder(db, 'wire_transfer');
    await expect(cancelOrder(db, placed.order.id, { kind: 'shopper', userId: other.shopper.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await orderRow(db, placed.order.id)).state).toBe('confirmed');
  });

  it('a shopper cannot cancel a paid order; staff can', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    await expect(cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id })).rejects.toMatchObject({
      code: 'NOT_CANCELLABLE',
      params: { reason: 'paid' },
    });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(4_000);
    expect((await cancelOrder(db, placed.order.id, staffActor(placed.staff.id))).status).toBe('canceled');
  });

  it('staff cannot cancel a shipped order, nor a delivered one', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    await moveOrder(db, { orderId: placed.order.id, to: 'shipped', staffId: placed.staff.id, attemptKey: crypto.randomUUID(), trackingNumber: 'TRK1' });
    await expect(cancelOrder(db, placed.order.id, staffActor(placed.staff.id))).rejects.toMatchObject({ code: 'NOT_CANCELLABLE', params: { reason: 'shipped' } });
    await moveOrder(db, { orderId: placed.order.id, to: 'delivered', staffId: placed.staff.id, attemptKey: crypto.randomUUID() });
    await expect(cancelOrder(db, placed.order.id, staffActor(placed.staff.id))).rejects.toMatchObject({ code: 'NOT_CANCELLABLE', params: { reason: 'shipped' } });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(4_000);
    expect(await stockOf(db, placed.product.id)).toBe(3);
  });

  it('a shopper cannot cancel cash on delivery once it has shipped', async () => {
    const placed = await placeTestOrder(db, 'cash_on_delivery');
    await moveOrder(db, { orderId: placed.order.id, to: 'shipped', staffId: placed.staff.id, attemptKey: crypto.randomUUID() });
    await expect(cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id })).rejects.toMatchObject({
      code: 'NOT_CANCELLABLE',
      params: { reason: 'shipped' },
    });
  });

  it('a customer posing as staff is refused', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    await expect(cancelOrder(db, placed.order.id, staffActor(placed.shopper.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await orderRow(db, placed.order.id)).state).toBe('confirmed');
  });

  it.each([
    ['confirmed', null, 'card', { shopper: undefined, staff: undefined, shop: undefined }],
    ['paid', new Date(), 'wallet', { shopper: 'paid', staff: undefined, shop: 'paid' }],
    ['processing', new Date(), 'card', { shopper: 'paid', staff: undefined, shop: 'paid' }],
    ['processing', null, 'cash_on_delivery', { shopper: undefined, staff: undefined, shop: 'paid' }],
    ['shipped', null, 'cash_on_delivery', { shopper: 'shipped', staff: 'shipped', shop: 'shipped' }],
    ['delivered', new Date(), 'wallet', { shopper: 'shipped', staff: 'shipped', shop: 'shipped' }],
    ['canceled', null, 'card', { shopper: 'canceled', staff: 'canceled', shop: 'canceled' }],
  ] as const)('cancelRefusal: %s (paid at %s, %s)', (state, paidAt, paymentMethod, expected) => {
    for (const actor of ['shopper', 'staff', 'shop'] as const) {
      expect([actor, cancelRefusal({ state, paidAt, paymentMethod }, actor)]).toEqual([actor, expected[actor]]);
    }
  });
});
