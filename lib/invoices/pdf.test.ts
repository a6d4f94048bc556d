import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { formatMoney } from '@/lib/money';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { pdfLabelsFrom, renderInvoicePdf, type InvoicePdfLabels } from './pdf';
import { createCreditNote } from './credit-note';
import { getInvoiceRelations, getOwnInvoice, listInvoicePayments } from './queries';

const db = getDatabase();

/** A translator of the real `pdf` catalogue of a language. */
function pdfWords(locale: 'en' | 'tr') {
  const file = path.resolve(import.meta.dirname, '..', '..', 'messages', locale, 'pdf.json');
  return createTranslator({ locale, messages: { pdf: JSON.parse(fs.readFileSync(file, 'utf8')) }, namespace: 'pdf' });
}

/** The labels the PDF routes build (pdfLabelsFrom over the real `pdf` catalogue of a language). */
function labelsFor(
  locale: 'en' | 'tr',
  invoice: { kind: 'invoice' | 'credit_note'; number: string },
  options: { shopTaxNumber?: string; creditedInvoiceNumber?: string } = {},
): InvoicePdfLabels {
  const t = pdfWords(locale);
  const intl = locale === 'tr' ? 'tr-TR' : 'en-US';
  const dates = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
  return pdfLabelsFrom((key, values) => t(key, values), invoice, {
    status: locale === 'tr' ? 'Ödenmedi' : 'Not Paid',
    shopTaxNumber: options.shopTaxNumber ?? '',
    creditedInvoiceNumber: options.creditedInvoiceNumber ?? null,
    paymentMethod: (payment) => payment.provider,
    formatDate: (date) => dates.format(date),
    formatMoney: (amount, currency) => formatMoney(amount, currency, intl),
  });
}

function resolve(document: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? document.context.lookup(object) : object;
}

