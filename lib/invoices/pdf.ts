import fs from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { InvoiceDetail, InvoicePaymentRow } from './queries';

/**
 * Every word and formatted value the PDF shows, chosen at the edge in the reader's language
 * (app/my/invoices/[id]/pdf builds it from the `pdf` catalogue): lib lays out, it makes no sentences.
 */
export type InvoicePdfLabels = {
  /** The document title, e.g. "Invoice INV/2025/000001". */
  title: string;
  heading: string;
  status: string;
  billedTo: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  total: string;
  paid: string;
  amountDue: string;
  paymentsApplied: string;
  noPayments: string;
  date: string;
  method: string;
  reference: string;
  /** A payment's provider in words (wallet, stripe, demo, …). */
  paymentMethod: (payment: InvoicePaymentRow) => string;
  formatDate: (date: Date) => string;
  formatMoney: (amount: number, currency: string) => string;
};

export type InvoicePdfInput = {
  invoice: InvoiceDetail;
  payments: InvoicePaymentRow[];
  customer: { name: string; email: string };
  labels: InvoicePdfLabels;
  shopName?: string;
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
  { x: margin, width: contentWidth - 250, align: 'left' },
  { x: margin + contentWidth - 245, width: 45, align: 'right' },
  { x: margin + contentWidth - 195, width: 95, align: 'right' },
  { x: margin + contentWidth - 95, width: 95, align: 'right' },
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

/** The invoice as a PDF document (A4): header, lines, totals, amount due and payments applied. */
export async function renderInvoicePdf({ invoice, payments, customer, labels, shopName = 'Coffer' }: InvoicePdfInput): Promise<Uint8Array> {
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

  out.text(shopName, { size: 20, bold: true });
  out.text(labels.heading, { size: 20, bold: true, color: muted, align: 'right' });
  out.y -= 34;
  out.text(invoice.number, { size: 14, bold: true });
  out.text(labels.status, { size: 12, bold: true, align: 'right' });
  out.y -= 26;

  const facts: [string, string][] = [
    [labels.billedTo, `${customer.name} <${customer.email}>`],
    [labels.invoiceDate, labels.formatDate(invoice.invoiceDate)],
    [labels.dueDate, labels.formatDate(invoice.dueDate)],
    [labels.currency, invoice.currency],
  ];
  for (const [label, value] of facts) {
    out.text(label, { color: muted, width: 90 });
    out.text(value, { x: margin + 95, width: contentWidth - 95 });
    out.y -= 15;
  }
  out.y -= 15;

  out.row([labels.description, labels.quantity, labels.unitPrice, labels.amount], lineColumns, { bold: true, color: muted });
  out.line(10);
  for (const line of invoice.lines) {
    out.row([line.description, String(line.quantity), money(line.unitPriceMinor), money(line.amount)], lineColumns);
  }
  out.line(10);
  out.y -= 4;
  out.row([labels.total, money(invoice.amountTotal)], totalColumns, { bold: true });
  out.row([labels.paid, money(invoice.amountTotal - invoice.amountResidual)], totalColumns);
  out.row([labels.amountDue, money(invoice.amountResidual)], totalColumns, { bold: true });
  out.y -= 20;

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
