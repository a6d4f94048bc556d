import type { Metadata } from 'next';
import { SearchForm } from '@/components/admin/search-form';
import { AdminOrdersTable } from '@/components/tables/admin-orders/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listOrders } from '@/lib/admin/orders';
import { orderStatus } from '@/lib/checkout/labels';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requireStaff('/admin/orders');
  const params = await searchParams;
  const q = textParam(params.q);
  const orders = await listOrders(getDatabase().read, { page: pageNumber(params.page), q });
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Orders" />
      <SearchForm action="/admin/orders" defaultValue={q} label="Search by order number or customer" />
      <p className="text-sm text-stone-600">
        {orders.totalRows} order{orders.totalRows === 1 ? '' : 's'} · newest first · page {orders.page} of {orders.totalPages}
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
          status: orderStatus(order),
          paymentMethod: order.paymentMethod,
          createdAt: order.createdAt.toISOString(),
        }))}
      />
      <Pagination
        page={orders.page}
        totalPages={orders.totalPages}
        hrefFor={(page) => withParams('/admin/orders', { q, page })}
        label="Order pages"
      />
    </div>
  );
}
