import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import type { StaffFormat, Words } from '@/components/admin/format';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import type { InvoiceStatus } from '@/lib/invoices/status';
import { CustomerLink } from '../customer-link';

export type AdminInvoiceRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  orderNumber: string | null;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  /** lib/invoices/status invoiceStatus: paid, refunded, credit_note, … */
  status: InvoiceStatus;
  invoiceDate: string;
  dueDate: string;
};

const column = createColumnHelper<AdminInvoiceRow>();

/** The invoices' columns (t: admin.invoices). */
export function adminInvoiceColumns(t: Words, format: StaffFormat): ColumnDef<AdminInvoiceRow, unknown>[] {
  return [
    column.display({
      id: 'number',
      header: t('columns.number'),
      cell: ({ row }) => (
        <Link href={`/admin/invoices/${row.original.id}`} className="font-mono text-brand-700 underline">
          {row.original.number}
        </Link>
      ),
    }),
    column.display({
      id: 'customer',
      header: t('columns.customer'),
      cell: ({ row }) => <CustomerLink id={row.original.customerId} name={row.original.customerName} className="text-brand-700 underline" />,
    }),
    column.display({ id: 'order', header: t('columns.order'), cell: ({ row }) => row.original.orderNumber ?? '—' }),
    column.display({ id: 'date', header: t('columns.date'), cell: ({ row }) => format.date(row.original.invoiceDate) }),
    column.display({ id: 'due', header: t('columns.due'), cell: ({ row }) => format.date(row.original.dueDate) }),
    column.display({
      id: 'total',
      header: t('columns.total'),
      cell: ({ row }) => format.money(row.original.amountTotal, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({
      id: 'residual',
      header: t('columns.residual'),
      cell: ({ row }) => format.money(row.original.amountResidual, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({ id: 'status', header: t('columns.status'), cell: ({ row }) => <InvoiceStatusBadge status={row.original.status} /> }),
  ];
}
