import crypto from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SearchForm } from '@/components/admin/search-form';
import { AdminOrdersTable } from '@/components/tables/admin-orders/data-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { orderStatusCode, stateStatusCode } from '@/lib/checkout/labels';
import { listStaffOrders, orderStatusFilter, orderStatusFilters } from '@/lib/orders/views';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';
import { shipOrdersAction } from './actions';
import { ApiPaymentsSection } from './api-payments';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.orders');
  return { title: t('title') };
}

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string; status?: string }> }) {
  await requireStaff('/admin/orders');
  const params = await searchParams;
  const q = textParam(params.q);
  const state = orderStatusFilter(textParam(params.status));
  const status = state ? stateStatusCode(state) : undefined;
  const [orders, t, words, statusWords, method] = await Promise.all([
    listStaffOrders(getDatabase().read, { page: pageNumber(params.page), q, state }),
    getTranslations('admin.orders'),
    getTranslations('fulfilment.list'),
    getTranslations('statuses.order'),
    getTranslations('statuses.paymentMethod'),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <div className="flex flex-wrap items-end gap-4">
        <SearchForm action="/admin/orders" defaultValue={q} label={t('search')} keep={{ status }} />
        <form action="/admin/orders" method="get" className="flex flex-wrap items-end gap-2">
          {q ? <input type="hidden" name="q" value={q} /> : null}
          <div className="flex flex-col gap-1">
            <label htmlFor="orders-status" className="text-sm font-medium text-stone-700">
              {words('filterLabel')}
            </label>
            <select
              id="orders-status"
              name="status"
              defaultValue={status ?? ''}
              className="min-h-10 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
            >
              <option value="">{words('allStatuses')}</option>
              {orderStatusFilters.map((filter) => (
                <option key={filter} value={filter}>
                  {statusWords(filter)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClasses('secondary')}>
            {words('filter')}
          </button>
        </form>
      </div>
      <p className="text-sm text-stone-600">
        {t('summary', { count: orders.totalRows, page: orders.page, pages: orders.totalPages })}
      </p>
      <AdminOrdersTable
        shipAction={shipOrdersAction}
        attemptKey={crypto.randomUUID()}
        rows={orders.rows.map((order) => ({
          id: order.id,
          number: order.number,
          customerId: order.customerId,
          customerName: order.customerName,
          amountTotal: order.amountTotal,
          amountRefunded: order.amountRefunded,
          currency: order.currency,
          status: orderStatusCode(order),
          paymentMethod: method(order.paymentChoice),
          createdAt: order.createdAt.toISOString(),
          trackingNumber: order.trackingNumber,
          canShip: order.canShip,
        }))}
      />
      <Pagination
        page={orders.page}
        totalPages={orders.totalPages}
        hrefFor={(page) => withParams('/admin/orders', { q, status, page })}
        label={t('pages')}
      />
      <ApiPaymentsSection />
    </div>
  );
}
