import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { formatDateTime, paymentMethodLabel } from '@/components/admin/format';
import { Badge } from '@/components/ui/badge';
import { formatMoney } from '@/lib/money';

export type AdminOrderRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  amountTotal: number;
  amountRefunded: number;
  currency: string;
  status: string;
  paymentMethod: string;
  createdAt: string;
};

const column = createColumnHelper<AdminOrderRow>();

const tones: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = {
  Paid: 'success',
  Pending: 'warning',
  Cancelled: 'neutral',
  Refunded: 'info',
  'Partially Refunded': 'info',
};

/** An order status as a coloured badge. */
export function OrderStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? 'neutral'}>{status}</Badge>;
}

export const adminOrderColumns: ColumnDef<AdminOrderRow, unknown>[] = [
  column.display({
    id: 'number',
    header: 'Order',
    cell: ({ row }) => (
      <Link href={`/admin/orders/${row.original.id}`} className="font-mono text-brand-700 underline">
        {row.original.number}
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
    id: 'total',
    header: 'Total',
    cell: ({ row }) => formatMoney(row.original.amountTotal, row.original.currency),
    meta: { numeric: true },
  }),
  column.display({
    id: 'refunded',
    header: 'Refunded',
    cell: ({ row }) => (row.original.amountRefunded > 0 ? formatMoney(row.original.amountRefunded, row.original.currency) : '—'),
    meta: { numeric: true },
  }),
  column.display({ id: 'status', header: 'Status', cell: ({ row }) => <OrderStatusBadge status={row.original.status} /> }),
  column.display({ id: 'method', header: 'Payment method', cell: ({ row }) => paymentMethodLabel(row.original.paymentMethod) }),
  column.display({
    id: 'created',
    header: 'Placed',
    cell: ({ row }) => <time dateTime={row.original.createdAt}>{formatDateTime(row.original.createdAt)}</time>,
  }),
];
