import crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { fundTestWallet } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { orderRow, placeTestOrder, walletAvailable } from '@/test/helpers/order-lifecycle';

vi.mock('../../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { cancelOwnOrderAction, switchPaymentAction } = await import('./actions');

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const idle = { status: 'idle' } as const;
const db = getDatabase();
const as = (user: { id: number; email: string; name: string }) => {
  fakeRequest.viewer = { ...user, role: 'customer' };
};

describe("the shopper's order actions", () => {
  it('Cancel order: an unpaid wire order is cancelled; someone else’s is not found; a paid one is refused', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    const other = await placeTestOrder(db, 'wire_transfer');
    as(other.shopper);
    expect(await cancelOwnOrderAction(idle, form({ orderNumber: placed.order.number }))).toMatchObject({ status: 'error', code: 'NOT_FOUND', message: 'This order does not exist.' });
    as(placed.shopper);
    expect(await cancelOwnOrderAction(idle, form({ orderNumber: placed.order.number }))).toEqual({ status: 'success', message: `Order ${placed.order.number} is cancelled.` });
    expect((await orderRow(db, placed.order.id)).state).toBe('canceled');

    const paid = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    as(paid.shopper);
    expect(await cancelOwnOrderAction(idle, form({ orderNumber: paid.order.number }))).toMatchObject({
      status: 'error',
      code: 'NOT_CANCELLABLE',
      message: `Order ${paid.order.number} is paid: to cancel it, please contact the shop.`,
    });
  });

  it('Pay another way: to the wallet pays at once and goes back to the order page; to a card goes to the card page', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    await fundTestWallet(db, placed.shopper.id, 6_000);
    as(placed.shopper);
    const attemptKey = crypto.randomUUID();
    await expect(switchPaymentAction(idle, form({ orderNumber: placed.order.number, method: 'wallet', attemptKey }))).rejects.toThrow(
      `NEXT_REDIRECT;/my/orders/${placed.order.number}`,
    );
    await expect(switchPaymentAction(idle, form({ orderNumber: placed.order.number, method: 'wallet', attemptKey }))).rejects.toThrow('NEXT_REDIRECT');
    expect(await walletAvailable(db, placed.shopper.id)).toBe(0);
    expect((await orderRow(db, placed.order.id)).state).toBe('paid');

    const card = await placeTestOrder(db, 'cash_on_delivery');
    as(card.shopper);
    await expect(switchPaymentAction(idle, form({ orderNumber: card.order.number, method: 'card', attemptKey: crypto.randomUUID() }))).rejects.toThrow(/NEXT_REDIRECT;\/pay\/demo\//);
    expect(await switchPaymentAction(idle, form({ orderNumber: card.order.number, method: 'card', attemptKey: crypto.randomUUID() }))).toMatchObject({
      status: 'error',
      code: 'SAME_METHOD',
    });
    expect(await switchPaymentAction(idle, form({ orderNumber: card.order.number, method: 'bitcoin', attemptKey: crypto.randomUUID() }))).toMatchObject({
      status: 'error',
      fieldErrors: { method: [expect.any(String)] },
    });
  });

  it('Pay another way with a short wallet is refused in words, and nothing changes', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    as(placed.shopper);
    expect(await switchPaymentAction(idle, form({ orderNumber: placed.order.number, method: 'wallet', attemptKey: crypto.randomUUID() }))).toMatchObject({
      status: 'error',
      code: 'INSUFFICIENT_FUNDS',
      message: 'Your wallet balance is not enough for this order.',
    });
    expect((await orderRow(db, placed.order.id)).paymentMethod).toBe('wire_transfer');
  });
});
