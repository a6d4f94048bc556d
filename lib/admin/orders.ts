import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { orderLines, orders, payments, users, type OrderState, type PaymentMethod } from '@/db/schema';
import { listOrderRefunds } from '@/lib/refunds/list';
import { refundableAmount } from '@/lib/refunds/to-wallet';
import { containsAny, pageCount, paging, searchTerm } from './search';

/** Methods whose money staff receive outside the app, so staff mark those orders as paid. */
export const manuallyPaidMethods: readonly PaymentMethod[] = ['wire_transfer', 'cash_on_delivery'];

/** One order for staff: customer, lines, payments, refunds and what can still be refunded. */
export async function getOrderDetail(q: Query, orderId: number) {
  const [order] = await q.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return undefined;
  const [customer] = await q
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, order.userId));
  const lines = await q.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.id);
  const orderPayments = await q
    .select({
      id: payments.id,
      reference: payments.reference,
      provider: payments.provider,
      amount: payments.amount,
      currency: payments.currency,
      state: payments.state,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .where(eq(payments.orderId, order.id))
    .orderBy(payments.id);
  return {
    order,
    customer,
    lines,
    payments: orderPayments,
    refunds: await listOrderRefunds(q, order.id),
    refundable: refundableAmount(order),
    canMarkPaid: order.state === 'confirmed' && manuallyPaidMethods.includes(order.paymentMethod),
  };
}
