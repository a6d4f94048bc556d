import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { OrdersTable } from '@/components/tables/orders/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listOwnOrders } from '@/lib/checkout/queries';
import { trackingNumbersOf } from '@/lib/orders/views';
import { requireViewer } from '../../../_server/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('orders.list'))('title') };
}

function pageNumber(value: string | undefined): number {
  const page = Number.parseInt(value ?? '1', 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export default async function MyOrdersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireViewer('/my/orders');
  const { page } = await searchParams;
  const db = getDatabase();
  const [orders, t, methods] = await Promise.all([
    listOwnOrders(db.read, viewer.id, pageNumber(page)),
    getTranslations('orders.list'),
    getTranslations('statuses.paymentMethod'),
  ]);
  const tracking = await trackingNumbersOf(
    db.read,
    viewer.id,
    orders.rows.map((order) => order.number),
  );
  const rows = orders.rows.map((order) => ({
    number: order.number,
    date: order.createdAt.toISOString(),
    itemCount: order.itemCount,
    total: order.amountTotal,
    currency: order.currency,
    paymentMethod: methods(order.paymentChoice),
    status: order.statusCode,
    tracking: tracking.has(order.number) ? t('tracking', { tracking: tracking.get(order.number) ?? '' }) : null,
  }));
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <p className="text-sm text-stone-600">
        {t('summary', { count: orders.totalRows, page: orders.page, pages: orders.totalPages })}
      </p>
      <OrdersTable rows={rows} />
      <Pagination page={orders.page} totalPages={orders.totalPages} hrefFor={(n) => `/my/orders?page=${n}`} label={t('pages')} />
    </div>
  );
}
