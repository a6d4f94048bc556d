import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { StaffFormat, Words } from '@/components/admin/format';
import { Badge } from '@/components/ui/badge';
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
};

const column = createColumnHelper<AdminOrderRow>();

const tones: Record<OrderStatusCode, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = {
  paid: 'success',
  pending: 'warning',
  cancelled: 'neutral',
  refunded: 'info',
  partially_refunded: 'info',
};

/** An order status as a coloured badge. */
export function OrderStatusBadge({ status }: { status: OrderStatusCode }) {
  const t = useTranslations('statuses.order');
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}

/** All orders' columns (t: admin.orders). */
export function adminOrderColumns(t: Words, format: StaffFormat): ColumnDef<AdminOrderRow, unknown>[] {
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
    column.display({ id: 'status', header: t('columns.status'), cell: ({ row }) => <OrderStatusBadge status={row.original.status} /> }),
    column.display({ id: 'method', header: t('columns.method'), cell: ({ row }) => row.original.paymentMethod }),
    column.display({
      id: 'created',
      header: t('columns.placed'),
      cell: ({ row }) => <time dateTime={row.original.createdAt}>{format.dateTime(row.original.createdAt)}</time>,
    }),
  ];
}
