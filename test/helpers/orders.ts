import crypto from 'node:crypto';
import type { Database } from '@/db/database';
import { orders, type Order } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';

/**
 * For tests only: an order of `amount` paid from the customer's wallet, as checkout leaves it:
 * the wallet is first funded by a card deposit, then pays the order (wallet → sales).
 */
export async function insertPaidWalletOrder(db: Database, userId: number, amount: number, currency = 'USD'): Promise<Order> {
  const tag = crypto.randomUUID();
  return db.write(async (tx) => {
    await postTransfer(tx, {
      debit: { system: 'card_clearing', currency },
      credit: { wallet: userId, currency },
      amount,
      currency,
      kind: 'deposit_card',
      idempotencyKey: `test-order:${tag}:deposit`,
      description: { code: 'topUpCard', params: { reference: 'test' } },
    });
    const [order] = await tx
      .insert(orders)
      .values({
        number: `T${tag.slice(0, 8).toUpperCase()}`,
        userId,
        state: 'paid',
        paymentMethod: 'wallet',
        amountTotal: amount,
        currency,
        checkoutKey: `test-order:${tag}`,
        createdAt: new Date(),
        paidAt: new Date(),
      })
      .returning();
    if (!order) throw new Error('The test order was not inserted.');
    await postTransfer(tx, {
      debit: { wallet: userId, currency },
      credit: { system: 'sales', currency },
      amount,
      currency,
      kind: 'payment',
      idempotencyKey: `test-order:${tag}:payment`,
      description: { code: 'orderPayment', params: { number: order.number } },
      orderId: order.id,
    });
    return order;
  });
}
