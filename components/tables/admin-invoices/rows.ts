import type { InvoiceListRow } from '@/lib/admin/invoices';
import { invoiceStatus } from '@/lib/invoices/status';
import type { AdminInvoiceRow } from './columns';

/** A row of lib/admin/invoices listInvoices as the staff table shows it (the invoices page and a customer's page). */
export function adminInvoiceRow(invoice: InvoiceListRow): AdminInvoiceRow {
  return {
    id: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    customerName: invoice.customerName,
    orderNumber: invoice.orderNumber,
    amountTotal: invoice.amountTotal,
    amountResidual: invoice.amountResidual,
    currency: invoice.currency,
    status: invoiceStatus(invoice),
    invoiceDate: invoice.invoiceDate.toISOString(),
    dueDate: invoice.dueDate.toISOString(),
  };
}
