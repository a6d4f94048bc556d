// Invoices: issued per shopper, numbered INV/<year>/<00001>, paid by wallet or card in full or in
// part, never over-paid. Page reads live in ./queries (server-only) and the PDF in ./pdf.
export { createInvoice, issueInvoice, type NewInvoice, type NewInvoiceLine } from './create';
export { seedDemoInvoices } from './demo';
export { InvoiceError, type InvoiceErrorCode } from './errors';
export { createInvoiceForPaidOrder } from './from-order';
export { nextInvoiceNumber } from './numbers';
export { startInvoiceCardPayment, type InvoiceCardStart } from './pay-card';
export { startInvoiceSplitPayment, type InvoiceSplitStart } from './pay-split';
export { invoicePayOptions, type InvoicePayOptions } from './pay-options';
export { payInvoiceFromWallet, type WalletInvoicePayment, type WalletInvoicePaymentOptions } from './pay-wallet';
