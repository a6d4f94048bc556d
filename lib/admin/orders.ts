import 'server-only';
import { eq } from 'drizzle-orm';
import { db, sqlite } from '@/db/client';
import { orderLines, orders, payments, users, type OrderState, type PaymentMethod } from '@/db/schema';
import { listOrderRefunds } from '@/lib/refunds/list';
import { refundableAmount } from '@/lib/refunds/to-wallet';
import { containsPattern, pageCount, paging, searchTerm } from './search';

export type OrderListRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  amountTotal: number;
  amountRefunded: number;
  currency: string;
  state: OrderState;
  paymentMethod: PaymentMethod;
  createdAt: Date;
};

type OrderRecord = Omit<OrderListRow, 'createdAt'> & { createdAt: number };
type Filter = { like: string | null };

const ordersFrom = `FROM orders o JOIN users c ON c.id = o.user_id
  WHERE (@like IS NULL OR o.number LIKE @like ESCAPE '\\' OR c.name LIKE @like ESCAPE '\\' OR c.email LIKE @like ESCAPE '\\')`;

function prepareReads() {
  return {
    count: sqlite.prepare<[Filter], { n: number }>(`SELECT COUNT(*) AS n ${ordersFrom}`),
    page: sqlite.prepare<[Filter & { limit: number; offset: number }], OrderRecord>(
      `SELECT o.id, o.number, c.id AS customerId, c.name AS customerName, c.email AS customerEmail,
         o.amount_total AS amountTotal, o.amount_refunded AS amountRefunded, o.currency, o.state,
         o.payment_method AS paymentMethod, o.created_at AS createdAt
       ${ordersFrom}
       ORDER BY o.id DESC LIMIT @limit OFFSET @offset`,
    ),
  };
}

let reads: ReturnType<typeof prepareReads> | undefined;
function readStatements() {
  reads ??= prepareReads();
  return reads;
}

/** All orders, newest first; search by order number, customer name or email. */
export function listOrders(options: { page?: number; pageSize?: number; q?: string | null } = {}) {
  const { page, pageSize } = paging(options);
  const term = searchTerm(options.q);
  const filter: Filter = { like: term === null ? null : containsPattern(term) };
  const s = readStatements();
  const totalRows = s.count.get(filter)?.n ?? 0;
  const rows: OrderListRow[] = s.page
    .all({ ...filter, limit: pageSize, offset: (page - 1) * pageSize })
    .map(({ createdAt, ...record }) => ({ ...record, createdAt: new Date(createdAt) }));
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize) };
}

/** Methods whose money staff receive outside the app, so staff mark those orders as paid. */
export const manuallyPaidMethods: readonly PaymentMethod[] = ['wire_transfer', 'cash_on_delivery'];

/** One order for staff: customer, lines, payments, refunds and what can still be refunded. */
export function getOrderDetail(orderId: number) {
  const order = db.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order) return undefined;
  const customer = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, order.userId))
    .get();
  const lines = db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.id).all();
  const orderPayments = db
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
    .orderBy(payments.id)
    .all();
  return {
    order,
    customer,
    lines,
    payments: orderPayments,
    refunds: listOrderRefunds(order.id),
    refundable: refundableAmount(order),
    canMarkPaid: order.state === 'confirmed' && manuallyPaidMethods.includes(order.paymentMethod),
  };
}
