import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Query } from '@/db/database';
import { users, withdrawals, type Withdrawal, type WithdrawalState } from '@/db/schema';
import { isRowId } from './references';

/** A withdrawal by id (any member's), or undefined. */
export async function findWithdrawal(q: Query, id: number): Promise<Withdrawal | undefined> {
  if (!isRowId(id)) return undefined;
  const [row] = await q.select().from(withdrawals).where(eq(withdrawals.id, id));
  return row;
}

/** A member's withdrawals, newest first (My Wallet: the pending ones can be cancelled). */
export function listMemberWithdrawals(q: Query, userId: number, limit = 20): Promise<Withdrawal[]> {
  return q.select().from(withdrawals).where(eq(withdrawals.userId, userId)).orderBy(desc(withdrawals.id)).limit(limit);
}

export type PayoutRow = Withdrawal & { customerName: string; customerEmail: string; decidedByName: string | null };

export type PayoutsPage = {
  rows: PayoutRow[];
  page: number;
  pageSize: number;
  totalRows: number;
  totalPages: number;
  /** Every pending withdrawal, whatever the page: how many, and their amounts per currency. */
  pending: { count: number; totals: { currency: string; amount: number }[] };
};

const pendingFirst = sql`case when ${withdrawals.state} = 'pending' then 0 else 1 end`;
// Pending: the oldest first (paid out in the order asked); decided: the newest first.
const inTurn = sql`case when ${withdrawals.state} = 'pending' then ${withdrawals.id} else -${withdrawals.id} end`;

/** Staff's Payouts page: pending withdrawals first (oldest first), then the decided ones (newest first). */
export async function listPayouts(q: Query, options: { page?: number; pageSize?: number } = {}): Promise<PayoutsPage> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 100);
  const [counted] = await q.select({ n: count() }).from(withdrawals);
  const totalRows = counted?.n ?? 0;
  const totalPages = Math.max(1, Math.ceil(totalRows / pageSize));
  const page = Math.min(Math.max(options.page ?? 1, 1), totalPages);
  const customer = alias(users, 'customer');
  const decider = alias(users, 'decider');
  const rows = await q
    .select({ withdrawal: withdrawals, customerName: customer.name, customerEmail: customer.email, decidedByName: decider.name })
    .from(withdrawals)
    .innerJoin(customer, eq(customer.id, withdrawals.userId))
    .leftJoin(decider, eq(decider.id, withdrawals.decidedBy))
    .orderBy(asc(pendingFirst), asc(inTurn))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const totals = await q
    .select({ currency: withdrawals.currency, amount: sql<number>`coalesce(sum(${withdrawals.amount}), 0)`.mapWith(Number), n: count() })
    .from(withdrawals)
    .where(eq(withdrawals.state, 'pending'))
    .groupBy(withdrawals.currency)
    .orderBy(asc(withdrawals.currency));
  return {
    rows: rows.map(({ withdrawal, ...names }) => ({ ...withdrawal, ...names })),
    page,
    pageSize,
    totalRows,
    totalPages,
    pending: { count: totals.reduce((sum, each) => sum + each.n, 0), totals: totals.map(({ currency, amount }) => ({ currency, amount })) },
  };
}

export type WithdrawalSearch = {
  memberId?: number;
  currency?: string;
  /** Any of these states (none: all). */
  states?: readonly WithdrawalState[];
  minAmount?: number;
  maxAmount?: number;
  createdFrom?: Date;
  createdTo?: Date;
  /** From 0. */
  page: number;
  size: number;
};

/** Withdrawals matching every filter given, newest first, one page (the merchant API's searchWithdraws). */
export async function searchWithdrawals(q: Query, search: WithdrawalSearch): Promise<{ rows: Withdrawal[]; total: number }> {
  const conditions: SQL[] = [];
  if (search.memberId !== undefined) conditions.push(eq(withdrawals.userId, search.memberId));
  if (search.currency !== undefined) conditions.push(eq(withdrawals.currency, search.currency));
  if (search.states !== undefined && search.states.length > 0) conditions.push(inArray(withdrawals.state, [...search.states]));
  if (search.minAmount !== undefined) conditions.push(gte(withdrawals.amount, search.minAmount));
  if (search.maxAmount !== undefined) conditions.push(lte(withdrawals.amount, search.maxAmount));
  if (search.createdFrom !== undefined) conditions.push(gte(withdrawals.createdAt, search.createdFrom));
  if (search.createdTo !== undefined) conditions.push(lte(withdrawals.createdAt, search.createdTo));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [counted] = await q.select({ n: count() }).from(withdrawals).where(where);
  const rows = await q
    .select()
    .from(withdrawals)
    .where(where)
    .orderBy(desc(withdrawals.id))
    .limit(search.size)
    .offset(search.page * search.size);
  return { rows, total: counted?.n ?? 0 };
}
