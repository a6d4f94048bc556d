import { formatDateTime } from '@/components/admin/format';
import { Badge } from '@/components/ui/badge';
import type { RefundRow } from '@/lib/refunds/list';
import { formatMoney } from '@/lib/money';

const methodLabels = { wallet: 'Wallet', card: 'Card' } as const;
const stateBadges = {
  posted: { tone: 'success', label: 'Refunded' },
  pending: { tone: 'warning', label: 'Waiting for the card network' },
  voided: { tone: 'danger', label: 'Failed' },
} as const;

/** The refunds of one order, newest first, with where each went (Wallet or Card) and its status. */
export function OrderRefunds({ rows }: { rows: RefundRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Refunds</caption>
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            {['Date', 'Method', 'Amount', 'Status', 'Reason', 'By', 'Reference'].map((heading) => (
              <th key={heading} scope="col" className={`px-4 py-3 font-medium ${heading === 'Amount' ? 'text-right' : ''}`}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-4 py-6 text-center text-stone-500">
                No refunds yet.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.transferId}>
                <td className="px-4 py-3">
                  <time dateTime={row.date.toISOString()}>{formatDateTime(row.date)}</time>
                </td>
                <td className="px-4 py-3">{methodLabels[row.method]}</td>
                <td className="px-4 py-3 text-right tabular-nums">{formatMoney(row.amount, row.currency)}</td>
                <td className="px-4 py-3">
                  <Badge tone={stateBadges[row.state].tone}>{stateBadges[row.state].label}</Badge>
                </td>
                <td className="px-4 py-3">{row.reason ?? '—'}</td>
                <td className="px-4 py-3">{row.staffName ?? '—'}</td>
                <td className="px-4 py-3 font-mono text-xs">{row.reference}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
