// deliverOrderPayment when the Wallet and Card hold it read is released by another transaction
// before it captures it: on PostgreSQL (READ COMMITTED) the hold-expiry job or a cancel can commit
// between the two. The stale read is played here by handing out the hold as it was before release.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { orders, payments, type Payment } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { releaseWalletHold } from '@/lib/payments/split';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { placeOrder } from './place-order';

const stale = vi.hoisted(() => ({ hold: undefined as Payment | undefined }));
vi.mock('@/lib/payments/split', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/payments/split')>();
  return {
    ...actual,
    findWalletHold: async (...args: Parameters<typeof actual.findWalletHold>) => {
      const hold = stale.hold;
      stale.hold = undefined;
      return hold ?? actual.findWalletHold(...args);
    },
  };
});

const db = getDatabase();
const sales = async () => (await getBalance(db.read, { system: 'sales', currency: 'USD' })).posted;

describe('a Wallet and Card order whose hold was released while its card payment completed', () => {
  it('is not marked paid by the card part alone: the card money goes to the wallet and the order keeps waiting', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
    const [hold, cardPart] = await db.read.select().from(payments).where(eq(payments.orderId, placed.order.id)).orderBy(payments.id);
    if (!hold || !cardPart) throw new Error('A split order has two payments.');
    expect(hold).toMatchObject({ provider: 'wallet', state: 'authorized', amount: 10_000 });
    const salesBefore = await sales();

    expect(await db.write((tx) => releaseWalletHold(tx, hold.id, { code: 'holdExpired' }))).toBe(true);
    stale.hold = hold;
    await db.write((tx) => completePayment(tx, cardPart.id));

    expect((await db.read.select().from(orders).where(eq(orders.id, placed.order.id)))[0]?.state).toBe('confirmed');
    expect((await sales()) - salesBefore).toBe(0);
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(15_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
