import type { Metadata } from 'next';
import Link from 'next/link';
import { getDatabase } from '@/db';
import { InvoicesTable } from '@/components/tables/invoices/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listInvoices } from '@/lib/invoices/queries';
import { requireViewer } from '../../../_server/session';

export const metadata: Metadata = { title: 'Invoices' };

function pageNumber(value: string | undefined): number {
  const page = Number.parseInt(value ?? '1', 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireViewer('/my/invoices');
  const { page } = await searchParams;
  const invoices = await listInvoices(getDatabase().read, viewer.id, pageNumber(page));
  const rows = invoices.rows.map((row) => ({
    ...row,
    invoiceDate: row.invoiceDate.toISOString(),
    dueDate: row.dueDate.toISOString(),
  }));
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Invoices">
        <Link href="/my" className="text-sm text-brand-700 underline">
          Back to My Account
        </Link>
      </PageHeading>
      <p className="text-sm text-stone-600">
        {invoices.totalRows} invoice{invoices.totalRows === 1 ? '' : 's'} · page {invoices.page} of{' '}
        {Math.max(invoices.totalPages, 1)}
      </p>
      <InvoicesTable rows={rows} />
      <Pagination
        page={invoices.page}
        totalPages={invoices.totalPages}
        hrefFor={(n) => `/my/invoices?page=${n}`}
        label="Invoice pages"
      />
    </div>
  );
}