function streamText(document: PDFDocument, object: PDFObject | undefined): string {
  const stream = resolve(document, object);
  if (!(stream instanceof PDFRawStream)) throw new Error('not a stream');
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/** A Type0 font's ToUnicode CMap: glyph code (hex) → the text it stands for. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const units = (unicode ?? '').match(/.{4}/g)?.map((unit) => Number.parseInt(unit, 16)) ?? [];
      map.set((code ?? '').toUpperCase(), String.fromCharCode(...units));
    }
  }
  return map;
}

/**
 * The text a PDF shows, as a reader extracts it: each page's content streams are inflated, every
 * hex string drawn (Tj) is split into 2-byte glyph codes, and those are mapped through the
 * ToUnicode CMap of the font selected at that point (Tf). Pure JS, so no poppler is needed.
 */
function extractText(document: PDFDocument): string {
  const shown: string[] = [];
  for (const page of document.getPages()) {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const cmaps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = resolve(document, ref);
      if (font instanceof PDFDict) cmaps.set(name.asString(), toUnicode(streamText(document, font.get(PDFName.of('ToUnicode')))));
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
    let current = new Map<string, string>();
    for (const content of streams) {
      for (const [, font, hex] of streamText(document, content).matchAll(/(\/\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (font) current = cmaps.get(font) ?? new Map();
        else shown.push((hex?.toUpperCase().match(/.{4}/g) ?? []).map((code) => current.get(code) ?? '\uFFFD').join(''));
      }
    }
  }
  return shown.join('\n');
}

describe('renderInvoicePdf', () => {
  it('produces a real PDF, one page for a short invoice and more for a long one', async () => {
    const shopper = await insertTestUser(db);
    const short = await issueInvoice(db, {
      userId: shopper.id,
      currency: 'USD',
      lines: [{ description: 'Café crème — 東京 blend ☕', quantity: 2, unitPriceMinor: 1_250 }],
    });
    const long = await issueInvoice(db, {
      userId: shopper.id,
      currency: 'USD',
      lines: Array.from({ length: 80 }, (_, i) => ({ description: `Line ${i + 1}`, quantity: 1, unitPriceMinor: 100 })),
    });
    const render = async (invoiceId: number, number: string) => {
      const invoice = await getOwnInvoice(db.read, shopper.id, invoiceId);
      if (!invoice) throw new Error('missing invoice');
      const payments = await listInvoicePayments(db.read, invoiceId);
      return renderInvoicePdf({ invoice, payments, customer: shopper, labels: labelsFor('en', { kind: 'invoice', number }) });
    };
    const shortPdf = await render(short.id, short.number);
    expect(Buffer.from(shortPdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const parsed = await PDFDocument.load(shortPdf);
    expect(parsed.getPageCount()).toBe(1);
    expect(parsed.getTitle()).toBe(`Invoice ${short.number}`);
    const text = extractText(parsed);
    expect(text).toContain('INVOICE');
    expect(text).toContain('Café crème — ?? blend ☕'); // DejaVu has no CJK glyphs: those print as "?"
    expect((await PDFDocument.load(await render(long.id, long.number))).getPageCount()).toBeGreaterThan(1);
  });

  it('prints Turkish letters for a Turkish customer (ş, ğ, ı, İ in the extracted text, not "?")', async () => {
    const shopper = await insertTestUser(db);
    const customer = { name: 'Ayşe Yılmaz Doğan', email: shopper.email };
    const created = await issueInvoice(db, {
      userId: shopper.id,
      currency: 'TRY',
      lines: [{ description: 'Kışlık ağır İpek şal', quantity: 1, unitPriceMinor: 123_450 }],
    });
    const invoice = await getOwnInvoice(db.read, shopper.id, created.id);
    if (!invoice) throw new Error('missing invoice');
    const pdf = await renderInvoicePdf({ invoice, payments: [], customer, labels: labelsFor('tr', created) });

    const document = await PDFDocument.load(pdf);
    expect(document.getTitle()).toBe(`Fatura ${created.number}`);
    const text = extractText(document);
    for (const letter of ['ş', 'ğ', 'ı', 'İ']) expect(text).toContain(letter);
    expect(text).toContain('Ayşe Yılmaz Doğan');
    expect(text).toContain('Kışlık ağır İpek şal');
    expect(text).toContain('Açıklama');
    expect(text).toContain('Henüz ödeme yapılmadı.');
    expect(text).toContain('₺1.234,50');
    expect(text).not.toContain('\uFFFD');
    expect(text).not.toContain('?');
  });

  it("prints the shop's name, address and tax number, each line's rate, and net, tax and gross per rate (Turkish)", async () => {
    const shopper = await insertTestUser(db);
    const created = await issueInvoice(db, {
      userId: shopper.id,
      currency: 'TRY',
      lines: [
        { description: 'Çaydanlık', quantity: 2, unitPriceMinor: 60_000, tax: { rateBp: 2_000, net: 100_000, tax: 20_000 } },
        { description: 'Kitap', quantity: 1, unitPriceMinor: 11_000, tax: { rateBp: 1_000, net: 10_000, tax: 1_000 } },
        { description: 'Kargo', quantity: 1, unitPriceMinor: 4_850, kind: 'shipping', tax: { rateBp: 2_000, net: 4_042, tax: 808 } },
      ],
    });
    const invoice = await getOwnInvoice(db.read, shopper.id, created.id);
    if (!invoice) throw new Error('missing invoice');
    const pdf = await renderInvoicePdf({
      invoice,
      payments: [],
      customer: shopper,
      labels: labelsFor('tr', created, { shopTaxNumber: '1234567890' }),
      shop: { name: 'Kahve Dükkânı Ltd. Şti.', address: 'Moda Cad. 12\nKadıköy İstanbul', taxNumber: '1234567890' },
    });
    const text = extractText(await PDFDocument.load(pdf));
    for (const shown of ['Kahve Dükkânı Ltd. Şti.', 'Moda Cad. 12', 'Kadıköy İstanbul', 'Vergi no: 1234567890', 'Oranlara göre KDV', 'Brüt']) {
      expect(text).toContain(shown);
    }
    // Each line's rate, then one row per rate: net, tax and gross summed from the lines as stored.
    expect(text).toMatch(/Çaydanlık\n2\n₺600,00\n%20\n₺1.200,00/);
    expect(text).toMatch(/%10\n₺100,00\n₺10,00\n₺110,00/);
    expect(text).toMatch(/%20\n₺1.040,42\n₺208,08\n₺1.248,50/);
    expect(text).toMatch(/Net\n₺1.140,42\nKDV\n₺218,08\nToplam\n₺1.358,50/);
    expect(text).not.toContain('\uFFFD');
  });

  it('titles a credit note "Credit note", names the invoice it credits, and lists credit notes on the invoice', async () => {
    const shopper = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const created = await issueInvoice(db, { userId: shopper.id, currency: 'USD', lines: [{ description: 'Workshop', quantity: 1, unitPriceMinor: 9_000 }] });
    const outcome = await db.write((tx) => createCreditNote(tx, { invoiceId: created.id, amount: 2_500, staffId: staff.id, lineDescription: (credited) => `Refund on invoice ${credited.number}` }));
    if (outcome.status !== 'issued') throw new Error('expected a credit note');
    const note = await getOwnInvoice(db.read, shopper.id, outcome.creditNote.id);
    const invoice = await getOwnInvoice(db.read, shopper.id, created.id);
    if (!note || !invoice) throw new Error('missing documents');
    const notePdf = await PDFDocument.load(
      await renderInvoicePdf({ invoice: note, payments: [], customer: shopper, labels: labelsFor('en', note, { creditedInvoiceNumber: created.number }) }),
    );
    expect(notePdf.getTitle()).toBe(`Credit note ${note.number}`);
    const noteText = extractText(notePdf);
    expect(noteText).toContain('CREDIT NOTE');
    expect(noteText).toContain(`Credits invoice ${created.number}`);
    expect(noteText).toContain(`Refund on invoice ${created.number}`);
    expect(noteText).toMatch(/Total credited\n\$25\.00/);
    expect(noteText).not.toContain(pdfWords('en')('paymentsApplied'));

    const { creditNotes } = await getInvoiceRelations(db.read, invoice);
    const invoiceText = extractText(await PDFDocument.load(await renderInvoicePdf({ invoice, payments: [], creditNotes, customer: shopper, labels: labelsFor('en', invoice) })));
    expect(invoiceText).toMatch(/Credited\n\$25\.00\nPaid\n\$0\.00\nAmount due\n\$65\.00/);
    expect(invoiceText).toContain(note.number);
  });
});
