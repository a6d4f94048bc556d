'use client';

import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import type { StaffFormat, Words } from '@/components/admin/format';

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

/** Reference, customer, amount and date (t: admin.topUps); selection and row actions are added by the table. */
export function pendingTopUpColumns(t: Words, format: StaffFormat) {
  return [
    column.accessor('reference', {
      header: t('columns.reference'),
      cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span>,
    }),
    column.accessor('customerName', {
      header: t('columns.customer'),
      cell: (info) => (
        <span className="flex flex-col">
          <Link href={`/admin/customers/${info.row.original.customerId}`} className="text-brand-700 underline">
            {info.getValue()}
          </Link>
          <span className="text-xs text-stone-600">{info.row.original.customerEmail}</span>
        </span>
      ),
    }),
    column.accessor('amount', {
      header: t('columns.amount'),
      cell: (info) => format.money(info.getValue(), info.row.original.currency),
      meta: { numeric: true },
    }),
    column.accessor('createdAt', {
      header: t('columns.created'),
      cell: (info) => <time dateTime={info.getValue()}>{format.dateTime(info.getValue())}</time>,
    }),
  ];
}
