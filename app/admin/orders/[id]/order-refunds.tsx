import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { Badge } from '@/components/ui/badge';
import type { RefundRow } from '@/lib/refunds/list';

const stateTones = { posted: 'success', pending: 'warning', voided: 'danger' } as const;
const headings = [
  ['date', false],
  ['method', false],
  ['amount', true],
  ['status', false],
  ['reason', false],
  ['by', false],
  ['reference', false],
] as const;

/** The refunds of one order, newest first, with where each went (Wallet or Card) and its status. */
export function OrderRefunds({ rows }: { rows: RefundRow[] }) {
  const t = useTranslations('admin.order.refunds');
  const format = useStaffFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            {headings.map(([heading, numeric]) => (
              <th key={heading} scope="col" className={`px-4 py-3 font-medium ${numeric ? 'text-right' : ''}`}>
                {t(heading)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-4 py-6 text-center text-stone-500">
                {t('empty')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.transferId}>
                <td className="px-4 py-3">
                  <time dateTime={row.date.toISOString()}>{format.dateTime(row.date)}</time>
                </td>
                <td className="px-4 py-3">{t(`methods.${row.method}`)}</td>
                <td className="px-4 py-3 text-right tabular-nums">{format.money(row.amount, row.currency)}</td>
                <td className="px-4 py-3">
                  <Badge tone={stateTones[row.state]}>{t(`states.${row.state}`)}</Badge>
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
