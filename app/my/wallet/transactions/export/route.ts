import { NextResponse, type NextRequest } from 'next/server';
import { getDatabase } from '@/db';
import { historyToCsv } from '@/lib/wallet/history-csv';
import { parseHistorySearch } from '@/lib/wallet/history-filters';
import { getWalletHistoryForExport } from '@/lib/wallet/queries';
import { currentViewer } from '../../../../_server/session';

/** The signed-in shopper's filtered wallet history as a CSV download. */
export async function GET(request: NextRequest) {
  const viewer = await currentViewer();
  if (!viewer) return NextResponse.json({ error: 'Sign in to export your wallet history.' }, { status: 401 });
  const search = parseHistorySearch(Object.fromEntries(request.nextUrl.searchParams));
  const { currency, rows, pending } = await getWalletHistoryForExport(getDatabase().read, viewer.id, search);
  return new NextResponse(historyToCsv(rows, currency, pending), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="wallet-transactions.csv"',
      'cache-control': 'no-store',
    },
  });
}
