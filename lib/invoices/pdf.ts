import fs from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { InvoiceDetail, InvoicePaymentRow, RelatedDocument } from './queries';
import { totalsByRate } from '@/lib/orders/tax';

/**
 * Every word and formatted value the PDF shows, chosen at the edge in the reader's language
 * (app/my/invoices/[id]/pdf builds it from the `pdf` catalogue): lib lays out, it makes no sentences.
 */
export type InvoicePdfLabels = {
  /** The document title, e.g. "Invoice INV/2025/000001" or "Credit note RINV/2026/00001". */
  title: string;
  /** "INVOICE" or "CREDIT NOTE". */
  heading: string;
  status: string;
  /** "Tax number: 1234567890", or empty when the shop has none. */
  shopTaxNumber: string;
  /** On a credit note: "Credits invoice INV/2026/00001"; empty on an invoice. */
  creditsInvoice: string;
  billedTo: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  taxRate: string;
  net: string;
  tax: string;
  gross: string;
  total: string;
  /** "Tax by rate". */
  taxSummary: string;
  /** "Taken back by credit notes" (an invoice's credit notes, and their total). */
  creditNotes: string;
  credited: string;
  number: string;
  paid: string;
  amountDue: string;
  paymentsApplied: string;
  noPayments: string;
  date: string;
  method: string;
  reference: string;
  /** A payment's provider in words (wallet, stripe, demo, …). */
  paymentMethod: (payment: InvoicePaymentRow) => string;
  /** A tax rate in basis points: "20%" / "%20". */
  formatRate: (rateBp: number) => string;
  formatDate: (date: Date) => string;
  formatMoney: (amount: number, currency: string) => string;
};

/** A translator of the `pdf` catalogue (next-intl's t, or a mail's t with 'pdf.' in front). */
export type PdfWords = (key: string, values?: Record<string, string | number>) => string;

/**
 * The labels of one invoice's or credit note's PDF from the `pdf` catalogue's words: the same
 * keys for the PDF routes and the e-mail attachment. `status` is the badge's words
 * (invoices.status.<invoiceStatus>), `paymentMethod` a provider's words.
 */
export function pdfLabelsFrom(
  t: PdfWords,
  invoice: Pick<InvoiceDetail, 'kind' | 'number'>,
  options: {
    status: string;
    shopTaxNumber: string;
    creditedInvoiceNumber: string | null;
    paymentMethod: InvoicePdfLabels['paymentMethod'];
    formatDate: InvoicePdfLabels['formatDate'];
    formatMoney: InvoicePdfLabels['formatMoney'];
  },
): InvoicePdfLabels {
  const isInvoice = invoice.kind === 'invoice';
  const taxNumber = options.shopTaxNumber.trim();
  return {
    title: t(isInvoice ? 'title' : 'creditNoteTitle', { number: invoice.number }),
    heading: t(isInvoice ? 'heading' : 'creditNoteHeading'),
    status: options.status,
    shopTaxNumber: taxNumber ? t('shopTaxNumber', { number: taxNumber }) : '',
    creditsInvoice: options.creditedInvoiceNumber ? t('creditsInvoice', { number: options.creditedInvoiceNumber }) : '',
    billedTo: t('billedTo'),
    invoiceDate: t(isInvoice ? 'invoiceDate' : 'creditNoteDate'),
    dueDate: t('dueDate'),
    currency: t('currency'),
    description: t('description'),
    quantity: t('quantity'),
    unitPrice: t('unitPrice'),
    amount: t('amount'),
    taxRate: t('taxRate'),
    net: t('net'),
    tax: t('tax'),
    gross: t('gross'),
    total: t(isInvoice ? 'total' : 'creditTotal'),
    taxSummary: t('taxSummary'),
    creditNotes: t('creditNotes'),
    credited: t('credited'),
    number: t('number'),
    paid: t('paid'),
    amountDue: t('amountDue'),
    paymentsApplied: t('paymentsApplied'),
    noPayments: t('noPayments'),
    date: t('date'),
    method: t('method'),
    reference: t('reference'),
    paymentMethod: options.paymentMethod,
    formatRate: (rateBp) => t('rate', { rate: rateBp / 100 }),
    formatDate: options.formatDate,
    formatMoney: options.formatMoney,
  };
}

/** Who issues the invoice, from Settings (shopName, shopAddress, shopTaxNumber). */
export type InvoicePdfShop = { name: string; address: string; taxNumber: string };

export type InvoicePdfInput = {
  invoice: InvoiceDetail;
  payments: InvoicePaymentRow[];
  /** An invoice's credit notes (none for a credit note). */
  creditNotes?: RelatedDocument[];
  customer: { name: string; email: string };
  labels: InvoicePdfLabels;
  shop?: InvoicePdfShop;
};

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 50;
const ink = rgb(0.11, 0.1, 0.09);
const muted = rgb(0.42, 0.4, 0.38);
const rule = rgb(0.85, 0.83, 0.81);

