import crypto from 'node:crypto';
import { db } from '@/db/client';
import { orders, type Order } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { postTransfer } from '@/lib/ledger';

/**
 * For tests only: an order of `amount` paid from the customer's wallet, as checkout leaves it:
 * the wallet is first funded by a card deposit, then pays the order (wallet → sales).
 */
export function insertPaidWalletOrder(userId: number, amount: number, currency = 'USD'): Order {
  const tag = crypto.randomUUID();
  return writeTransaction(() => {
    postTransfer({
      debit: { system: 'card_clearing', currency },
      credit: { wallet: userId, currency },
      amount,
      currency,
      kind: 'deposit_card',
      idempotencyKey: `test-order:${tag}:deposit`,
      description: 'Top-up by card (test)',
    });
    const order = db
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
      .returning()
      .get();
    postTransfer({
      debit: { wallet: userId, currency },
      credit: { system: 'sales', currency },
      amount,
      currency,
      kind: 'payment',
      idempotencyKey: `test-order:${tag}:payment`,
      description: `Payment for order ${order.number}`,
      orderId: order.id,
    });
    return order;
  });
}
