import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices, payments } from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { fundTestWallet } from '@/test/helpers/checkout';
import { orderRow, placeTestOrder, walletAvailable } from '@/test/helpers/order-lifecycle';
import { switchOrderPayment, type SwitchMethod } from './switch-payment';

const db = getDatabase();
const paymentsOf = async (orderId: number) =>
  (await db.read.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id)).map((p) => [p.provider, p.state, p.amount]);
const switchTo = (user: { id: number; email: string }, orderNumber: string, method: SwitchMethod, attemptKey: string = crypto.randomUUID()) =>
  switchOrderPayment(db, user, { orderNumber, method, attemptKey });

describe('switchOrderPayment', () => {
  it('card → wire: the card page is closed and a wire payment opened; the order waits for the wire', async () => {
    const placed = await placeTestOrder(db, 'card');
    const outcome = await switchTo(placed.shopper, placed.order.number, 'wire_transfer');
    expect(outcome).toMatchObject({ replayed: false, next: `/my/orders/${placed.order.number}`, payment: { provider: 'wire_transfer', state: 'pending', amount: 6_000 } });
    expect(await orderRow(db, placed.order.id)).toMatchObject({ state: 'confirmed', paymentMethod: 'wire_transfer' });
    expect(await paymentsOf(placed.order.id)).toEqual([
      ['demo', 'canceled', 6_000],
      ['wire_transfer', 'pending', 6_000],
    ]);
  });

  it('Wallet and Card → cash on delivery: the wallet hold is released', async () => {
    const placed = await placeTestOrder(db, 'wallet_and_card', { funded: 4_000 });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(0);
    await switchTo(placed.shopper, placed.order.number, 'cash_on_delivery');
    expect(await walletAvailable(db, placed.shopper.id)).toBe(4_000);
    expect(await paymentsOf(placed.order.id)).toEqual([
      ['wallet', 'canceled', 4_000],
      ['demo', 'canceled', 2_000],
      ['cash_on_delivery', 'pending', 6_000],
    ]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('wire → card: a new card payment for the whole amount, and the card page to go to', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    const outcome = await switchTo(placed.shopper, placed.order.number, 'card');
    expect(outcome.payment).toMatchObject({ provider: 'demo', state: 'pending', amount: 6_000 });
    expect(outcome.next).toBe(`/pay/demo/${outcome.payment.reference}`);
    expect((await orderRow(db, placed.order.id)).paymentMethod).toBe('card');
  });

  it('wire → wallet when the balance covers it: paid at once, invoiced as at checkout', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    await fundTestWallet(db, placed.shopper.id, 7_000);
    const outcome = await switchTo(placed.shopper, placed.order.number, 'wallet');
    expect(outcome.order).toMatchObject({ state: 'paid', paymentMethod: 'wallet', paidAt: expect.any(Date) });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(1_000);
    expect(await paymentsOf(placed.order.id)).toEqual([
      ['wire_transfer', 'canceled', 6_000],
      ['wallet', 'done', 6_000],
    ]);
    const [invoice] = await db.read.select().from(invoices).where(eq(invoices.orderId, placed.order.id));
    expect(invoice).toBeDefined();
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('Wallet and Card → wallet: the hold is released and the whole order paid from the wallet in one go', async () => {
    const placed = await placeTestOrder(db, 'wallet_and_card', { funded: 4_000 });
    await fundTestWallet(db, placed.shopper.id, 2_000);
    const outcome = await switchTo(placed.shopper, placed.order.number, 'wallet');
    expect(outcome.order).toMatchObject({ state: 'paid', paymentMethod: 'wallet' });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(0);
    expect(await paymentsOf(placed.order.id)).toEqual([
      ['wallet', 'canceled', 4_000],
      ['demo', 'canceled', 2_000],
      ['wallet', 'done', 6_000],
    ]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('wallet short: refused, and nothing changed', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    await fundTestWallet(db, placed.shopper.id, 5_999);
    await expect(switchTo(placed.shopper, placed.order.number, 'wallet')).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(await orderRow(db, placed.order.id)).toMatchObject({ state: 'confirmed', paymentMethod: 'wire_transfer' });
    expect(await paymentsOf(placed.order.id)).toEqual([['wire_transfer', 'pending', 6_000]]);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(5_999);
  });

  it('exactly once per attempt key: a double click (or two at once) switches once', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    await fundTestWallet(db, placed.shopper.id, 20_000);
    const attemptKey = crypto.randomUUID();
    const [first, second] = await Promise.all([
      switchTo(placed.shopper, placed.order.number, 'wallet', attemptKey),
      switchTo(placed.shopper, placed.order.number, 'wallet', attemptKey),
    ]);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(first.payment.id).toBe(second.payment.id);
    expect((await switchTo(placed.shopper, placed.order.number, 'wallet', attemptKey)).replayed).toBe(true);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(14_000);
    expect(await paymentsOf(placed.order.id)).toEqual([
      ['wire_transfer', 'canceled', 6_000],
      ['wallet', 'done', 6_000],
    ]);
  });

  it('refuses: someone else’s order, a paid order, the same way, a way the shop turned off', async () => {
    const placed = await placeTestOrder(db, 'wire_transfer');
    const other = await placeTestOrder(db, 'wire_transfer');
    await expect(switchTo(other.shopper, placed.order.number, 'card')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(switchTo(placed.shopper, placed.order.number, 'wire_transfer')).rejects.toMatchObject({ code: 'SAME_METHOD' });
    await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer'] }));
    try {
      await expect(switchTo(placed.shopper, placed.order.number, 'cash_on_delivery')).rejects.toMatchObject({ code: 'METHOD_DISABLED', params: { method: 'cash_on_delivery' } });
    } finally {
      await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] }));
    }
    const paid = await placeTestOrder(db, 'wallet', { funded: 10_000 });
    await expect(switchTo(paid.shopper, paid.order.number, 'card')).rejects.toMatchObject({ code: 'NOT_SWITCHABLE' });
    await expect(switchTo(placed.shopper, placed.order.number, 'card', '')).rejects.toMatchObject({ code: 'INVALID_KEY' });
    expect(await paymentsOf(placed.order.id)).toEqual([['wire_transfer', 'pending', 6_000]]);
  });
});
