import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { Cell, EmptyRow, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { Badge } from '@/components/ui/badge';
import type { RefundRow } from '@/lib/refunds/list';

const stateTones = { posted: 'success', pending: 'warning', voided: 'danger' } as const;

/** The refunds of one order, newest first, with where each went (Wallet or Card) and its status. */
export function OrderRefunds({ rows }: { rows: RefundRow[] }) {
  const t = useTranslations('admin.order.refunds');
  const method = useTranslations('statuses.paymentMethod');
  const format = useStaffFormat();
  return (
    <Table caption={t('caption')}>
      <TableHead>
        <HeaderCell>{t('date')}</HeaderCell>
        <HeaderCell>{t('method')}</HeaderCell>
        <HeaderCell numeric>{t('amount')}</HeaderCell>
        <HeaderCell>{t('status')}</HeaderCell>
        <HeaderCell>{t('reason')}</HeaderCell>
        <HeaderCell>{t('by')}</HeaderCell>
        <HeaderCell>{t('reference')}</HeaderCell>
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={7}>{t('empty')}</EmptyRow>
        ) : (
          rows.map((row) => (
            <Row key={row.transferId}>
              <Cell label={t('date')}>
                <time dateTime={row.date.toISOString()}>{format.dateTime(row.date)}</time>
              </Cell>
              <Cell label={t('method')}>{method(row.method)}</Cell>
              <Cell label={t('amount')} numeric>
                {format.money(row.amount, row.currency)}
              </Cell>
              <Cell label={t('status')}>
                <Badge tone={stateTones[row.state]}>{t(`states.${row.state}`)}</Badge>
              </Cell>
              <Cell label={t('reason')}>{row.reason ?? '—'}</Cell>
              <Cell label={t('by')}>{row.staffName ?? '—'}</Cell>
              <Cell label={t('reference')} className="font-mono text-xs">
                {row.reference}
              </Cell>
            </Row>
          ))
        )}
      </TableBody>
    </Table>
  );
}
