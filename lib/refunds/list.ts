import 'server-only';
import { sqlite } from '@/db/client';
import { containsPattern, pageCount, paging, searchTerm } from '@/lib/admin/search';

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

type RefundRecord = {
  transferId: number;
  method: RefundMethod;
  state: 'pending' | 'posted' | 'voided';
  reference: string;
  createdAt: number;
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

const refundsFrom = `FROM ledger_transfers t
  JOIN orders o ON o.id = t.order_id
  JOIN users c ON c.id = o.user_id
  LEFT JOIN users s ON s.id = t.created_by
  WHERE t.kind IN ('refund_to_wallet', 'refund_deposit_to_card')
    AND (@orderId IS NULL OR o.id = @orderId)
    AND (@orderId IS NOT NULL OR t.state <> 'voided')
    AND (@like IS NULL OR o.number LIKE @like ESCAPE '\\' OR c.name LIKE @like ESCAPE '\\' OR c.email LIKE @like ESCAPE '\\')`;

type Filter = { orderId: number | null; like: string | null };

function prepareReads() {
  return {
    count: sqlite.prepare<[Filter], { n: number }>(`SELECT COUNT(*) AS n ${refundsFrom}`),
    page: sqlite.prepare<[Filter & { limit: number; offset: number }], RefundRecord>(
      `SELECT t.id AS transferId, CASE t.kind WHEN 'refund_to_wallet' THEN 'wallet' ELSE 'card' END AS method, t.state, t.reference, t.created_at AS createdAt, o.id AS orderId, o.number AS orderNumber,
         c.id AS customerId, c.name AS customerName, c.email AS customerEmail, t.amount, t.currency,
         t.memo AS reason, s.name AS staffName
       ${refundsFrom}
       ORDER BY t.id DESC LIMIT @limit OFFSET @offset`,
    ),
  };
}

let reads: ReturnType<typeof prepareReads> | undefined;
function readStatements() {
  reads ??= prepareReads();
  return reads;
}

function toRow({ createdAt, ...record }: RefundRecord): RefundRow {
  return { ...record, date: new Date(createdAt) };
}

/** Refunds of orders (to the wallet or back to the card; failed card refunds left out), newest first; search by order number, customer name or email. */
export function listRefunds(options: { page?: number; pageSize?: number; q?: string | null } = {}) {
  const { page, pageSize } = paging(options);
  const term = searchTerm(options.q);
  const filter: Filter = { orderId: null, like: term === null ? null : containsPattern(term) };
  const s = readStatements();
  const totalRows = s.count.get(filter)?.n ?? 0;
  const rows = s.page.all({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }).map(toRow);
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize) };
}

/** Every refund of one order, newest first, failed card refunds included (state voided). */
export function listOrderRefunds(orderId: number): RefundRow[] {
  return readStatements().page.all({ orderId, like: null, limit: 1000, offset: 0 }).map(toRow);
}
