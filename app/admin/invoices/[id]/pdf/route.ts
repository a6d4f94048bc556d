import { getTranslations } from 'next-intl/server';
import { invoicePdfLabels } from '@/components/invoices/pdf-labels';
import { getDatabase } from '@/db';
import { getStaffInvoice } from '@/lib/admin/invoices';
import { renderInvoicePdf } from '@/lib/invoices/pdf';
import { getSettings } from '@/lib/settings';
import { currentViewer } from '../../../../_server/session';

/** Any invoice or credit note as a PDF, for staff (a shopper gets 403; their own copy is at /my/invoices/<id>/pdf). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  const t = await getTranslations('pdf');
  if (!viewer) return new Response(t('signIn'), { status: 401 });
  if (viewer.role !== 'staff') return new Response(t('staffOnly'), { status: 403 });
  const { id } = await params;
  const { read } = getDatabase();
  const detail = /^\d{1,12}$/.test(id) ? await getStaffInvoice(read, Number(id)) : undefined;
  if (!detail) return new Response(t('notFound'), { status: 404 });
  const settings = await getSettings(read);
  const pdf = await renderInvoicePdf({
    invoice: detail.invoice,
    payments: detail.payments,
    creditNotes: detail.creditNotes,
    customer: { name: detail.customer.name, email: detail.customer.email },
    labels: await invoicePdfLabels(detail.invoice, settings.shopTaxNumber, detail.creditedInvoice),
    shop: { name: settings.shopName, address: settings.shopAddress, taxNumber: settings.shopTaxNumber },
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${detail.invoice.number.replaceAll('/', '-')}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
