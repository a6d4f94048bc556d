import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import { Cell, EmptyRow, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { stateStatusCode } from '@/lib/checkout/labels';
import type { OrderHistoryEntry } from '@/lib/orders/views';

/** The status changes of one order for staff: when, to what, by whom, with the tracking number. */
export function OrderHistory({ entries }: { entries: OrderHistoryEntry[] }) {
  const t = useTranslations('fulfilment.history');
  const format = useStaffFormat();
  return (
    <Table caption={t('caption')}>
      <TableHead>
        <HeaderCell>{t('when')}</HeaderCell>
        <HeaderCell>{t('status')}</HeaderCell>
        <HeaderCell>{t('by')}</HeaderCell>
        <HeaderCell>{t('tracking')}</HeaderCell>
      </TableHead>
      <TableBody>
        {entries.length === 0 ? (
          <EmptyRow colSpan={4}>{t('empty')}</EmptyRow>
        ) : (
          entries.map((entry) => (
            <Row key={entry.id}>
              <Cell label={t('when')}>
                <time dateTime={entry.at.toISOString()}>{format.dateTime(entry.at)}</time>
              </Cell>
              <Cell label={t('status')}>
                <OrderStatusBadge status={stateStatusCode(entry.to)} />
              </Cell>
              <Cell label={t('by')}>{entry.by === 'staff' ? entry.actorName : entry.by === 'customer' ? t('byCustomer') : t('byShop')}</Cell>
              <Cell label={t('tracking')} className="font-mono text-xs">
                {entry.trackingNumber ?? '—'}
              </Cell>
            </Row>
          ))
        )}
      </TableBody>
    </Table>
  );
}
