import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { CreditedInvoiceNote, CreditNotesList, InvoiceLinesTable, InvoicePaymentsTable, TaxSummaryTable } from '@/components/invoices/invoice-document';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import { PayInvoiceForm, type InvoicePayChoices } from '@/components/invoices/pay-invoice-form';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getShopperFormat } from '@/components/wallet/format';
import { invoicePayOptions } from '@/lib/invoices/pay-options';
import { getInvoiceRelations, getOwnInvoice, listInvoicePayments, type InvoiceDetail } from '@/lib/invoices/queries';
import { invoiceStatus } from '@/lib/invoices/status';
import { getWalletSpendable } from '@/lib/ledger';
import { toDecimalString } from '@/lib/money';
import { findOwnPayment } from '@/lib/payments/records';
import { findWalletHold } from '@/lib/payments/split';
import { cardProviderIsDemo } from '@/lib/payments/providers';
import { getSettings, type ShopSettings } from '@/lib/settings';
import { requireViewer } from '../../../_server/session';
import { payInvoice } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invoices.detail');
  return { title: t('metaTitle') };
}

/** Which ways of paying the Pay Now form offers for this invoice and wallet. */
function payChoices(invoice: InvoiceDetail, walletAvailable: number, settings: ShopSettings, cardLabels: { card: string; cardDemo: string }): InvoicePayChoices {
  const options = invoicePayOptions(invoice.amountResidual, walletAvailable);
  const topUpAmount = Math.min(Math.max(options.shortfall, settings.minTopUp), settings.maxTopUp);
  const walletOn = settings.enabledPaymentMethods.includes('wallet');
  return {
    amountDue: invoice.amountResidual,
    currency: invoice.currency,
    wallet: walletOn ? { available: walletAvailable, covers: options.walletCovers, partialAmount: options.partialAmount } : null,
    cardLabel: settings.enabledPaymentMethods.includes('card')
      ? cardProviderIsDemo()
        ? cardLabels.cardDemo
        : cardLabels.card
      : null,
    split:
      walletOn && settings.enabledPaymentMethods.includes('card') && options.partialAmount > 0
        ? { walletPart: options.partialAmount, cardPart: options.shortfall }
        : null,
    topUp:
      walletOn && options.shortfall > 0
        ? {
            amount: topUpAmount,
            href: `/my/wallet/add?amount=${toDecimalString(topUpAmount, invoice.currency)}&return=/my/invoices/${invoice.id}`,
          }
        : null,
  };
}

export default async function InvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ paid?: string }>;
}) {
  const { id } = await params;
  const viewer = await requireViewer(`/my/invoices/${id}`);
  // A Wallet and Card hold past its time limit is released by the 'expire-split-holds' job, not here.
  const { read } = getDatabase();
  const invoice = /^\d{1,12}$/.test(id) ? await getOwnInvoice(read, viewer.id, Number(id)) : undefined;
  if (!invoice) notFound();
  const { paid } = await searchParams;
  const isInvoice = invoice.kind === 'invoice';
  const [payments, relations] = await Promise.all([listInvoicePayments(read, invoice.id), getInvoiceRelations(read, invoice)]);
  const walletAvailable = await getWalletSpendable(read, { wallet: viewer.id, currency: invoice.currency });
  const heldForInvoice = await findWalletHold(read, { invoiceId: invoice.id });
  const justPaid = typeof paid === 'string' ? await findOwnPayment(read, viewer.id, paid.slice(0, 40)) : undefined;
  const settings = await getSettings(read);
  const [t, tPay, format] = await Promise.all([getTranslations('invoices.detail'), getTranslations('invoices.pay'), getShopperFormat()]);
  const credited = relations.creditedInvoice;
  const notice = justPaid?.invoiceId === invoice.id && justPaid.state === 'done' ? justPaid : undefined;

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t(isInvoice ? 'title' : 'creditNoteTitle', { number: invoice.number })}>
        <a href={`/my/invoices/${invoice.id}/pdf`} download className={buttonClasses('secondary')}>
          {t('download')}
        </a>
        <Link href="/my/invoices" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>

      {notice ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-green-800">
          {t.rich('paidNotice', {
            amount: format.money(notice.amount, notice.currency),
            reference: notice.reference,
            ref: (chunks) => <span className="font-mono">{chunks}</span>,
          })}
        </p>
      ) : null}

      {credited ? <CreditedInvoiceNote invoice={credited} href={`/my/invoices/${credited.id}`} /> : null}

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">{t('status')}</dt>
          <dd className="mt-1" data-testid="invoice-status">
            <InvoiceStatusBadge status={invoiceStatus(invoice)} />
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">{t('date')}</dt>
          <dd className="mt-1">{format.date(invoice.invoiceDate)}</dd>
        </div>
        {isInvoice ? (
          <>
            <div>
              <dt className="text-xs uppercase tracking-wide text-stone-500">{t('dueDate')}</dt>
              <dd className="mt-1">{format.date(invoice.dueDate)}</dd>
            </div>
            <div>
              <dt className="text-xs uppercase tracking-wide text-stone-500">{t('amountDue')}</dt>
              <dd className="mt-1 text-lg font-semibold" data-testid="amount-due">
                <Money amount={invoice.amountResidual} currency={invoice.currency} />
              </dd>
            </div>
          </>
        ) : (
          <div>
            <dt className="text-xs uppercase tracking-wide text-stone-500">{t('creditTotal')}</dt>
            <dd className="mt-1 text-lg font-semibold" data-testid="credit-total">
              <Money amount={invoice.amountTotal} currency={invoice.currency} />
            </dd>
          </div>
        )}
      </dl>

      <InvoiceLinesTable invoice={invoice} />
      <TaxSummaryTable invoice={invoice} />
      <CreditNotesList creditNotes={relations.creditNotes} hrefFor={(noteId) => `/my/invoices/${noteId}`} />

      {isInvoice ? <InvoicePaymentsTable payments={payments} /> : null}

      {isInvoice && invoice.amountResidual > 0 ? (
        <section aria-labelledby="pay-heading" className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-stone-50 p-5">
          <h2 id="pay-heading" className="text-lg font-medium">
            {t('payNow')}
          </h2>
          {heldForInvoice ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="split-progress">
              {t('splitProgress', {
                held: format.money(heldForInvoice.amount, invoice.currency),
                remaining: format.money(invoice.amountResidual - heldForInvoice.amount, invoice.currency),
              })}
            </p>
          ) : null}
          <PayInvoiceForm
            action={payInvoice}
            invoiceId={invoice.id}
            attemptKey={crypto.randomUUID()}
            choices={payChoices(invoice, walletAvailable, settings, { card: tPay('card'), cardDemo: tPay('cardDemo') })}
          />
        </section>
      ) : null}
    </div>
  );
}
