import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { describeLine } from '@/components/tables/wallet-transactions/describe';
import { getShopperFormat } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { historyToCsv, type HistoryCsvWords } from '@/lib/wallet/history-csv';
import { parseHistorySearch } from '@/lib/wallet/history-filters';
import { getWalletHistoryForExport } from '@/lib/wallet/queries';
import { currentViewer } from '../../../../_server/session';

/** The signed-in shopper's filtered wallet history as a CSV download, its words and number format in the requester's language. */
export async function GET(request: NextRequest) {
  const [viewer, t, tWallet, tLedger, { locale }] = await Promise.all([
    currentViewer(),
    getTranslations('csv'),
    getTranslations('wallet.history'),
    getTranslations('ledger'),
    getShopperFormat(),
  ]);
  if (!viewer) return NextResponse.json({ error: tWallet('exportSignIn') }, { status: 401 });
  const search = parseHistorySearch(Object.fromEntries(request.nextUrl.searchParams));
  const { currency, rows, pending } = await getWalletHistoryForExport(getDatabase().read, viewer.id, search);
  const words: HistoryCsvWords = {
    locale,
    header: {
      reference: t('header.reference'),
      date: t('header.date'),
      description: t('header.description'),
      status: t('header.status'),
      amount: t('header.amount'),
      credit: t('header.credit'),
      debit: t('header.debit'),
      balance: t('header.balance'),
      currency: t('header.currency'),
    },
    status: (status) => t(`status.${status}`),
    describe: (line) => describeLine(line, tLedger),
  };
  return new NextResponse(historyToCsv(rows, currency, pending, words), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${t('fileName')}"`,
      'cache-control': 'no-store',
    },
  });
}
