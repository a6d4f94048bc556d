import type { AdminRefundRow } from '@/components/tables/admin-refunds/columns';
import type { RefundRow } from '@/lib/refunds/list';

/** Refund rows as the client table takes them (dates as ISO strings). */
export function toRefundRows(rows: RefundRow[]): AdminRefundRow[] {
  return rows.map(({ date, customerEmail: _email, ...row }) => ({ ...row, date: date.toISOString() }));
}
