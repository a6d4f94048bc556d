import 'server-only';
import { and, count, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { ledgerTransfers, orders, users } from '@/db/schema';
import { containsAny, pageCount, paging, searchTerm } from '@/lib/admin/search';

/** Where a refund went: the customer's wallet or back to the card that paid. */
export type RefundMethod = 'wallet' | 'card';

export type RefundRow = {
  transferId: number;
  method: RefundMethod;
  /** posted: done; pending: at the card provider; voided: the provider refused it. */
  state: 'pending' | 'posted' | 'voided';
  reference: string;
  date: Date;
  orderId: number;
  orderNumber: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  amount: number;
  currency: string;
  reason: string | null;
  staffName: string | null;
};

const refundKinds = ['refund_to_wallet', 'refund_deposit_to_card'] as const;

type Filter = { orderId: number | null; term: string | null };

function refundsWhere(filter: Filter): SQL | undefined {
  return and(
    inArray(ledgerTransfers.kind, refundKinds),
    filter.orderId === null ? ne(ledgerTransfers.state, 'voided') : eq(orders.id, filter.orderId),
    containsAny([orders.number, users.name, users.email], filter.term),
  );
}

async function refundPage(q: Query, filter: Filter, limit: number, offset: number): Promise<RefundRow[]> {
  const records = await q
    .select({
      transferId: ledgerTransfers.id,
      kind: ledgerTransfers.kind,
      state: ledgerTransfers.state,
      reference: ledgerTransfers.reference,
      date: ledgerTransfers.createdAt,
      orderId: orders.id,
      orderNumber: orders.number,
      customerId: users.id,
      customerName: users.name,
      customerEmail: users.email,
      amount: ledgerTransfers.amount,
      currency: ledgerTransfers.currency,
      reason: ledgerTransfers.memo,
      createdBy: ledgerTransfers.createdBy,
    })
    .from(ledgerTransfers)
    .innerJoin(orders, eq(orders.id, ledgerTransfers.orderId))
    .innerJoin(users, eq(users.id, orders.userId))
    .where(refundsWhere(filter))
    .orderBy(desc(ledgerTransfers.id))
    .limit(limit)
    .offset(offset);
  // Staff names in a second look-up (the users table is already joined as the customer).
  const staffIds = [...new Set(records.flatMap((record) => (record.createdBy === null ? [] : [record.createdBy])))];
  const staff = staffIds.length === 0 ? [] : await q.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, staffIds));
  const staffNames = new Map(staff.map((row) => [row.id, row.name]));
  return records.map(({ kind, createdBy, state, ...record }) => ({
    ...record,
    method: kind === 'refund_to_wallet' ? 'wallet' : 'card',
    state: state as RefundRow['state'],
    staffName: createdBy === null ? null : (staffNames.get(createdBy) ?? null),
  }));
}

/** Refunds of orders (to the wallet or back to the card; failed card refunds left out), newest first; search by order number, customer name or email. */
export async function listRefunds(q: Query, options: { page?: number; pageSize?: number; q?: string | null } = {}) {
  const { page, pageSize } = paging(options);
  const filter: Filter = { orderId: null, term: searchTerm(options.q) };
  const [counted] = await q
    .select({ n: count() })
    .from(ledgerTransfers)
    .innerJoin(orders, eq(orders.id, ledgerTransfers.orderId))
    .innerJoin(users, eq(users.id, orders.userId))
    .where(refundsWhere(filter));
  const totalRows = counted?.n ?? 0;
  const rows = await refundPage(q, filter, pageSize, (page - 1) * pageSize);
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize) };
}

/** Every refund of one order, newest first, failed card refunds included (state voided). */
export async function listOrderRefunds(q: Query, orderId: number): Promise<RefundRow[]> {
  return refundPage(q, { orderId, term: null }, 1000, 0);
}
