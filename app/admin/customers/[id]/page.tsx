import crypto from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getStaffFormat } from '@/components/admin/format-server';
import { WalletAdjustmentForm } from '@/components/admin/wallet-adjustment-form';
import { WalletTransactionsTable } from '@/components/tables/wallet-transactions/data-table';
import { toTransactionRows } from '@/components/tables/wallet-transactions/rows';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { BalanceCard } from '@/components/wallet/balance-card';
import { PendingList } from '@/components/wallet/pending-list';
import { AdminInvoicesTable } from '@/components/tables/admin-invoices/data-table';
import { adminInvoiceRow } from '@/components/tables/admin-invoices/rows';
import { AdminOrdersTable } from '@/components/tables/admin-orders/data-table';
import { getCustomerDetail } from '@/lib/admin/customers';
import { listStaffOrders } from '@/lib/orders/views';
import { listInvoices } from '@/lib/admin/invoices';
import { orderStatusCode } from '@/lib/checkout/labels';
import { requireStaff } from '../../../_server/session';
import { shipOrdersAction } from '../../orders/actions';
import { pageNumber, withParams } from '../../search-params';
import { resetBalanceAction, sendMoneyAction, withdrawMoneyAction } from './actions';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.customer');
  return { title: t('metaTitle') };
}

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string; orders?: string; invoices?: string }>;
}) {
  const { id } = await params;
  await requireStaff(`/admin/customers/${id}`);
  const customerId = Number(id);
  const query = await searchParams;
  const { read } = getDatabase();
  const detail = Number.isSafeInteger(customerId) && customerId > 0 ? await getCustomerDetail(read, customerId, { page: pageNumber(query.page) }) : undefined;
  if (!detail) notFound();
  const { customer, currency, balance, overdraftLimit, pending, history } = detail;
  const pages = { page: pageNumber(query.page), orders: pageNumber(query.orders), invoices: pageNumber(query.invoices) };
  /** This page with one of its three lists on another page, the others kept. */
  const hrefWith = (list: keyof typeof pages) => (page: number) => {
    const next = { ...pages, [list]: page };
    const shown = (value: number) => (value > 1 ? value : undefined);
    return withParams(`/admin/customers/${customer.id}`, { page: shown(next.page), orders: shown(next.orders), invoices: shown(next.invoices) });
  };
  const [t, tLists, tMethod, format, customerOrders, customerInvoices] = await Promise.all([
    getTranslations('admin.customer'),
    getTranslations('reports.customer'),
    getTranslations('statuses.paymentMethod'),
    getStaffFormat(),
    listStaffOrders(read, { customerId: customer.id, page: pages.orders, pageSize: 5 }),
    listInvoices(read, { customerId: customer.id, page: pages.invoices, pageSize: 5 }),
  ]);
  const rows = toTransactionRows(history.rows, currency, await getTranslations('ledger'));
  const common = { customerId: customer.id, customerName: customer.name, balance: balance.available, currency };
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={customer.name}>
        <Link href="/admin/customers" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>

      <section aria-labelledby="profile-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="profile-heading" className="mb-3 text-lg font-medium">
          {t('profile')}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-stone-500">{t('name')}</dt>
          <dd>{customer.name}</dd>
          <dt className="text-stone-500">{t('email')}</dt>
          <dd>
            <a href={`mailto:${customer.email}`} className="text-brand-700 underline">
              {customer.email}
            </a>
          </dd>
          <dt className="text-stone-500">{t('since')}</dt>
          <dd>{format.date(customer.createdAt)}</dd>
        </dl>
      </section>

      <section aria-labelledby="orders-heading" className="flex flex-col gap-3">
        <h2 id="orders-heading" className="text-lg font-medium">
          {tLists('orders')}
        </h2>
        <p className="text-sm text-stone-600">
          {tLists('ordersSummary', { count: customerOrders.totalRows, page: customerOrders.page, pages: customerOrders.totalPages })}
        </p>
        <AdminOrdersTable
          shipAction={shipOrdersAction}
          attemptKey={crypto.randomUUID()}
          rows={customerOrders.rows.map((order) => ({
            id: order.id,
            number: order.number,
            customerId: order.customerId,
            customerName: order.customerName,
            amountTotal: order.amountTotal,
            amountRefunded: order.amountRefunded,
            currency: order.currency,
            status: orderStatusCode(order),
            paymentMethod: tMethod(order.paymentChoice),
            createdAt: order.createdAt.toISOString(),
            trackingNumber: order.trackingNumber,
            canShip: order.canShip,
          }))}
        />
        <Pagination page={customerOrders.page} totalPages={customerOrders.totalPages} hrefFor={hrefWith('orders')} label={tLists('ordersPages')} />
      </section>

      <section aria-labelledby="invoices-heading" className="flex flex-col gap-3">
        <h2 id="invoices-heading" className="text-lg font-medium">
          {tLists('invoices')}
        </h2>
        <p className="text-sm text-stone-600">
          {tLists('invoicesSummary', { count: customerInvoices.totalRows, page: customerInvoices.page, pages: customerInvoices.totalPages })}
        </p>
        <AdminInvoicesTable rows={customerInvoices.rows.map(adminInvoiceRow)} />
        <Pagination page={customerInvoices.page} totalPages={customerInvoices.totalPages} hrefFor={hrefWith('invoices')} label={tLists('invoicesPages')} />
      </section>

      <BalanceCard balance={balance} overdraftLimit={overdraftLimit} />
      <PendingList items={pending} currency={currency} />

      <section aria-labelledby="actions-heading" className="flex flex-col gap-3">
        <h2 id="actions-heading" className="text-lg font-medium">
          {t('walletActions')}
        </h2>
        <div className="grid gap-4 lg:grid-cols-3">
          <WalletAdjustmentForm
            {...common}
            kind="send"
            title={t('send.title')}
            explanation={t('send.explanation')}
            action={sendMoneyAction}
            attemptKey={crypto.randomUUID()}
            withAmount
            submitLabel={t('send.title')}
            pendingLabel={t('send.pending')}
          />
          <WalletAdjustmentForm
            {...common}
            kind="withdraw"
            title={t('withdraw.title')}
            explanation={t('withdraw.explanation')}
            action={withdrawMoneyAction}
            attemptKey={crypto.randomUUID()}
            withAmount
            submitLabel={t('withdraw.title')}
            pendingLabel={t('withdraw.pending')}
          />
          <WalletAdjustmentForm
            {...common}
            kind="reset"
            title={t('reset.title')}
            explanation={t('reset.explanation')}
            action={resetBalanceAction}
            attemptKey={crypto.randomUUID()}
            withAmount={false}
            submitLabel={t('reset.title')}
            pendingLabel={t('reset.pending')}
            variant="danger"
          />
        </div>
      </section>

      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-lg font-medium">
          {t('history')}
        </h2>
        <p className="text-sm text-stone-600">
          {t('historySummary', { count: history.totalRows, page: history.page, pages: history.totalPages })}
        </p>
        <WalletTransactionsTable rows={rows} />
        <Pagination
          page={history.page}
          totalPages={history.totalPages}
          hrefFor={hrefWith('page')}
          label={t('historyPages')}
        />
      </section>
    </div>
  );
}
