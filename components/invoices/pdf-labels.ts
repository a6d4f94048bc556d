import 'server-only';
import { getTranslations } from 'next-intl/server';
import { getShopperFormat } from '@/components/wallet/format';
import { pdfLabelsFrom, type InvoicePdfLabels } from '@/lib/invoices/pdf';
import type { InvoiceDetail, RelatedDocument } from '@/lib/invoices/queries';
import { invoiceStatus } from '@/lib/invoices/status';

/** The PDF's words and formats in the reader's language (the `pdf` catalogue): for the shopper's and the staff's PDF routes. */
export async function invoicePdfLabels(invoice: InvoiceDetail, shopTaxNumber: string, creditedInvoice: RelatedDocument | null): Promise<InvoicePdfLabels> {
  const [t, tStatus, tOrders, format] = await Promise.all([
    getTranslations('pdf'),
    getTranslations('invoices.status'),
    getTranslations('orders'),
    getShopperFormat(),
  ]);
  return pdfLabelsFrom((key, values) => t(key, values), invoice, {
    status: tStatus(invoiceStatus(invoice)),
    shopTaxNumber,
    creditedInvoiceNumber: creditedInvoice?.number ?? null,
    paymentMethod: (payment) => tOrders(`provider.${payment.provider}`),
    formatDate: format.date,
    formatMoney: format.money,
  });
}
