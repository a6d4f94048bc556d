import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { orders, users } from '@/db/schema';
import { createCreditNote } from '@/lib/invoices/credit-note';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { readCsv } from '@/test/helpers/csv';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';
import { dayRange } from './days';
import { invoiceColumns, invoicesForExport, invoicesToCsv, orderColumns, ordersForExport, ordersToCsv, type InvoicesCsvWords, type OrdersCsvWords } from './exports';

const db = getDatabase();
const timeZone = 'Europe/Istanbul';
const staff = await insertTestUser(db, 'staff');
const shopper = await insertTestUser(db);
await db.write((tx) => tx.update(users).set({ name: 'Işıl "=Kaya"' }).where(eq(users.id, shopper.id)));

const at = (instant: string) => ({ createdAt: new Date(instant) });
// Istanbul is UTC+3: 00:00 on 1 March and 23:59 on 31 March are in March, 00:00 on 1 April is not.
const march = await insertTaxedOrder(db, shopper.id, [
  { name: 'Çaydanlık', quantity: 1, unitPrice: 123_456, rateBp: 2_000 },
  { name: 'Kargo', quantity: 1, unitPrice: 4_990, rateBp: 2_000, kind: 'shipping' },
], { ...at('2026-03-31T20:59:00Z'), currency: 'TRY' });
await insertTaxedOrder(db, shopper.id, [{ name: 'Fincan', quantity: 2, unitPrice: 5_000, rateBp: 1_000 }], { ...at('2026-03-31T21:00:00Z'), currency: 'TRY' });
const first = await insertTaxedOrder(db, shopper.id, [{ name: 'Kahve', quantity: 1, unitPrice: 30_000, rateBp: 1_000 }], { ...at('2026-02-28T21:00:00Z'), currency: 'TRY', state: 'confirmed' });
const marchRange = dayRange('2026-03-01', '2026-03-31', timeZone);

const orderWords = (locale: 'en' | 'tr'): OrdersCsvWords => ({ locale, timeZone, header: (column) => column, status: (code) => `status:${code}`, paymentMethod: (method) => `method:${method}` });
const invoiceWords = (locale: 'en' | 'tr'): InvoicesCsvWords => ({ locale, timeZone, header: (column) => column, kind: (kind) => `kind:${kind}`, status: (status) => `status:${status}` });

describe('the orders export', () => {
  it("lists the orders placed on the shop's days from one to another, oldest first, amounts exact", async () => {
    const rows = await ordersForExport(db.read, marchRange);
    expect(rows.map((row) => row.number)).toEqual([first.order.number, march.order.number]);
    expect(await ordersForExport(db.read, dayRange('2026-03-01', '2026-04-01', timeZone))).toHaveLength(3);
    // By UTC days the first order is on 28 February and the last on 31 March.
    expect((await ordersForExport(db.read, dayRange('2026-03-01', '2026-03-31', 'UTC'))).map((row) => row.number)).not.toContain(first.order.number);

    const csv = readCsv(ordersToCsv(rows, orderWords('tr')), ';');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toEqual([...orderColumns]);
    expect(csv[2]).toEqual(
      [
        march.order.number,
        '2026-03-31 23:59',
        '2026-03-31 23:59',
        'status:paid',
        'method:wallet',
        'Işıl "=Kaya"',
        shopper.email,
        '',
        '1070,38',
        '214,08',
        '49,90',
        '1284,46',
        '0,00',
        'TRY',
      ],
    );
  });

  it('writes English CSV with commas and a decimal point, an unpaid order without a paid time, and a refund in its status', async () => {
    await db.write((tx) => tx.update(orders).set({ amountRefunded: 10_000 }).where(eq(orders.id, march.order.id)));
    const [, unpaid, line] = readCsv(ordersToCsv(await ordersForExport(db.read, marchRange), orderWords('en')), ',');
    expect(line?.slice(8)).toEqual(['1070.38', '214.08', '49.90', '1284.46', '100.00', 'TRY']);
    expect(line?.[3]).toBe('status:partially_refunded');
    expect(unpaid?.slice(0, 4)).toEqual([first.order.number, '2026-03-01 00:00', '', 'status:pending']);
  });
});

describe('the invoices export', () => {
  it('lists invoices and credit notes dated in the range, a credit note negative and naming its invoice', async () => {
    const shopperB = await insertTestUser(db);
    const { order, payment } = await insertTaxedOrder(db, shopperB.id, [{ name: 'Kettle', quantity: 1, unitPrice: 12_000, rateBp: 2_000 }], at('2026-05-10T09:00:00Z'));
    if (!payment) throw new Error('expected a payment');
    const invoice = await db.write((tx) => createInvoiceForPaidOrder(tx, order.id, payment.id));
    await db.write((tx) => tx.update(orders).set({ amountRefunded: 12_000 }).where(eq(orders.id, order.id)));
    const credit = await db.write((tx) =>
      createCreditNote(tx, { invoiceId: invoice.id, amount: 12_000, staffId: staff.id, lineDescription: () => 'Refund', date: new Date('2026-05-12T22:30:00Z') }),
    );
    if (credit.status !== 'issued') throw new Error('expected a credit note');

    const rows = await invoicesForExport(db.read, dayRange('2026-05-10', '2026-05-13', timeZone));
    const csv = readCsv(invoicesToCsv(rows, invoiceWords('en')), ',');
    expect(csv).toEqual([
      [...invoiceColumns],
      [invoice.number, 'kind:invoice', '2026-05-10', '2026-05-10', 'status:refunded', shopperB.name, shopperB.email, order.number, '', '100.00', '20.00', '120.00', '120.00', '0.00', 'USD'],
      [credit.creditNote.number, 'kind:credit_note', '2026-05-13', '', 'status:credit_note', shopperB.name, shopperB.email, '', invoice.number, '-100.00', '-20.00', '-120.00', '', '', 'USD'],
    ]);
    // 22:30 UTC on 12 May is 13 May in Istanbul: a range ending on the 12th leaves the credit note out.
    expect((await invoicesForExport(db.read, dayRange('2026-05-10', '2026-05-12', timeZone))).map((row) => row.number)).toEqual([invoice.number]);
  });
});
