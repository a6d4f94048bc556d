import crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { verifyLedger } from '@/lib/ledger';
import { fakeRequest } from '@/test/helpers/fake-next';
import { orderRow, placeTestOrder, walletAvailable } from '@/test/helpers/order-lifecycle';

vi.mock('../../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { moveOrderAction, cancelOrderAction } = await import('./actions');
const { shipOrdersAction } = await import('../actions');

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const idle = { status: 'idle' } as const;
const db = getDatabase();

describe('staff order lifecycle actions', () => {
  it('Start processing, Mark as shipped with a tracking number, Mark as delivered; a double submit says so', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    fakeRequest.viewer = { ...placed.staff, role: 'staff' };
    const fields = { orderId: placed.order.id, attemptKey: crypto.randomUUID() };
    expect(await moveOrderAction(idle, form({ ...fields, to: 'processing' }))).toEqual({ status: 'success', message: `Order ${placed.order.number} is being processed.` });
    const shipped = form({ orderId: placed.order.id, attemptKey: crypto.randomUUID(), to: 'shipped', trackingNumber: ' TRK-42 ' });
    expect(await moveOrderAction(idle, shipped)).toEqual({ status: 'success', message: `Order ${placed.order.number} is marked as shipped.` });
    expect(await moveOrderAction(idle, shipped)).toEqual({ status: 'success', message: `Order ${placed.order.number} was already moved there: nothing changed.` });
    expect(await orderRow(db, placed.order.id)).toMatchObject({ state: 'shipped', trackingNumber: 'TRK-42' });
    const backwards = await moveOrderAction(idle, form({ orderId: placed.order.id, attemptKey: crypto.randomUUID(), to: 'processing' }));
    expect(backwards).toMatchObject({ status: 'error', code: 'NOT_MOVABLE', message: expect.stringContaining(placed.order.number) });
    expect(await moveOrderAction(idle, form({ ...fields, to: 'paid' }))).toMatchObject({ status: 'error', fieldErrors: { to: [expect.any(String)] } });
  });

  it('Cancel order refunds a paid order once and says where the money went', async () => {
    const placed = await placeTestOrder(db, 'wallet_and_card', { funded: 4_000 });
    const { completePayment } = await import('@/lib/payments/complete');
    await db.write((tx) => completePayment(tx, placed.payment.id));
    fakeRequest.viewer = { ...placed.staff, role: 'staff' };
    const fields = { orderId: placed.order.id, reason: 'Out of stock', attemptKey: crypto.randomUUID() };
    expect(await cancelOrderAction(idle, form({ ...fields, reason: ' ' }))).toMatchObject({ status: 'error', fieldErrors: { reason: [expect.any(String)] } });
    expect(await cancelOrderAction(idle, form(fields))).toEqual({
      status: 'success',
      message: `Order ${placed.order.number} is cancelled: refunded $20.00 to the card and $40.00 to the customer's wallet.`,
    });
    expect(await cancelOrderAction(idle, form(fields))).toEqual({ status: 'success', message: `Order ${placed.order.number} was already cancelled: nothing more was refunded.` });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(4_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('Cancel order refuses a shipped order in the staff member’s words', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    fakeRequest.viewer = { ...placed.staff, role: 'staff' };
    await moveOrderAction(idle, form({ orderId: placed.order.id, attemptKey: crypto.randomUUID(), to: 'shipped' }));
    expect(await cancelOrderAction(idle, form({ orderId: placed.order.id, reason: 'Too late', attemptKey: crypto.randomUUID() }))).toEqual({
      status: 'error',
      code: 'NOT_CANCELLABLE',
      message: `Order ${placed.order.number} has shipped and can no longer be cancelled.`,
      values: expect.any(Object),
    });
  });

  it('bulk Mark as shipped ships the selected orders that can ship and names the others', async () => {
    const paid = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    const unpaid = await placeTestOrder(db, 'wire_transfer');
    fakeRequest.viewer = { ...paid.staff, role: 'staff' };
    const answer = await shipOrdersAction(idle, form({ orderIds: `${paid.order.id},${unpaid.order.id}`, attemptKey: crypto.randomUUID() }));
    expect(answer).toEqual({
      status: 'error',
      message: `1 order marked as shipped. Not shipped (not paid, or not in a state that ships): ${unpaid.order.number}.`,
    });
    expect((await orderRow(db, paid.order.id)).state).toBe('shipped');
    expect(await shipOrdersAction(idle, form({ orderIds: 'x', attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', fieldErrors: { orderIds: [expect.any(String)] } });
  });

  it('a shopper is sent to the 403 page', async () => {
    const placed = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    fakeRequest.viewer = { ...placed.shopper, role: 'customer' };
    await expect(moveOrderAction(idle, form({ orderId: placed.order.id, attemptKey: crypto.randomUUID(), to: 'shipped' }))).rejects.toThrow('403');
    await expect(cancelOrderAction(idle, form({ orderId: placed.order.id, reason: 'x', attemptKey: crypto.randomUUID() }))).rejects.toThrow('403');
    await expect(shipOrdersAction(idle, form({ orderIds: String(placed.order.id), attemptKey: crypto.randomUUID() }))).rejects.toThrow('403');
    expect((await orderRow(db, placed.order.id)).state).toBe('paid');
  });
});
