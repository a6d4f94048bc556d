import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import type { StaffFormat, Words } from '@/components/admin/format';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import type { OrderStatusCode } from '@/lib/checkout/labels';
import { CustomerLink } from '../customer-link';

export type AdminOrderRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  amountTotal: number;
  amountRefunded: number;
  currency: string;
  status: OrderStatusCode;
  /** The payment method's words (statuses.paymentMethod.*). */
  paymentMethod: string;
  createdAt: string;
  trackingNumber: string | null;
  /** Staff may mark it shipped now: its checkbox for the bulk "Mark as shipped". */
  canShip: boolean;
};

const column = createColumnHelper<AdminOrderRow>();

/** All orders' columns (t: admin.orders; tracking: fulfilment.list.tracking); the selection column is added by the table. */
export function adminOrderColumns(t: Words, format: StaffFormat, tracking: (number: string) => string): ColumnDef<AdminOrderRow, unknown>[] {
  return [
    column.display({
      id: 'number',
      header: t('columns.order'),
      cell: ({ row }) => (
        <Link href={`/admin/orders/${row.original.id}`} className="font-mono text-brand-700 underline">
          {row.original.number}
        </Link>
      ),
    }),
    column.display({
      id: 'customer',
      header: t('columns.customer'),
      cell: ({ row }) => <CustomerLink id={row.original.customerId} name={row.original.customerName} />,
    }),
    column.display({
      id: 'total',
      header: t('columns.total'),
      cell: ({ row }) => format.money(row.original.amountTotal, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({
      id: 'refunded',
      header: t('columns.refunded'),
      cell: ({ row }) => (row.original.amountRefunded > 0 ? format.money(row.original.amountRefunded, row.original.currency) : '—'),
      meta: { numeric: true },
    }),
    column.display({
      id: 'status',
      header: t('columns.status'),
      cell: ({ row }) => (
        <span className="flex flex-col items-start gap-1">
          <OrderStatusBadge status={row.original.status} />
          {row.original.trackingNumber ? <span className="font-mono text-xs text-stone-600">{tracking(row.original.trackingNumber)}</span> : null}
        </span>
      ),
    }),
    column.display({ id: 'method', header: t('columns.method'), cell: ({ row }) => row.original.paymentMethod }),
    column.display({
      id: 'created',
      header: t('columns.placed'),
      cell: ({ row }) => <time dateTime={row.original.createdAt}>{format.dateTime(row.original.createdAt)}</time>,
    }),
  ];
}
