import Link from 'next/link';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import type { InvoicePaymentState } from '@/db/schema';
import { formatMoney } from '@/lib/money';

export type InvoiceRow = {
  id: number;
  number: string;
  /** ISO date strings. */
  invoiceDate: string;
  dueDate: string;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  paymentState: InvoicePaymentState;
};

const column = createColumnHelper<InvoiceRow>();
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const date = (iso: string) => <time dateTime={iso}>{dateFormat.format(new Date(iso))}</time>;

// Display columns: the server sorts and pages, so the table only lays out what it is given.
export const invoiceColumns: ColumnDef<InvoiceRow, unknown>[] = [
  column.display({
    id: 'number',
    header: 'Number',
    cell: ({ row }) => (
      <Link href={`/my/invoices/${row.original.id}`} className="font-mono text-brand-700 underline">
        {row.original.number}
      </Link>
    ),
  }),
  column.display({ id: 'invoiceDate', header: 'Date', cell: ({ row }) => date(row.original.invoiceDate) }),
  column.display({ id: 'dueDate', header: 'Due date', cell: ({ row }) => date(row.original.dueDate) }),
  column.display({
    id: 'amountTotal',
    header: 'Total',
    cell: ({ row }) => formatMoney(row.original.amountTotal, row.original.currency),
    meta: { numeric: true },
  }),
  column.display({
    id: 'amountResidual',
    header: 'Amount due',
    cell: ({ row }) => formatMoney(row.original.amountResidual, row.original.currency),
    meta: { numeric: true },
  }),
  column.display({ id: 'paymentState', header: 'Status', cell: ({ row }) => <InvoiceStatusBadge state={row.original.paymentState} /> }),
];
