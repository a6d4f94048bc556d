import Link from 'next/link';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import type { InvoicePaymentState } from '@/db/schema';
import { formatMoney } from '@/lib/money';

export type InvoiceRow = {
  id: number;
  number: string;
  /** ISO date strings, so rows cross to the client as plain data. */
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

export const invoiceColumns: ColumnDef<InvoiceRow, unknown>[] = [
  column.accessor('number', {
    header: 'Number',
    cell: (info) => (
      <Link href={`/my/invoices/${info.row.original.id}`} className="font-mono text-brand-700 underline">
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor('invoiceDate', { header: 'Date', cell: (info) => date(info.getValue()) }),
  column.accessor('dueDate', { header: 'Due date', cell: (info) => date(info.getValue()) }),
  column.accessor('amountTotal', {
    header: 'Total',
    cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
    meta: { numeric: true },
  }),
  column.accessor('amountResidual', {
    header: 'Amount due',
    cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
    meta: { numeric: true },
  }),
  column.accessor('paymentState', { header: 'Status', cell: (info) => <InvoiceStatusBadge state={info.getValue()} /> }),
];
