import Link from 'next/link';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import type { ShopperFormat } from '@/components/wallet/format';
import type { InvoiceStatus } from '@/lib/invoices/status';

export type InvoiceRow = {
  id: number;
  number: string;
  /** ISO date strings. */
  invoiceDate: string;
  dueDate: string;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  /** lib/invoices/status invoiceStatus: paid, refunded, credit_note, … */
  status: InvoiceStatus;
};

const column = createColumnHelper<InvoiceRow>();

/** The column words (invoices.table) and the visitor's formats. */
export type InvoiceColumnWords = (key: 'number' | 'date' | 'dueDate' | 'total' | 'amountDue' | 'status') => string;

// Display columns: the server sorts and pages, so the table only lays out what it is given.
export function invoiceColumns(t: InvoiceColumnWords, format: ShopperFormat): ColumnDef<InvoiceRow, unknown>[] {
  const date = (iso: string) => <time dateTime={iso}>{format.date(new Date(iso))}</time>;
  return [
    column.display({
      id: 'number',
      header: t('number'),
      cell: ({ row }) => (
        <Link href={`/my/invoices/${row.original.id}`} className="font-mono text-brand-700 underline">
          {row.original.number}
        </Link>
      ),
    }),
    column.display({ id: 'invoiceDate', header: t('date'), cell: ({ row }) => date(row.original.invoiceDate) }),
    column.display({ id: 'dueDate', header: t('dueDate'), cell: ({ row }) => date(row.original.dueDate) }),
    column.display({
      id: 'amountTotal',
      header: t('total'),
      cell: ({ row }) => format.money(row.original.amountTotal, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({
      id: 'amountResidual',
      header: t('amountDue'),
      cell: ({ row }) => format.money(row.original.amountResidual, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({ id: 'status', header: t('status'), cell: ({ row }) => <InvoiceStatusBadge status={row.original.status} /> }),
  ];
}
