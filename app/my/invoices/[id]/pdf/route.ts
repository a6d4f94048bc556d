import { getDatabase } from '@/db';
import { renderInvoicePdf } from '@/lib/invoices/pdf';
import { getOwnInvoice, listInvoicePayments } from '@/lib/invoices/queries';
import { currentViewer } from '../../../../_server/session';

/** The invoice as a PDF, generated on the server, for its owner only (anyone else gets 404). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await currentViewer();
  if (!viewer) return new Response('Please sign in.', { status: 401 });
  const { id } = await params;
  const { read } = getDatabase();
  const invoice = /^\d{1,12}$/.test(id) ? await getOwnInvoice(read, viewer.id, Number(id)) : undefined;
  if (!invoice) return new Response('Not found.', { status: 404 });
  const pdf = await renderInvoicePdf({
    invoice,
    payments: await listInvoicePayments(read, invoice.id),
    customer: { name: viewer.name, email: viewer.email },
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${invoice.number.replaceAll('/', '-')}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
