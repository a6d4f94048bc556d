import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { insertTestUser } from '@/test/helpers/users';
import { fakeRequest } from '@/test/helpers/fake-next';

vi.mock('../../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { refundOrderToSourcesAction } = await import('./actions');

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const idle = { status: 'idle' } as const;

describe('Refund to original payment methods (staff action)', () => {
  it('says where the money went, refuses bad amounts and more than is refundable', async () => {
    const staff = insertTestUser('staff');
    const shopper = insertTestUser();
    fakeRequest.viewer = { ...staff, role: 'staff' };
    fundTestWallet(shopper.id, 10_000);
    fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
    const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
    completePayment(placed.payment.id);
    const fields = { orderId: placed.order.id, reason: 'Returned', attemptKey: crypto.randomUUID() };

    expect(await refundOrderToSourcesAction(idle, form({ ...fields, amount: '1.001' }))).toMatchObject({ status: 'error', fieldErrors: { amount: [expect.any(String)] } });
    const done = await refundOrderToSourcesAction(idle, form({ ...fields, amount: '80.00' }));
    expect(done).toEqual({ status: 'success', message: `Refunded $50.00 to the card and $30.00 to the customer's wallet for order ${placed.order.number}.` });
    const again = await refundOrderToSourcesAction(idle, form({ ...fields, amount: '80.00' }));
    expect(again).toMatchObject({ status: 'success', message: expect.stringMatching(/^Already done: refunded \$50\.00 to the card/) });
    const tooMuch = await refundOrderToSourcesAction(idle, form({ ...fields, amount: '70.01', attemptKey: crypto.randomUUID() }));
    expect(tooMuch).toMatchObject({ status: 'error', message: expect.stringContaining('at most $70.00'), fieldErrors: { amount: ['At most $70.00 can be refunded.'] } });
    expect(db.select().from(orders).where(eq(orders.id, placed.order.id)).get()?.amountRefunded).toBe(8_000);
    expect(getBalance({ wallet: shopper.id, currency: 'USD' }).available).toBe(3_000);
    expect(verifyLedger().ok).toBe(true);
  });
});
