import type { Metadata } from 'next';
import { getDatabase } from '@/db';
import { OrdersTable } from '@/components/tables/orders/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listOwnOrders } from '@/lib/checkout/queries';
import { requireViewer } from '../../../_server/session';

export const metadata: Metadata = { title: 'My Orders' };

function pageNumber(value: string | undefined): number {
  const page = Number.parseInt(value ?? '1', 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export default async function MyOrdersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireViewer('/my/orders');
  const { page } = await searchParams;
  const orders = await listOwnOrders(getDatabase().read, viewer.id, pageNumber(page));
  const rows = orders.rows.map((order) => ({
    number: order.number,
    date: order.createdAt.toISOString(),
    itemCount: order.itemCount,
    total: order.amountTotal,
    currency: order.currency,
    paymentMethod: order.paymentMethodLabel,
    status: order.status,
  }));
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="My Orders" />
      <p className="text-sm text-stone-600">
        {orders.totalRows} order{orders.totalRows === 1 ? '' : 's'} · page {orders.page} of {orders.totalPages}
      </p>
      <OrdersTable rows={rows} />
      <Pagination page={orders.page} totalPages={orders.totalPages} hrefFor={(n) => `/my/orders?page=${n}`} label="Order pages" />
    </div>
  );
}
