'use client';

import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { formatDateTime } from '@/components/admin/format';
import { formatMoney } from '@/lib/money';

export type PendingTopUpRow = {
  paymentId: number;
  reference: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  amount: number;
  currency: string;
  createdAt: string;
};

const column = createColumnHelper<PendingTopUpRow>();

/** Reference, customer, amount and date; selection and row actions are added by the table. */
export const pendingTopUpColumns = [
  column.accessor('reference', {
    header: 'Reference',
    cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span>,
  }),
  column.accessor('customerName', {
    header: 'Customer',
    cell: (info) => (
      <span className="flex flex-col">
        <Link href={`/admin/customers/${info.row.original.customerId}`} className="text-brand-700 underline">
          {info.getValue()}
        </Link>
        <span className="text-xs text-stone-500">{info.row.original.customerEmail}</span>
      </span>
    ),
  }),
  column.accessor('amount', {
    header: 'Amount',
    cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
    meta: { numeric: true },
  }),
  column.accessor('createdAt', {
    header: 'Created',
    cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time>,
  }),
];
