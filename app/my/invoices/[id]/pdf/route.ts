import { getTranslations } from 'next-intl/server';
import { invoicePdfLabels } from '@/components/invoices/pdf-labels';
import { getDatabase } from '@/db';
import { renderInvoicePdf } from '@/lib/invoices/pdf';
import { getInvoiceRelations, getOwnInvoice, listInvoicePayments } from '@/lib/invoices/queries';
import { getSettings } from '@/lib/settings';
import { currentViewer } from '../../../../_server/session';

/** The invoice (or credit note) as a PDF, generated on the server, for its owner only (anyone else gets 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const t = await getTranslations('pdf');
  if (!viewer) return new Response(t('signIn'), { status: 401 });
  const { id } = await params;
  const { read } = getDatabase();
  const invoice = /^\d{1,12}$/.test(id) ? await getOwnInvoice(read, viewer.id, Number(id)) : undefined;
  if (!invoice) return new Response(t('notFound'), { status: 404 });
  const [payments, relations, settings] = await Promise.all([listInvoicePayments(read, invoice.id), getInvoiceRelations(read, invoice), getSettings(read)]);
  const pdf = await renderInvoicePdf({
    invoice,
    payments,
    creditNotes: relations.creditNotes,
    customer: { name: viewer.name, email: viewer.email },
    labels: await invoicePdfLabels(invoice, settings.shopTaxNumber, relations.creditedInvoice),
    shop: { name: settings.shopName, address: settings.shopAddress, taxNumber: settings.shopTaxNumber },
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${invoice.number.replaceAll('/', '-')}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
