import type { NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { ordersForExport, ordersToCsv } from '@/lib/reports/exports';
import { currentViewer } from '../../../_server/session';
import { csvExport } from '../export';

/** The orders placed from one day to another (the shop's days) as CSV, in the staff member's language. */
export async function GET(request: NextRequest) {
  return csvExport(request, await currentViewer(), async ({ q, range, from, to, timeZone, locale }) => {
    const [t, tStatus, tMethod, rows] = await Promise.all([
      getTranslations('csv.orders'),
      getTranslations('statuses.order'),
      getTranslations('statuses.paymentMethod'),
      ordersForExport(q, range),
    ]);
    const csv = ordersToCsv(rows, {
      locale,
      timeZone,
      // Placed and Paid name the time zone their times are on.
      header: (column) => t(`header.${column}`, { timeZone }),
      status: (code) => tStatus(code),
      paymentMethod: (method) => tMethod(method),
    });
    return { csv, fileName: t('fileName', { from, to }) };
  });
}
