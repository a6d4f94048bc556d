import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { formatDate } from '@/components/admin/format';
import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/money';

export type AdminInvoiceRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  orderNumber: string | null;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  status: string;
  paid: boolean;
  invoiceDate: string;
  dueDate: string;
};

const column = createColumnHelper<AdminInvoiceRow>();

export const adminInvoiceColumns: ColumnDef<AdminInvoiceRow, unknown>[] = [
  column.display({ id: 'number', header: 'Number', cell: ({ row }) => <span className="font-mono">{row.original.number}</span> }),
  column.display({
    id: 'customer',
    header: 'Customer',
    cell: ({ row }) => (
      <Link href={`/admin/customers/${row.original.customerId}`} className="text-brand-700 underline">
        {row.original.customerName}
      </Link>
    ),
  }),
  column.display({ id: 'order', header: 'Order', cell: ({ row }) => row.original.orderNumber ?? '—' }),
  column.display({ id: 'date', header: 'Date', cell: ({ row }) => formatDate(row.original.invoiceDate) }),
  column.display({ id: 'due', header: 'Due', cell: ({ row }) => formatDate(row.original.dueDate) }),
  column.display({
    id: 'total',
    header: 'Total',
    cell: ({ row }) => formatMoney(row.original.amountTotal, row.original.currency),
    meta: { numeric: true },
  }),
  column.display({
    id: 'residual',
    header: 'Amount due',
    cell: ({ row }) => formatMoney(row.original.amountResidual, row.original.currency),
    meta: { numeric: true },
  }),
  column.display({
    id: 'status',
    header: 'Status',
    cell: ({ row }) => <Badge tone={row.original.paid ? 'success' : 'warning'}>{row.original.status}</Badge>,
  }),
];
