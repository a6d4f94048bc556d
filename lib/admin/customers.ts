import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db, sqlite } from '@/db/client';
import { users } from '@/db/schema';
import { getBalance, listAccountHistory, listPendingTransfers } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
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

type CustomerRecord = {
  id: number;
  name: string;
  email: string;
  account_id: number | null;
  available: number;
  pending_incoming: number;
};

const orderBy: Record<CustomerSort, string> = {
  name: 'u.name COLLATE NOCASE ASC, u.id ASC',
  balance: 'available DESC, u.id ASC',
};

const customerFilter = `u.role = 'customer' AND (@like IS NULL OR u.name LIKE @like ESCAPE '\\' OR u.email LIKE @like ESCAPE '\\')`;

function prepareReads() {
  const page = (sort: CustomerSort) =>
    sqlite.prepare<[{ currency: string; like: string | null; limit: number; offset: number }], CustomerRecord>(
      `SELECT u.id, u.name, u.email, a.id AS account_id,
         COALESCE(a.credits_posted - a.debits_posted - a.debits_pending, 0) AS available,
         COALESCE(a.credits_pending, 0) AS pending_incoming
       FROM users u
       LEFT JOIN ledger_accounts a ON a.owner_id = u.id AND a.currency = @currency AND a.kind = 'wallet'
       WHERE ${customerFilter}
       ORDER BY ${orderBy[sort]}
       LIMIT @limit OFFSET @offset`,
    );
  return {
    pageByName: page('name'),
    pageByBalance: page('balance'),
    count: sqlite.prepare<[{ like: string | null }], { n: number }>(`SELECT COUNT(*) AS n FROM users u WHERE ${customerFilter}`),
    // Each part reads one index: the account's last final entry, its newest pending transfers.
    lastActivity: sqlite
      .prepare<[{ id: number }], number | null>(
        `SELECT MAX(
           COALESCE((SELECT created_at FROM ledger_entries WHERE account_id = @id ORDER BY position DESC LIMIT 1), 0),
           COALESCE((SELECT MAX(created_at) FROM ledger_transfers WHERE credit_account_id = @id AND state = 'pending'), 0),
           COALESCE((SELECT MAX(created_at) FROM ledger_transfers WHERE debit_account_id = @id AND state = 'pending'), 0))`,
      )
      .pluck(),
  };
}

let reads: ReturnType<typeof prepareReads> | undefined;
function readStatements() {
  reads ??= prepareReads();
  return reads;
}

/** One page of customers with their wallet balances; search by name or email, sort by name or balance. */
export function listCustomers(options: { page?: number; pageSize?: number; q?: string | null; sort?: CustomerSort } = {}) {
  const { currency } = getSettings();
  const { page, pageSize } = paging(options);
  const term = searchTerm(options.q);
  const like = term === null ? null : containsPattern(term);
  const s = readStatements();
  const totalRows = s.count.get({ like })?.n ?? 0;
  const statement = options.sort === 'balance' ? s.pageByBalance : s.pageByName;
  const records = statement.all({ currency, like, limit: pageSize, offset: (page - 1) * pageSize });
  const rows: CustomerListRow[] = records.map((record) => {
    const last = record.account_id === null ? 0 : (s.lastActivity.get({ id: record.account_id }) ?? 0);
    return {
      id: record.id,
      name: record.name,
      email: record.email,
      available: record.available,
      pendingIncoming: record.pending_incoming,
      currency,
      lastActivity: last > 0 ? new Date(last) : null,
    };
  });
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize), currency };
}

/** A customer's profile, wallet balances, pending movements and one page of wallet history. */
export function getCustomerDetail(customerId: number, options: { page?: number; pageSize?: number } = {}) {
  const customer = db
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.id, customerId), eq(users.role, 'customer')))
    .get();
  if (!customer) return undefined;
  const { currency } = getSettings();
  const wallet = { wallet: customer.id, currency };
  return {
    customer,
    currency,
    balance: getBalance(wallet),
    pending: listPendingTransfers(wallet),
    history: listAccountHistory(wallet, { page: options.page, pageSize: options.pageSize ?? 10 }),
  };
}
