import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoiceLines, invoices } from '@/db/schema';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice, createInvoice, type NewInvoice } from './create';
import { InvoiceError } from './errors';
import { runWorkers } from '@/test/helpers/invoice-workers';

const db = getDatabase();

const oneLine = [{ description: 'Espresso beans', quantity: 1, unitPriceMinor: 1000 }];
const inYear = (year: number, month = 5) => new Date(Date.UTC(year, month, 1, 12));
const sequenceOf = (number: string) => Number(number.split('/')[2]);

function invoiceFor(userId: number, invoiceDate: Date) {
  return issueInvoice(db, { userId, currency: 'USD', lines: oneLine, invoiceDate });
}

describe('invoice numbers', () => {
  it('are INV/<year>/<5 digits>, sequential per year, also when years and shoppers interleave', async () => {
    const ana = await insertTestUser(db);
    const ben = await insertTestUser(db);
    const numbers = [];
    for (const [userId, date] of [
      [ana.id, inYear(2031)],
      [ben.id, inYear(2032)],
      [ben.id, inYear(2031)],
      [ana.id, inYear(2032, 11)],
      [ana.id, inYear(2031, 0)],
    ] as const) {
      numbers.push((await invoiceFor(userId, date)).number);
    }
    expect(numbers).toEqual(['INV/2031/00001', 'INV/2032/00001', 'INV/2031/00002', 'INV/2032/00002', 'INV/2031/00003']);
  });

  it('leave no gap when a creation fails or its transaction rolls back', async () => {
    const shopper = await insertTestUser(db);
    const first = await invoiceFor(shopper.id, inYear(2033));
    await expect(invoiceFor(987_654, inYear(2033))).rejects.toThrow(InvoiceError);
    await expect(
      db.write(async (tx) => {
        await createInvoice(tx, { userId: shopper.id, currency: 'USD', lines: oneLine, invoiceDate: inYear(2033) });
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    const second = await invoiceFor(shopper.id, inYear(2033));
    expect([first.number, second.number]).toEqual(['INV/2033/00001', 'INV/2033/00002']);
    expect(await db.read.select().from(invoices).where(eq(invoices.userId, shopper.id))).toHaveLength(2);
  });

  it('stay gapless and unique when several processes create invoices at once', async () => {
    const shopper = await insertTestUser(db);
    const year = new Date().getUTCFullYear();
    const before = (await db.read.select().from(invoices)).filter((invoice) => invoice.number.startsWith(`INV/${year}/`)).length;
    const summaries = await runWorkers(Array.from({ length: 4 }, () => ['create', String(shopper.id), '15']));
    const created = summaries.flatMap((summary) => summary.numbers);
    expect(created).toHaveLength(60);
    const sequence = created.map(sequenceOf).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 60 }, (_, i) => before + i + 1));
    // Each process saw its own numbers in increasing order.
    for (const summary of summaries) {
      const own = summary.numbers.map(sequenceOf);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
  });
});

describe('createInvoice', () => {
  it('computes the lines and the total in exact minor units and leaves it all due', async () => {
    const shopper = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const invoice = await issueInvoice(db, {
      userId: shopper.id,
      currency: 'USD',
      createdBy: staff.id,
      invoiceDate: new Date(Date.UTC(2026, 2, 1)),
      lines: [
        { description: '  Grinder burrs ', quantity: 3, unitPriceMinor: 1999 },
        { description: 'Loyalty discount', quantity: 1, unitPriceMinor: -497 },
      ],
    });
    expect(invoice).toMatchObject({
      userId: shopper.id,
      amountTotal: 5500,
      amountResidual: 5500,
      paymentState: 'not_paid',
      currency: 'USD',
      createdBy: staff.id,
    });
    expect(invoice.dueDate.toISOString()).toBe('2026-03-15T00:00:00.000Z');
    const lines = await db.read.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.id);
    expect(lines.map(({ description, quantity, unitPriceMinor, amount }) => ({ description, quantity, unitPriceMinor, amount }))).toEqual([
      { description: 'Grinder burrs', quantity: 3, unitPriceMinor: 1999, amount: 5997 },
      { description: 'Loyalty discount', quantity: 1, unitPriceMinor: -497, amount: -497 },
    ]);
  });

  const shopperId = async () => (await insertTestUser(db)).id;
  it.each<[string, (userId: number) => NewInvoice]>([
    ['no lines', (userId) => ({ userId, currency: 'USD', lines: [] })],
    ['an empty description', (userId) => ({ userId, currency: 'USD', lines: [{ description: ' ', quantity: 1, unitPriceMinor: 100 }] })],
    ['a zero quantity', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'x', quantity: 0, unitPriceMinor: 100 }] })],
    ['a fractional quantity', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'x', quantity: 1.5, unitPriceMinor: 100 }] })],
    ['a fractional price', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 10.5 }] })],
    ['a zero total', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 0 }] })],
    ['a negative total', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: -100 }] })],
    ['an unknown currency', (userId) => ({ userId, currency: 'XYZ', lines: oneLine })],
    ['net and tax that do not add up to the line', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'Beans', quantity: 1, unitPriceMinor: 1_000, tax: { rateBp: 2_000, net: 833, tax: 166 } }] })],
    ['tax of the other sign than the line', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'Beans', quantity: 1, unitPriceMinor: 1_000, tax: { rateBp: 2_000, net: 1_100, tax: -100 } }] })],
    ['a tax rate above 100 %', (userId) => ({ userId, currency: 'USD', lines: [{ description: 'Beans', quantity: 1, unitPriceMinor: 1_000, tax: { rateBp: 10_001, net: 0, tax: 1_000 } }] })],
    [
      'a due date before the invoice date',
      (userId) => ({ userId, currency: 'USD', lines: oneLine, invoiceDate: new Date(Date.UTC(2026, 5, 10)), dueDate: new Date(Date.UTC(2026, 5, 1)) }),
    ],
  ])('refuses %s and creates nothing', async (_case, build) => {
    const userId = await shopperId();
    await expect(issueInvoice(db, build(userId))).rejects.toThrow(expect.objectContaining({ code: 'INVALID_INVOICE' }));
    expect(await db.read.select().from(invoices).where(eq(invoices.userId, userId))).toHaveLength(0);
  });

  it('keeps each line\'s rate, net and tax, and sums them on the invoice (untaxed lines: rate 0, net = amount)', async () => {
    const userId = await shopperId();
    const invoice = await issueInvoice(db, {
      userId,
      currency: 'USD',
      lines: [
        { description: 'Beans', quantity: 2, unitPriceMinor: 1_200, tax: { rateBp: 2_000, net: 2_000, tax: 400 } },
        { description: 'Courier', quantity: 1, unitPriceMinor: 500, kind: 'shipping', tax: { rateBp: 2_000, net: 417, tax: 83 } },
        { description: 'Discount', quantity: 1, unitPriceMinor: -240, tax: { rateBp: 2_000, net: -200, tax: -40 } },
        { description: 'Service', quantity: 1, unitPriceMinor: 1_000 },
      ],
    });
    expect(invoice).toMatchObject({ kind: 'invoice', amountTotal: 3_660, amountNet: 3_217, amountTax: 443, amountResidual: 3_660 });
    const lines = await db.read.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.id);
    expect(lines.map((line) => [line.kind, line.taxRateBp, line.amountNet, line.amountTax, line.amount])).toEqual([
      ['product', 2_000, 2_000, 400, 2_400],
      ['shipping', 2_000, 417, 83, 500],
      ['product', 2_000, -200, -40, -240],
      ['product', 0, 1_000, 0, 1_000],
    ]);
  });
});
