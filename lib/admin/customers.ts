import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { ledgerAccounts, ledgerEntries, ledgerTransfers, orders, users } from '@/db/schema';
import { getBalance, getWalletNegativeLimit, listAccountHistory, listPendingTransfers } from '@/lib/ledger';
import { nextStates } from '@/lib/orders/status';
import type { StaffOrderRow } from '@/lib/orders/views';
import { getSettings } from '@/lib/settings';
import { searchKey } from '@/lib/text/turkish';
import { containsPattern, pageCount, paging, searchTerm } from './search';

export type CustomerSort = 'name' | 'balance';

export type CustomerListRow = {
  id: number;
  name: string;
  email: string;
  /** What the customer can spend now, in minor units of `currency`. */
  available: number;
  /** Wire top-ups on their way in. */
  pendingIncoming: number;
  currency: string;
  /** The latest movement on the wallet (posted, voided or still pending), or null. */
  lastActivity: Date | null;
};

/** The latest movement on a wallet account: its last final entry, or its newest pending transfer. */
async function lastActivityOf(q: Query, accountId: number): Promise<Date | null> {
  const [entry] = await q
    .select({ at: ledgerEntries.createdAt })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId))
    .orderBy(desc(ledgerEntries.position))
    .limit(1);
  const pendingOn = (side: typeof ledgerTransfers.creditAccountId | typeof ledgerTransfers.debitAccountId) =>
    q
      .select({ at: ledgerTransfers.createdAt })
      .from(ledgerTransfers)
      .where(and(eq(side, accountId), eq(ledgerTransfers.state, 'pending')))
      .orderBy(desc(ledgerTransfers.createdAt))
      .limit(1);
  const [incoming] = await pendingOn(ledgerTransfers.creditAccountId);
  const [outgoing] = await pendingOn(ledgerTransfers.debitAccountId);
  const times = [entry?.at, incoming?.at, outgoing?.at].filter((at): at is Date => at instanceof Date).map((at) => at.getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/**
 * Customers whose name or email contains `term` in any casing, Turkish letters folded (users.search_key,
 * written by the app): "HALUK" finds Haluk Demir, "ISIL", "ışıl" and "isil" find Işıl, on both engines alike.
 */
function customerSearch(term: string | null) {
  if (term === null) return undefined;
  return sql`${users.searchKey} like ${containsPattern(searchKey(term))} escape '\\'`;
}

/** One page of customers with their wallet balances; search by name or email, sort by name or balance. */
export async function listCustomers(q: Query, options: { page?: number; pageSize?: number; q?: string | null; sort?: CustomerSort } = {}) {
  const { currency } = await getSettings(q);
  const { page, pageSize } = paging(options);
  const filter = and(eq(users.role, 'customer'), customerSearch(searchTerm(options.q)));
  const [counted] = await q.select({ n: count() }).from(users).where(filter);
  const totalRows = counted?.n ?? 0;
  const available = sql<number>`coalesce(${ledgerAccounts.creditsPosted} - ${ledgerAccounts.debitsPosted} - ${ledgerAccounts.debitsPending}, 0)`.mapWith(Number);
  const order = options.sort === 'balance' ? [desc(available), asc(users.id)] : [asc(sql`lower(${users.name})`), asc(users.id)];
  const records = await q
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      accountId: ledgerAccounts.id,
      available,
      pendingIncoming: sql<number>`coalesce(${ledgerAccounts.creditsPending}, 0)`.mapWith(Number),
    })
    .from(users)
    .leftJoin(
      ledgerAccounts,
      and(eq(ledgerAccounts.ownerId, users.id), eq(ledgerAccounts.currency, currency), eq(ledgerAccounts.kind, 'wallet')),
    )
    .where(filter)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const rows: CustomerListRow[] = [];
  for (const record of records) {
    rows.push({
      id: record.id,
      name: record.name,
      email: record.email,
      available: record.available,
      pendingIncoming: record.pendingIncoming,
      currency,
      lastActivity: record.accountId === null ? null : await lastActivityOf(q, record.accountId),
    });
  }
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize), currency };
}

/** A customer's profile, wallet balances, pending movements and one page of wallet history. */
export async function getCustomerDetail(q: Query, customerId: number, options: { page?: number; pageSize?: number } = {}) {
  const [customer] = await q
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.id, customerId), eq(users.role, 'customer')));
  if (!customer) return undefined;
  const { currency } = await getSettings(q);
  const wallet = { wallet: customer.id, currency };
  return {
    customer,
    currency,
    balance: await getBalance(q, wallet),
    /** How far below zero the wallet may go (the merchant API's negativeAmountLimit), as a positive amount. */
    overdraftLimit: await getWalletNegativeLimit(q, wallet),
    pending: await listPendingTransfers(q, wallet),
    history: await listAccountHistory(q, wallet, { page: options.page, pageSize: options.pageSize ?? 10 }),
  };
}
