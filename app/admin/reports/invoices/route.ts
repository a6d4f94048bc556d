import type { NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { invoicesForExport, invoicesToCsv } from '@/lib/reports/exports';
import { currentViewer } from '../../../_server/session';
import { csvExport } from '../export';

/** The invoices and credit notes dated from one day to another (the shop's days) as CSV, in the staff member's language. */
export async function GET(request: NextRequest) {
  return csvExport(request, await currentViewer(), async ({ q, range, from, to, timeZone, locale }) => {
    const [t, tStatus, rows] = await Promise.all([getTranslations('csv.invoices'), getTranslations('invoices.status'), invoicesForExport(q, range)]);
    const csv = invoicesToCsv(rows, {
      locale,
      timeZone,
      header: (column) => t(`header.${column}`),
      kind: (kind) => t(`kind.${kind}`),
      status: (status) => tStatus(status),
    });
    return { csv, fileName: t('fileName', { from, to }) };
  });
}
