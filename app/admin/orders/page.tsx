import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SearchForm } from '@/components/admin/search-form';
import { AdminOrdersTable } from '@/components/tables/admin-orders/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listOrders } from '@/lib/admin/orders';
import { orderStatusCode } from '@/lib/checkout/labels';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.orders');
  return { title: t('title') };
}

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requireStaff('/admin/orders');
  const params = await searchParams;
  const q = textParam(params.q);
  const [orders, t, method] = await Promise.all([
    listOrders(getDatabase().read, { page: pageNumber(params.page), q }),
    getTranslations('admin.orders'),
    getTranslations('statuses.paymentMethod'),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <SearchForm action="/admin/orders" defaultValue={q} label={t('search')} />
      <p className="text-sm text-stone-600">
        {t('summary', { count: orders.totalRows, page: orders.page, pages: orders.totalPages })}
      </p>
      <AdminOrdersTable
        rows={orders.rows.map((order) => ({
          id: order.id,
          number: order.number,
          customerId: order.customerId,
          customerName: order.customerName,
          amountTotal: order.amountTotal,
          amountRefunded: order.amountRefunded,
          currency: order.currency,
          status: orderStatusCode(order),
          paymentMethod: method(order.paymentMethod),
          createdAt: order.createdAt.toISOString(),
        }))}
      />
      <Pagination
        page={orders.page}
        totalPages={orders.totalPages}
        hrefFor={(page) => withParams('/admin/orders', { q, page })}
        label={t('pages')}
      />
    </div>
  );
}
