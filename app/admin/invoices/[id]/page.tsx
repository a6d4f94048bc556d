import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { CreditNoteForm } from '@/components/invoices/credit-note-form';
import { CreditedInvoiceNote, CreditNotesList, InvoiceLinesTable, InvoicePaymentsTable, TaxSummaryTable } from '@/components/invoices/invoice-document';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import { CustomerLink } from '@/components/tables/customer-link';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { getStaffInvoice } from '@/lib/admin/invoices';
import { isLocale } from '@/lib/i18n/locales';
import { invoiceStatus } from '@/lib/invoices/status';
import { toInputString } from '@/lib/money';
import { requireStaff } from '../../../_server/session';
import { issueCreditNoteAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices.staff');
  return { title: t('metaTitle') };
}

const fact = 'text-xs uppercase tracking-wide text-stone-500';

export default async function StaffInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaff(`/admin/invoices/${id}`);
  const detail = /^\d{1,12}$/.test(id) ? await getStaffInvoice(getDatabase().read, Number(id)) : undefined;
  if (!detail) notFound();
  const { invoice, customer, order, payments, creditNotes, creditedInvoice, creditable } = detail;
  const [t, tDetail, format, locale] = await Promise.all([getTranslations('invoices.staff'), getTranslations('invoices.detail'), getStaffFormat(), getLocale()]);
  const isInvoice = invoice.kind === 'invoice';
  const money = (amount: number) => format.money(amount, invoice.currency);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={tDetail(isInvoice ? 'title' : 'creditNoteTitle', { number: invoice.number })}>
        <a href={`/admin/invoices/${invoice.id}/pdf`} download className={buttonClasses('secondary')}>
          {tDetail('download')}
        </a>
        <Link href="/admin/invoices" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>

      {creditedInvoice ? <CreditedInvoiceNote invoice={creditedInvoice} href={`/admin/invoices/${creditedInvoice.id}`} /> : null}

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <dt className={fact}>{t('customer')}</dt>
          <dd className="mt-1">
            <CustomerLink id={customer.id} name={customer.name} className="text-brand-700 underline" />
          </dd>
        </div>
        <div>
          <dt className={fact}>{t('order')}</dt>
          <dd className="mt-1">
            {order ? (
              <Link href={`/admin/orders/${order.id}`} className="font-mono text-brand-700 underline">
                {order.number}
              </Link>
            ) : (
              t('noOrder')
            )}
          </dd>
        </div>
        <div>
          <dt className={fact}>{tDetail('status')}</dt>
          <dd className="mt-1" data-testid="invoice-status">
            <InvoiceStatusBadge status={invoiceStatus(invoice)} />
          </dd>
        </div>
        <div>
          <dt className={fact}>{tDetail('date')}</dt>
          <dd className="mt-1">{format.date(invoice.invoiceDate)}</dd>
        </div>
        {isInvoice ? (
          <>
            <div>
              <dt className={fact}>{tDetail('dueDate')}</dt>
              <dd className="mt-1">{format.date(invoice.dueDate)}</dd>
            </div>
            <div>
              <dt className={fact}>{tDetail('amountDue')}</dt>
              <dd className="mt-1 font-semibold" data-testid="amount-due">
                <Money amount={invoice.amountResidual} currency={invoice.currency} />
              </dd>
            </div>
          </>
        ) : (
          <div>
            <dt className={fact}>{tDetail('creditTotal')}</dt>
            <dd className="mt-1 font-semibold" data-testid="credit-total">
              <Money amount={invoice.amountTotal} currency={invoice.currency} />
            </dd>
          </div>
        )}
      </dl>

      <InvoiceLinesTable invoice={invoice} />
      <TaxSummaryTable invoice={invoice} />
      <CreditNotesList creditNotes={creditNotes} hrefFor={(noteId) => `/admin/invoices/${noteId}`} />
      {isInvoice ? <InvoicePaymentsTable payments={payments} /> : null}

      {isInvoice ? (
        <section aria-labelledby="credit-heading" className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-stone-50 p-5">
          <h2 id="credit-heading" className="text-lg font-medium">
            {t('creditHeading')}
          </h2>
          <p className="text-sm text-stone-700">
            {order
              ? t('creditableOrder', {
                  refunded: money(order.amountRefunded),
                  order: order.number,
                  credited: money(invoice.amountCredited),
                  creditable: money(creditable),
                })
              : t('creditableManual', { credited: money(invoice.amountCredited), creditable: money(creditable) })}
          </p>
          {/* Always mounted, so its answer ("Credit note … issued") stays once nothing is left to credit. */}
          <CreditNoteForm
            action={issueCreditNoteAction}
            invoiceId={invoice.id}
            invoiceNumber={invoice.number}
            customerName={customer.name}
            attemptKey={crypto.randomUUID()}
            currency={invoice.currency}
            creditable={creditable}
            creditableDecimal={toInputString(creditable, invoice.currency, isLocale(locale) ? locale : 'en')}
          />
          {creditable === 0 ? (
            <p className="text-sm text-stone-600" data-testid="nothing-creditable">
              {order && invoice.amountCredited < invoice.amountTotal
                ? t.rich('refundFirst', {
                    order: order.number,
                    link: (chunks) => (
                      <Link href={`/admin/orders/${order.id}`} className="text-brand-700 underline">
                        {chunks}
                      </Link>
                    ),
                  })
                : t('fullyCredited')}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
