import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { Badge } from '@/components/ui/badge';
import type { ShopperFormat } from '@/components/wallet/format';
import type { WalletLineStatus } from '@/lib/wallet/history-status';

export type WalletTransactionRow = {
  reference: string;
  date: string;
  description: string;
  status: WalletLineStatus;
  /** The transfer's amount; for a line that moved nothing it is shown beside the status. */
  amount: number;
  /** Credit, debit and balance only for money that moved (posted); null otherwise. */
  credit: number | null;
  debit: number | null;
  balanceAfter: number | null;
  currency: string;
};

/** The words the table needs: its column headers (wallet.table) and the status words (statuses.walletLine). */
export type WalletTransactionWords = {
  header: (key: 'reference' | 'date' | 'description' | 'credit' | 'debit' | 'balance') => string;
  status: (status: WalletLineStatus) => string;
};

const statusTones = { posted: 'success', pending: 'warning', held: 'neutral', rejected: 'danger', released: 'neutral' } as const;

const column = createColumnHelper<WalletTransactionRow>();

// Display columns: the server sorts and pages, so the table only lays out what it is given.
export function walletTransactionColumns(words: WalletTransactionWords, format: ShopperFormat): ColumnDef<WalletTransactionRow, unknown>[] {
  // A column with nothing in it stays an empty cell (hidden on phones), so each row shows only the money that moved.
  const money = (amount: number | null, currency: string, className = '') =>
    amount === null ? null : <span className={className}>{format.money(amount, currency)}</span>;
  return [
    column.display({
      id: 'reference',
      header: words.header('reference'),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.reference}</span>,
    }),
    column.display({
      id: 'date',
      header: words.header('date'),
      cell: ({ row }) => <time dateTime={row.original.date}>{format.dateTime(new Date(row.original.date))}</time>,
    }),
    column.display({
      id: 'description',
      header: words.header('description'),
      cell: ({ row }) => {
        const { description, status, amount, currency } = row.original;
        // A line that moved nothing says so here, and leaves the money columns empty.
        return (
          <span className="flex flex-wrap items-center gap-2">
            {description}
            {status === 'posted' ? null : (
              <>
                <Badge tone={statusTones[status]}>{words.status(status)}</Badge>
                <span className="text-stone-500">{format.money(amount, currency)}</span>
              </>
            )}
          </span>
        );
      },
    }),
    column.display({
      id: 'credit',
      header: words.header('credit'),
      cell: ({ row }) => money(row.original.credit, row.original.currency, 'text-green-800'),
      meta: { numeric: true },
    }),
    column.display({
      id: 'debit',
      header: words.header('debit'),
      cell: ({ row }) => money(row.original.debit, row.original.currency, 'text-red-800'),
      meta: { numeric: true },
    }),
    column.display({
      id: 'balance',
      header: words.header('balance'),
      cell: ({ row }) => money(row.original.balanceAfter, row.original.currency),
      meta: { numeric: true },
    }),
  ];
}
