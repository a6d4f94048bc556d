import { getTranslations } from 'next-intl/server';
import { getShopperFormat } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { renderInvoicePdf, type InvoicePdfLabels } from '@/lib/invoices/pdf';
import { getOwnInvoice, listInvoicePayments, type InvoiceDetail } from '@/lib/invoices/queries';
import { currentViewer } from '../../../../_server/session';

/** The PDF's words and formats in the reader's language (the `pdf` catalogue): lib only lays them out. */
async function pdfLabels(invoice: InvoiceDetail): Promise<InvoicePdfLabels> {
  const [t, tStatus, tOrders, format] = await Promise.all([
    getTranslations('pdf'),
    getTranslations('statuses'),
    getTranslations('orders'),
    getShopperFormat(),
  ]);
  return {
    title: t('title', { number: invoice.number }),
    heading: t('heading'),
    status: tStatus(`invoice.${invoice.paymentState}`),
    billedTo: t('billedTo'),
    invoiceDate: t('invoiceDate'),
    dueDate: t('dueDate'),
    currency: t('currency'),
    description: t('description'),
    quantity: t('quantity'),
    unitPrice: t('unitPrice'),
    amount: t('amount'),
    total: t('total'),
    paid: t('paid'),
    amountDue: t('amountDue'),
    paymentsApplied: t('paymentsApplied'),
    noPayments: t('noPayments'),
    date: t('date'),
    method: t('method'),
    reference: t('reference'),
    paymentMethod: (payment) => tOrders(`provider.${payment.provider}`),
    formatDate: format.date,
    formatMoney: format.money,
  };
}

/** The invoice as a PDF, generated on the server, for its owner only (anyone else gets 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const t = await getTranslations('pdf');
  if (!viewer) return new Response(t('signIn'), { status: 401 });
  const { id } = await params;
  const { read } = getDatabase();
  const invoice = /^\d{1,12}$/.test(id) ? await getOwnInvoice(read, viewer.id, Number(id)) : undefined;
  if (!invoice) return new Response(t('notFound'), { status: 404 });
  const pdf = await renderInvoicePdf({
    invoice,
    payments: await listInvoicePayments(read, invoice.id),
    customer: { name: viewer.name, email: viewer.email },
    labels: await pdfLabels(invoice),
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${invoice.number.replaceAll('/', '-')}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
