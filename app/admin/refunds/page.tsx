import type { Metadata } from 'next';
import { SearchForm } from '@/components/admin/search-form';
import { AdminRefundsTable } from '@/components/tables/admin-refunds/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listRefunds } from '@/lib/refunds/list';
import { requireStaff } from '../../_server/session';
import { toRefundRows } from '../refund-rows';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Refunds' };

export default async function RefundsPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requireStaff('/admin/refunds');
  const params = await searchParams;
  const q = textParam(params.q);
  const refunds = await listRefunds(getDatabase().read, { page: pageNumber(params.page), q });
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Refunds" />
      <SearchForm action="/admin/refunds" defaultValue={q} label="Search by order number or customer" />
      <p className="text-sm text-stone-600">
        {refunds.totalRows} refund{refunds.totalRows === 1 ? '' : 's'} to wallets · newest first · page {refunds.page} of{' '}
        {refunds.totalPages}
      </p>
      <AdminRefundsTable rows={toRefundRows(refunds.rows)} />
      <Pagination
        page={refunds.page}
        totalPages={refunds.totalPages}
        hrefFor={(page) => withParams('/admin/refunds', { q, page })}
        label="Refund pages"
      />
    </div>
  );
}
