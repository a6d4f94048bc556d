import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { InvoicesTable } from '@/components/tables/invoices/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listInvoices } from '@/lib/invoices/queries';
import { invoiceStatus } from '@/lib/invoices/status';
import { requireViewer } from '../../../_server/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices.list');
  return { title: t('title') };
}

function pageNumber(value: string | undefined): number {
  const page = Number.parseInt(value ?? '1', 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireViewer('/my/invoices');
  const { page } = await searchParams;
  const t = await getTranslations('invoices.list');
  const invoices = await listInvoices(getDatabase().read, viewer.id, pageNumber(page));
  const rows = invoices.rows.map((row) => ({
    id: row.id,
    number: row.number,
    invoiceDate: row.invoiceDate.toISOString(),
    dueDate: row.dueDate.toISOString(),
    amountTotal: row.amountTotal,
    amountResidual: row.amountResidual,
    currency: row.currency,
    status: invoiceStatus(row),
  }));
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')}>
        <Link href="/my" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <p className="text-sm text-stone-600">
        {t('summary', { count: invoices.totalRows, page: invoices.page, pages: Math.max(invoices.totalPages, 1) })}
      </p>
      <InvoicesTable rows={rows} />
      <Pagination
        page={invoices.page}
        totalPages={invoices.totalPages}
        hrefFor={(n) => `/my/invoices?page=${n}`}
        label={t('pages')}
      />
    </div>
  );
}
