import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
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
const db = getDatabase();

describe('Refund to original payment methods (staff action)', () => {
  it('says where the money went, refuses bad amounts and more than is refundable', async () => {
    const staff = await insertTestUser(db, 'staff');
    const shopper = await insertTestUser(db);
    fakeRequest.viewer = { ...staff, role: 'staff' };
    await fundTestWallet(db, shopper.id, 10_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
    await db.write((tx) => completePayment(tx, placed.payment.id));
    const fields = { orderId: placed.order.id, reason: 'Returned', attemptKey: crypto.randomUUID() };

    expect(await refundOrderToSourcesAction(idle, form({ ...fields, amount: '1.001' }))).toMatchObject({ status: 'error', fieldErrors: { amount: [expect.any(String)] } });
    const done = await refundOrderToSourcesAction(idle, form({ ...fields, amount: '80.00' }));
    expect(done).toEqual({ status: 'success', message: `Refunded $50.00 to the card and $30.00 to the customer's wallet for order ${placed.order.number}.` });
    const again = await refundOrderToSourcesAction(idle, form({ ...fields, amount: '80.00' }));
    expect(again).toMatchObject({ status: 'success', message: expect.stringMatching(/^Already done: refunded \$50\.00 to the card/) });
    const tooMuch = await refundOrderToSourcesAction(idle, form({ ...fields, amount: '70.01', attemptKey: crypto.randomUUID() }));
    expect(tooMuch).toMatchObject({ status: 'error', message: expect.stringContaining('at most $70.00'), fieldErrors: { amount: ['At most $70.00 can be refunded.'] } });
    const [order] = await db.read.select().from(orders).where(eq(orders.id, placed.order.id));
    expect(order?.amountRefunded).toBe(8_000);
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(3_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
