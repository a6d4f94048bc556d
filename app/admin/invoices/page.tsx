import type { Metadata } from 'next';
import Link from 'next/link';
import { SearchForm } from '@/components/admin/search-form';
import { AdminInvoicesTable } from '@/components/tables/admin-invoices/data-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listInvoices } from '@/lib/admin/invoices';
import { invoiceStatusLabels } from '@/lib/invoices/status';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Invoices' };

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requireStaff('/admin/invoices');
  const params = await searchParams;
  const q = textParam(params.q);
  const invoices = await listInvoices(getDatabase().read, { page: pageNumber(params.page), q });
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Invoices">
        <Link href="/admin/invoices/new" className={buttonClasses('primary')}>
          New Invoice
        </Link>
      </PageHeading>
      <SearchForm action="/admin/invoices" defaultValue={q} label="Search by number or customer" />
      <p className="text-sm text-stone-600">
        {invoices.totalRows} invoice{invoices.totalRows === 1 ? '' : 's'} · newest first · page {invoices.page} of{' '}
        {invoices.totalPages}
      </p>
      <AdminInvoicesTable
        rows={invoices.rows.map((invoice) => ({
          id: invoice.id,
          number: invoice.number,
          customerId: invoice.customerId,
          customerName: invoice.customerName,
          orderNumber: invoice.orderNumber,
          amountTotal: invoice.amountTotal,
          amountResidual: invoice.amountResidual,
          currency: invoice.currency,
          status: invoiceStatusLabels[invoice.paymentState],
          paid: invoice.paymentState === 'paid',
          invoiceDate: invoice.invoiceDate.toISOString(),
          dueDate: invoice.dueDate.toISOString(),
        }))}
      />
      <Pagination
        page={invoices.page}
        totalPages={invoices.totalPages}
        hrefFor={(page) => withParams('/admin/invoices', { q, page })}
        label="Invoice pages"
      />
    </div>
  );
}
