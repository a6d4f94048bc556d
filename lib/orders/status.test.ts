import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, orderEvents, type OrderState } from '@/db/schema';
import { insertTestUser } from '@/test/helpers/users';
import { eventsOf, orderRow, placeTestOrder } from '@/test/helpers/order-lifecycle';
import { canMoveOrder, moveOrder, moveOrders, nextStates } from './status';

const db = getDatabase();
const move = (orderId: number, staffId: number, to: OrderState, extra: { trackingNumber?: string; attemptKey?: string } = {}) =>
  moveOrder(db, { orderId, staffId, to, attemptKey: extra.attemptKey ?? crypto.randomUUID(), trackingNumber: extra.trackingNumber });
const moveAudits = (staffId: number) => db.read.select().from(auditLog).where(and(eq(auditLog.action, 'order.move'), eq(auditLog.actorId, staffId))).orderBy(auditLog.id);

describe('allowed moves (data)', () => {
  const paidAt = new Date();
  it.each([
    ['confirmed', null, 'card', []],
    ['confirmed', null, 'wire_transfer', []],
    ['confirmed', null, 'cash_on_delivery', ['processing', 'shipped']],
    ['processing', null, 'cash_on_delivery', ['shipped']],
    ['shipped', null, 'cash_on_delivery', ['delivered']],
    ['paid', paidAt, 'wallet', ['processing', 'shipped']],
    ['processing', paidAt, 'card', ['shipped']],
    ['shipped', paidAt, 'card', ['delivered']],
    ['delivered', paidAt, 'card', []],
    ['canceled', null, 'card', []],
  ] as const)('%s (paid at %s) by %s → %j', (state, at, paymentMethod, expected) => {
    expect(nextStates({ state, paidAt: at, paymentMethod })).toEqual(expected);
    expect(canMoveOrder({ state, paidAt: at, paymentMethod }, 'canceled')).toBe(false);
  });
});

