import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { fundTestWallet } from '@/test/helpers/checkout';
import { placeTestOrder } from '@/test/helpers/order-lifecycle';
import { cancelOrder } from './cancel-order';
import { moveOrder } from './status';
import { listStaffOrders, orderHistory, orderStatusFilter, shopperOrderChoices, staffOrderLifecycle, trackingNumbersOf } from './views';

const db = getDatabase();

describe('order lifecycle read models', () => {
  it('the staff list filters by status and says which orders can ship', async () => {
    const paid = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    const cash = await placeTestOrder(db, 'cash_on_delivery');
    const wire = await placeTestOrder(db, 'wire_transfer');
    const state = orderStatusFilter('pending');
    expect(state).toBe('confirmed');
    expect(orderStatusFilter('nonsense')).toBeUndefined();
    const pending = await listStaffOrders(db.read, { state, pageSize: 100 });
    const ids = pending.rows.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([cash.order.id, wire.order.id]));
    expect(ids).not.toContain(paid.order.id);
    const canShip = new Map((await listStaffOrders(db.read, { pageSize: 100 })).rows.map((row) => [row.id, row.canShip]));
    expect([canShip.get(paid.order.id), canShip.get(cash.order.id), canShip.get(wire.order.id)]).toEqual([true, true, false]);
    expect((await listStaffOrders(db.read, { q: paid.order.number })).rows.map((row) => row.id)).toEqual([paid.order.id]);
  });

  it('history says who moved the order and carries the tracking number; My Orders gets it by number', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    const moved = await moveOrder(db, { orderId: placed.order.id, to: 'shipped', staffId: placed.staff.id, trackingNumber: 'TRK-9', attemptKey: crypto.randomUUID() });
    const history = await orderHistory(db.read, moved.order);
    expect(history.map((entry) => [entry.to, entry.by, entry.actorName, entry.trackingNumber])).toEqual([
      ['confirmed', 'customer', null, null],
      ['paid', 'shop', null, null],
      ['shipped', 'staff', placed.staff.name, 'TRK-9'],
    ]);
    expect(await trackingNumbersOf(db.read, placed.shopper.id, [placed.order.number])).toEqual(new Map([[placed.order.number, 'TRK-9']]));
    // Someone else's numbers are not theirs to read.
    const other = await placeTestOrder(db, 'wire_transfer');
    expect(await trackingNumbersOf(db.read, other.shopper.id, [placed.order.number])).toEqual(new Map());
    expect(await staffOrderLifecycle(db.read, moved.order)).toMatchObject({ next: ['delivered'], canCancel: false, cancelRefund: 0 });
  });

  it('the shopper may switch to the other enabled ways, the wallet only when it covers the order (with its hold)', async () => {
    const split = await placeTestOrder(db, 'wallet_and_card', { funded: 4_000 });
    expect(await shopperOrderChoices(db.read, split.order)).toEqual({ canCancel: true, switchTo: ['wire_transfer', 'cash_on_delivery'], walletForOrder: 4_000 });
    await fundTestWallet(db, split.shopper.id, 2_000);
    expect((await shopperOrderChoices(db.read, split.order)).switchTo).toEqual(['wallet', 'wire_transfer', 'cash_on_delivery']);
    const canceled = await cancelOrder(db, split.order.id, { kind: 'shopper', userId: split.shopper.id });
    expect(await shopperOrderChoices(db.read, canceled.order)).toEqual({ canCancel: false, switchTo: [], walletForOrder: 0 });
  });
});
