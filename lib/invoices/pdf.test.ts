import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { renderInvoicePdf } from './pdf';
import { getOwnInvoice, listInvoicePayments } from './queries';

const db = getDatabase();

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
    const render = async (invoiceId: number) => {
      const invoice = await getOwnInvoice(db.read, shopper.id, invoiceId);
      if (!invoice) throw new Error('missing invoice');
      return renderInvoicePdf({ invoice, payments: await listInvoicePayments(db.read, invoiceId), customer: shopper });
    };
    const shortPdf = await render(short.id);
    expect(Buffer.from(shortPdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const parsed = await PDFDocument.load(shortPdf);
    expect(parsed.getPageCount()).toBe(1);
    expect(parsed.getTitle()).toBe(`Invoice ${short.number}`);
    expect((await PDFDocument.load(await render(long.id))).getPageCount()).toBeGreaterThan(1);
  });
});