describe('moveOrder', () => {
  it('moves a paid order forward step by step, stamping shipped and delivered, with events and audit rows', async () => {
    const { order, staff, shopper } = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    expect((await move(order.id, staff.id, 'processing')).status).toBe('moved');
    const shipped = await move(order.id, staff.id, 'shipped', { trackingNumber: '  1Z999AA10123456784 ' });
    expect(shipped).toMatchObject({ status: 'moved', from: 'processing', order: { state: 'shipped', trackingNumber: '1Z999AA10123456784', shippedAt: expect.any(Date) } });
    const delivered = await move(order.id, staff.id, 'delivered');
    expect(delivered).toMatchObject({ status: 'moved', order: { state: 'delivered', deliveredAt: expect.any(Date), trackingNumber: '1Z999AA10123456784' } });
    expect(await eventsOf(db, order.id)).toEqual([
      [null, 'confirmed'],
      ['confirmed', 'paid'],
      ['paid', 'processing'],
      ['processing', 'shipped'],
      ['shipped', 'delivered'],
    ]);
    const [shippedEvent] = await db.read.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.toState, 'shipped')));
    expect(shippedEvent).toMatchObject({ actorId: staff.id, trackingNumber: '1Z999AA10123456784' });
    const audits = await moveAudits(staff.id);
    expect(audits.map((row) => [row.subjectUserId, JSON.parse(row.details ?? '{}')])).toEqual([
      [shopper.id, { order: order.number, from: 'paid', to: 'processing' }],
      [shopper.id, { order: order.number, from: 'processing', to: 'shipped', trackingNumber: '1Z999AA10123456784' }],
      [shopper.id, { order: order.number, from: 'shipped', to: 'delivered' }],
    ]);
  });

  it('ships straight from paid, without a tracking number', async () => {
    const { order, staff } = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    expect(await move(order.id, staff.id, 'shipped', { trackingNumber: '   ' })).toMatchObject({ status: 'moved', order: { state: 'shipped', trackingNumber: null } });
  });

  it('the same attempt twice (double click), or twice at once, moves once', async () => {
    const { order, staff } = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    const attemptKey = crypto.randomUUID();
    const results = await Promise.all([move(order.id, staff.id, 'shipped', { attemptKey }), move(order.id, staff.id, 'shipped', { attemptKey })]);
    expect(results.map((result) => result.status).sort()).toEqual(['already', 'moved']);
    expect((await move(order.id, staff.id, 'shipped', { attemptKey })).status).toBe('already');
    // Another staff member who saw the old page: already shipped, nothing more.
    expect((await move(order.id, staff.id, 'shipped')).status).toBe('already');
    expect((await eventsOf(db, order.id)).filter(([, to]) => to === 'shipped')).toHaveLength(1);
    expect(await moveAudits(staff.id)).toHaveLength(1);
  });

  it('refuses moves the order cannot make: unpaid card or wire orders, backwards, cancelled ones', async () => {
    const card = await placeTestOrder(db, 'card');
    await expect(move(card.order.id, card.staff.id, 'shipped')).rejects.toMatchObject({ code: 'NOT_MOVABLE', params: { number: card.order.number, from: 'confirmed', to: 'shipped' } });
    await expect(move(card.order.id, card.staff.id, 'paid')).rejects.toMatchObject({ code: 'NOT_MOVABLE' });
    const paid = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    await move(paid.order.id, paid.staff.id, 'shipped');
    await expect(move(paid.order.id, paid.staff.id, 'processing')).rejects.toMatchObject({ code: 'NOT_MOVABLE' });
    await expect(move(paid.order.id, paid.staff.id, 'canceled')).rejects.toMatchObject({ code: 'NOT_MOVABLE' });
    expect((await orderRow(db, card.order.id)).state).toBe('confirmed');
  });

  it('cash on delivery ships before it is paid', async () => {
    const { order, staff } = await placeTestOrder(db, 'cash_on_delivery');
    await move(order.id, staff.id, 'processing');
    await move(order.id, staff.id, 'shipped', { trackingNumber: 'COD-1' });
    expect(await orderRow(db, order.id)).toMatchObject({ state: 'shipped', paidAt: null, trackingNumber: 'COD-1' });
    await move(order.id, staff.id, 'delivered');
    expect((await orderRow(db, order.id)).state).toBe('delivered');
  });

  it('only staff move orders; an unknown order is not found', async () => {
    const { order, shopper } = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    await expect(move(order.id, shopper.id, 'shipped')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const staff = await insertTestUser(db, 'staff');
    await expect(move(999_999, staff.id, 'shipped')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(moveOrder(db, { orderId: order.id, staffId: staff.id, to: 'shipped', attemptKey: '' })).rejects.toMatchObject({ code: 'INVALID_KEY' });
  });
});

describe('moveOrders (bulk "Mark as shipped")', () => {
  it('ships every selected order it can, each audited, and says which it could not', async () => {
    const staff = await insertTestUser(db, 'staff');
    const paid = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    const processing = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    await move(processing.order.id, staff.id, 'processing');
    const unpaid = await placeTestOrder(db, 'wire_transfer');
    const ids = [paid.order.id, processing.order.id, unpaid.order.id, paid.order.id];
    const attemptKey = crypto.randomUUID();
    const results = await moveOrders(db, { orderIds: ids, to: 'shipped', staffId: staff.id, attemptKey });
    expect(results.map((result) => ('outcome' in result ? [result.orderId, result.outcome.status] : [result.orderId, result.refused.code]))).toEqual([
      [paid.order.id, 'moved'],
      [processing.order.id, 'moved'],
      [unpaid.order.id, 'NOT_MOVABLE'],
    ]);
    // Sent again (double click): nothing moves twice.
    const again = await moveOrders(db, { orderIds: ids, to: 'shipped', staffId: staff.id, attemptKey });
    expect(again.filter((result) => 'outcome' in result && result.outcome.status === 'moved')).toHaveLength(0);
    const audits = await moveAudits(staff.id);
    expect(audits.filter((row) => JSON.parse(row.details ?? '{}').to === 'shipped')).toHaveLength(2);
    expect((await orderRow(db, unpaid.order.id)).state).toBe('confirmed');
  });
});