// DejaVu Sans (the dejavu-fonts-ttf package) covers Latin Extended, so Turkish ş, ğ, ı, İ print;
// it is read from node_modules at the project root (next.config traces it into the PDF route).
const fontFolder = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
let fontFiles: Promise<[Uint8Array, Uint8Array]> | undefined;

function dejaVuSans(): Promise<[Uint8Array, Uint8Array]> {
  fontFiles ??= Promise.all([
    fs.readFile(path.join(fontFolder, 'DejaVuSans.ttf')),
    fs.readFile(path.join(fontFolder, 'DejaVuSans-Bold.ttf')),
  ]).catch((error: unknown) => {
    fontFiles = undefined;
    throw error;
  });
  return fontFiles;
}

// A character the font lacks (an emoji, CJK) is shown as "?" rather than an empty box.
function printable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return Array.from(text, (char) => (known.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
}

function fitted(font: PDFFont, text: string, size: number, width: number): string {
  let result = printable(font, text);
  if (font.widthOfTextAtSize(result, size) <= width) return result;
  while (result.length > 1 && font.widthOfTextAtSize(`${result}...`, size) > width) result = result.slice(0, -1);
  return `${result}...`;
}

type Column = { x: number; width: number; align: 'left' | 'right' };

/** Writes pages top to bottom, starting a new page when one is full. */
class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private readonly document: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = document.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  room(height: number): void {
    if (this.y - height >= margin) return;
    this.page = this.document.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  text(text: string, options: { x?: number; size?: number; bold?: boolean; color?: typeof ink; width?: number; align?: 'left' | 'right' } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const width = options.width ?? pageSize[0] - 2 * margin;
    const shown = fitted(font, text, size, width);
    const x = options.x ?? margin;
    const left = options.align === 'right' ? x + width - font.widthOfTextAtSize(shown, size) : x;
    this.page.drawText(shown, { x: left, y: this.y, size, font, color: options.color ?? ink });
  }

  line(gap = 6): void {
    this.page.drawLine({
      start: { x: margin, y: this.y + gap },
      end: { x: pageSize[0] - margin, y: this.y + gap },
      thickness: 0.5,
      color: rule,
    });
  }

  row(cells: string[], columns: Column[], options: { bold?: boolean; color?: typeof ink } = {}): void {
    this.room(16);
    cells.forEach((cell, index) => {
      const column = columns[index];
      if (column) this.text(cell, { x: column.x, width: column.width, align: column.align, bold: options.bold, color: options.color });
    });
    this.y -= 16;
  }
}

const contentWidth = pageSize[0] - 2 * margin;
const lineColumns: Column[] = [
  { x: margin, width: contentWidth - 300, align: 'left' },
  { x: margin + contentWidth - 295, width: 40, align: 'right' },
  { x: margin + contentWidth - 250, width: 95, align: 'right' },
  { x: margin + contentWidth - 150, width: 50, align: 'right' },
  { x: margin + contentWidth - 95, width: 95, align: 'right' },
];
const taxColumns: Column[] = [
  { x: margin, width: 100, align: 'left' },
  { x: margin + contentWidth - 300, width: 95, align: 'right' },
  { x: margin + contentWidth - 200, width: 95, align: 'right' },
  { x: margin + contentWidth - 100, width: 100, align: 'right' },
];
const creditNoteColumns: Column[] = [
  { x: margin, width: 150, align: 'left' },
  { x: margin + 155, width: 150, align: 'left' },
  { x: margin + contentWidth - 130, width: 130, align: 'right' },
];
const paymentColumns: Column[] = [
  { x: margin, width: 100, align: 'left' },
  { x: margin + 105, width: 120, align: 'left' },
  { x: margin + 230, width: 130, align: 'left' },
  { x: margin + contentWidth - 130, width: 130, align: 'right' },
];
const totalColumns: Column[] = [
  { x: margin + contentWidth - 300, width: 195, align: 'right' },
  { x: margin + contentWidth - 100, width: 100, align: 'right' },
];

/**
 * The invoice (or credit note) as a PDF document (A4): the shop's name, address and tax number,
 * the lines with their tax rates, net, tax and total, tax by rate, and for an invoice its credit
 * notes, amount due and payments applied.
 */
export async function renderInvoicePdf({ invoice, payments, creditNotes = [], customer, labels, shop }: InvoicePdfInput): Promise<Uint8Array> {
  const shopName = shop?.name.trim() || 'Coffer';
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  document.setTitle(labels.title);
  document.setAuthor(shopName);
  document.setCreator(shopName);
  document.setProducer(shopName);
  document.setCreationDate(invoice.invoiceDate);
  const [regularFile, boldFile] = await dejaVuSans();
  // Subset: only the glyphs this invoice uses are embedded (tens of KB instead of 700).
  const regular = await document.embedFont(regularFile, { subset: true });
  const bold = await document.embedFont(boldFile, { subset: true });
  const out = new Writer(document, regular, bold);
  const money = (amount: number) => labels.formatMoney(amount, invoice.currency);
  const isInvoice = invoice.kind === 'invoice';

  out.text(shopName, { size: 20, bold: true, width: contentWidth - 200 });
  out.text(labels.heading, { size: 20, bold: true, color: muted, align: 'right' });
  out.y -= 16;
  const shopLines = (shop?.address ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (labels.shopTaxNumber) shopLines.push(labels.shopTaxNumber);
  for (const line of shopLines) {
    out.text(line, { size: 9, color: muted, width: contentWidth - 200 });
    out.y -= 12;
  }
  out.y -= 18;
  out.text(invoice.number, { size: 14, bold: true });
  out.text(labels.status, { size: 12, bold: true, align: 'right' });
  out.y -= 26;

  const facts: [string, string][] = [
    [labels.billedTo, `${customer.name} <${customer.email}>`],
    [labels.invoiceDate, labels.formatDate(invoice.invoiceDate)],
    ...(isInvoice ? ([[labels.dueDate, labels.formatDate(invoice.dueDate)]] as [string, string][]) : []),
    [labels.currency, invoice.currency],
  ];
  for (const [label, value] of facts) {
    out.text(label, { color: muted, width: 90 });
    out.text(value, { x: margin + 95, width: contentWidth - 95 });
    out.y -= 15;
  }
  if (labels.creditsInvoice) {
    out.text(labels.creditsInvoice, { bold: true });
    out.y -= 15;
  }
  out.y -= 15;

  out.row([labels.description, labels.quantity, labels.unitPrice, labels.taxRate, labels.amount], lineColumns, { bold: true, color: muted });
  out.line(10);
  for (const line of invoice.lines) {
    out.row([line.description, String(line.quantity), money(line.unitPriceMinor), labels.formatRate(line.taxRateBp), money(line.amount)], lineColumns);
  }
  out.line(10);
  out.y -= 4;
  out.row([labels.net, money(invoice.amountNet)], totalColumns);
  out.row([labels.tax, money(invoice.amountTax)], totalColumns);
  out.row([labels.total, money(invoice.amountTotal)], totalColumns, { bold: true });
  if (isInvoice) {
    if (invoice.amountCredited > 0) out.row([labels.credited, money(invoice.amountCredited)], totalColumns);
    // What the payments below brought (a credit note may also have lowered the amount due).
    out.row([labels.paid, money(payments.reduce((sum, payment) => sum + payment.amount, 0))], totalColumns);
    out.row([labels.amountDue, money(invoice.amountResidual)], totalColumns, { bold: true });
  }
  out.y -= 20;

  // Net, tax and gross per rate: sums of the lines' stored amounts.
  out.room(60);
  out.text(labels.taxSummary, { size: 12, bold: true });
  out.y -= 20;
  out.row([labels.taxRate, labels.net, labels.tax, labels.gross], taxColumns, { bold: true, color: muted });
  out.line(10);
  for (const group of totalsByRate(invoice.lines)) {
    out.row([labels.formatRate(group.taxRateBp), money(group.net), money(group.tax), money(group.gross)], taxColumns);
  }
  out.y -= 20;

  if (creditNotes.length > 0) {
    out.room(60);
    out.text(labels.creditNotes, { size: 12, bold: true });
    out.y -= 20;
    out.row([labels.number, labels.date, labels.amount], creditNoteColumns, { bold: true, color: muted });
    out.line(10);
    for (const note of creditNotes) out.row([note.number, labels.formatDate(note.invoiceDate), money(note.amountTotal)], creditNoteColumns);
    out.y -= 20;
  }

  if (!isInvoice) return document.save();
  out.room(60);
  out.text(labels.paymentsApplied, { size: 12, bold: true });
  out.y -= 20;
  if (payments.length === 0) {
    out.text(labels.noPayments, { color: muted });
    out.y -= 16;
  } else {
    out.row([labels.date, labels.method, labels.reference, labels.amount], paymentColumns, { bold: true, color: muted });
    out.line(10);
    for (const payment of payments) {
      out.row([labels.formatDate(payment.date), labels.paymentMethod(payment), payment.reference, money(payment.amount)], paymentColumns);
    }
  }
  return document.save();
}
