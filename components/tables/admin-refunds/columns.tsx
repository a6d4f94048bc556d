import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { formatDateTime } from '@/components/admin/format';
import { formatMoney } from '@/lib/money';

export type AdminRefundRow = {
  transferId: number;
  reference: string;
  date: string;
  orderId: number;
  orderNumber: string;
  customerId: number;
  customerName: string;
  amount: number;
  currency: string;
  reason: string | null;
  staffName: string | null;
};

const column = createColumnHelper<AdminRefundRow>();

export const adminRefundColumns: ColumnDef<AdminRefundRow, unknown>[] = [
  column.display({
    id: 'date',
    header: 'Date',
    cell: ({ row }) => <time dateTime={row.original.date}>{formatDateTime(row.original.date)}</time>,
  }),
  column.display({
    id: 'order',
    header: 'Order',
    cell: ({ row }) => (
      <Link href={`/admin/orders/${row.original.orderId}`} className="font-mono text-brand-700 underline">
        {row.original.orderNumber}
      </Link>
    ),
  }),
  column.display({
    id: 'customer',
    header: 'Customer',
    cell: ({ row }) => (
      <Link href={`/admin/customers/${row.original.customerId}`} className="underline">
        {row.original.customerName}
      </Link>
    ),
  }),
  column.display({
    id: 'amount',
    header: 'Amount',
    cell: ({ row }) => formatMoney(row.original.amount, row.original.currency),
    meta: { numeric: true },
  }),
  column.display({ id: 'reason', header: 'Reason', cell: ({ row }) => row.original.reason ?? '—' }),
  column.display({ id: 'staff', header: 'By', cell: ({ row }) => row.original.staffName ?? '—' }),
  column.display({
    id: 'reference',
    header: 'Reference',
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.reference}</span>,
  }),
];
