import { getFormatter, getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '@/components/tables/table';
import type { SalesPoint } from '@/lib/admin/dashboard';

const width = 600;
const height = 160;

/**
 * Gross sales per day as bars: an SVG drawn on the server (no script, nothing focusable) whose
 * text alternative is its caption, with the figures as a table for anyone who wants them read out.
 * The days are the shop's calendar days ('YYYY-MM-DD').
 */
export async function SalesChart({ points, currency }: { points: SalesPoint[]; currency: string }) {
  const [t, format, formatter] = await Promise.all([getTranslations('reports.salesChart'), getStaffFormat(), getFormatter()]);
  // A day string names a calendar day, so it is shown in UTC: the day itself, not a moment of it.
  const day = (date: string) => formatter.dateTime(new Date(`${date}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const money = (amount: number) => format.money(amount, currency);
  const first = points[0];
  const last = points.at(-1);
  const highest = points.reduce((max, point) => Math.max(max, point.amount), 0);
  const total = points.reduce((sum, point) => sum + point.amount, 0);
  const orders = points.reduce((sum, point) => sum + point.count, 0);
  const slot = width / Math.max(points.length, 1);
  const caption =
    first && last
      ? t('caption', { first: day(first.date), last: day(last.date), total: money(total), count: orders, highest: money(highest) })
      : t('empty');
  return (
    <figure className="flex flex-col gap-2">
      <div className="flex items-end justify-between text-xs text-stone-500" aria-hidden>
        <span>{money(highest)}</span>
      </div>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="h-40 w-full rounded-md bg-stone-50"
        role="img"
        aria-label={caption}
        data-testid="sales-chart"
      >
        <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} stroke="#d6d3d1" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        {points.map((point, index) => {
          const barHeight = highest > 0 ? Math.max((point.amount / highest) * (height - 8), point.amount > 0 ? 2 : 0) : 0;
          return (
            <rect
              key={point.date}
              x={index * slot + slot * 0.15}
              y={height - barHeight}
              width={slot * 0.7}
              height={barHeight}
              fill="#2f6b47"
            />
          );
        })}
      </svg>
      <div className="flex justify-between text-xs text-stone-500" aria-hidden>
        <span>{first ? day(first.date) : ''}</span>
        <span>{last ? day(last.date) : ''}</span>
      </div>
      <figcaption className="text-sm text-stone-600">{caption}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer py-3 text-brand-700 underline">{t('showTable')}</summary>
        <div className="mt-2">
          <Table caption={t('tableCaption', { currency })} stack={false}>
            <TableHead>
              <HeaderCell className="px-3 py-2">{t('day')}</HeaderCell>
              <HeaderCell numeric className="px-3 py-2">
                {t('orders')}
              </HeaderCell>
              <HeaderCell numeric className="px-3 py-2">
                {t('sales')}
              </HeaderCell>
            </TableHead>
            <TableBody>
              {points.map((point) => (
                <Row key={point.date}>
                  <RowHeaderCell label={t('day')} className="px-3 py-1.5">
                    <time dateTime={point.date}>{day(point.date)}</time>
                  </RowHeaderCell>
                  <Cell label={t('orders')} numeric className="px-3 py-1.5">
                    {point.count}
                  </Cell>
                  <Cell label={t('sales')} numeric className="px-3 py-1.5">
                    {money(point.amount)}
                  </Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </div>
      </details>
    </figure>
  );
}
