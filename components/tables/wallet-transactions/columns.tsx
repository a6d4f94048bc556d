import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/money';

export type WalletTransactionRow = {
  reference: string;
  date: string;
  description: string;
  state: 'posted' | 'voided' | 'pending';
  credit: number | null;
  debit: number | null;
  balanceAfter: number | null;
  currency: string;
};

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
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-2">
        {row.original.description}
        {row.original.state === 'voided' ? <Badge tone="danger">Rejected</Badge> : null}
        {row.original.state === 'pending' ? <Badge tone="warning">Pending</Badge> : null}
      </span>
    ),
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
