import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import { PayInvoiceForm, type InvoicePayChoices } from '@/components/invoices/pay-invoice-form';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getShopperFormat } from '@/components/wallet/format';
import { invoicePayOptions } from '@/lib/invoices/pay-options';
import { getOwnInvoice, listInvoicePayments, type InvoiceDetail } from '@/lib/invoices/queries';
import { getBalance } from '@/lib/ledger';
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

const cell = 'px-4 py-2';

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
  const payments = await listInvoicePayments(read, invoice.id);
  const walletAvailable = (await getBalance(read, { wallet: viewer.id, currency: invoice.currency })).available;
  const heldForInvoice = await findWalletHold(read, { invoiceId: invoice.id });
  const justPaid = typeof paid === 'string' ? await findOwnPayment(read, viewer.id, paid.slice(0, 40)) : undefined;
  const settings = await getSettings(read);
  const [t, tPay, tProvider, format] = await Promise.all([
    getTranslations('invoices.detail'),
    getTranslations('invoices.pay'),
    getTranslations('orders.provider'),
    getShopperFormat(),
  ]);
  const notice = justPaid?.invoiceId === invoice.id && justPaid.state === 'done' ? justPaid : undefined;

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title', { number: invoice.number })}>
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

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">{t('status')}</dt>
          <dd className="mt-1" data-testid="invoice-status">
            <InvoiceStatusBadge state={invoice.paymentState} />
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">{t('date')}</dt>
          <dd className="mt-1">{format.date(invoice.invoiceDate)}</dd>
        </div>
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
      </dl>

      <section aria-labelledby="lines-heading" className="flex flex-col gap-2">
        <h2 id="lines-heading" className="text-lg font-medium">
          {t('lines')}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className={cell}>{t('description')}</th>
                <th scope="col" className={`${cell} text-right`}>{t('quantity')}</th>
                <th scope="col" className={`${cell} text-right`}>{t('unitPrice')}</th>
                <th scope="col" className={`${cell} text-right`}>{t('amount')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {invoice.lines.map((line) => (
                <tr key={line.id}>
                  <td className={cell}>{line.description}</td>
                  <td className={`${cell} text-right tabular-nums`}>{line.quantity}</td>
                  <td className={`${cell} text-right`}><Money amount={line.unitPriceMinor} currency={invoice.currency} /></td>
                  <td className={`${cell} text-right`}><Money amount={line.amount} currency={invoice.currency} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-stone-200 font-medium">
              <tr>
                <th scope="row" colSpan={3} className={`${cell} text-right`}>{t('total')}</th>
                <td className={`${cell} text-right`} data-testid="invoice-total"><Money amount={invoice.amountTotal} currency={invoice.currency} /></td>
              </tr>
              <tr>
                <th scope="row" colSpan={3} className={`${cell} text-right`}>{t('amountDue')}</th>
                <td className={`${cell} text-right`}><Money amount={invoice.amountResidual} currency={invoice.currency} /></td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="payments-heading" className="flex flex-col gap-2">
        <h2 id="payments-heading" className="text-lg font-medium">
          {t('paymentsApplied')}
        </h2>
        {payments.length === 0 ? (
          <p className="text-sm text-stone-600">{t('noPayments')}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
                <tr>
                  <th scope="col" className={cell}>{t('date')}</th>
                  <th scope="col" className={cell}>{t('method')}</th>
                  <th scope="col" className={cell}>{t('reference')}</th>
                  <th scope="col" className={`${cell} text-right`}>{t('amount')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {payments.map((payment) => (
                  <tr key={payment.id}>
                    <td className={cell}>{format.date(payment.date)}</td>
                    <td className={cell}>{tProvider(payment.provider)}</td>
                    <td className={`${cell} font-mono`}>{payment.reference}</td>
                    <td className={`${cell} text-right`}><Money amount={payment.amount} currency={payment.currency} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {invoice.amountResidual > 0 ? (
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
