import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/money';
import { walletLineStatusLabels, type WalletLineStatus } from '@/lib/wallet/history-status';

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

const statusTones = { posted: 'success', pending: 'warning', held: 'neutral', rejected: 'danger', released: 'neutral' } as const;

const column = createColumnHelper<WalletTransactionRow>();
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const money = (amount: number | null, currency: string) => (amount === null ? '' : formatMoney(amount, currency));

// Display columns: the server sorts and pages, so the table only lays out what it is given.
export const walletTransactionColumns: ColumnDef<WalletTransactionRow, unknown>[] = [
  column.display({
    id: 'reference',
    header: 'Reference',
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.reference}</span>,
  }),
  column.display({
    id: 'date',
    header: 'Date',
    cell: ({ row }) => <time dateTime={row.original.date}>{dateFormat.format(new Date(row.original.date))} UTC</time>,
  }),
  column.display({
    id: 'description',
    header: 'Description',
    cell: ({ row }) => {
      const { description, status, amount, currency } = row.original;
      // A line that moved nothing says so here, and leaves the money columns empty.
      return (
        <span className="flex flex-wrap items-center gap-2">
          {description}
          {status === 'posted' ? null : (
            <>
              <Badge tone={statusTones[status]}>{walletLineStatusLabels[status]}</Badge>
              <span className="text-stone-500">{formatMoney(amount, currency)}</span>
            </>
          )}
        </span>
      );
    },
  }),
  column.display({
    id: 'credit',
    header: 'Credit',
    cell: ({ row }) => <span className="text-green-800">{money(row.original.credit, row.original.currency)}</span>,
    meta: { numeric: true },
  }),
  column.display({
    id: 'debit',
    header: 'Debit',
    cell: ({ row }) => <span className="text-red-800">{money(row.original.debit, row.original.currency)}</span>,
    meta: { numeric: true },
  }),
  column.display({
    id: 'balance',
    header: 'Balance',
    cell: ({ row }) => money(row.original.balanceAfter, row.original.currency),
    meta: { numeric: true },
  }),
];
