import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { and, eq } from 'drizzle-orm';
import { auditLog, invoiceLines, invoices, orders } from '@/db/schema';
import { updateSettings } from '@/lib/settings';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';
import { createStaffInvoice, getStaffInvoice, issueCreditNote, listInvoices, readInvoiceLines } from './invoices';

const db = getDatabase();

const lines = [
  { description: 'Gift wrapping', quantity: 2, unitPriceMinor: 350 },
  { description: 'Engraving', quantity: 1, unitPriceMinor: 1_200 },
];

describe('createStaffInvoice', () => {
  it('issues an invoice to a customer by email, once per attempt, and lists it', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const attemptKey = crypto.randomUUID();
    const input = { customerEmail: customer.email.toUpperCase(), lines, currency: 'USD', dueInDays: 14, staffId: staff.id, attemptKey };
    const first = await createStaffInvoice(db, input);
    expect(first).toMatchObject({ status: 'created', replayed: false, invoice: { number: expect.stringMatching(/^INV\/\d{4}\/\d{5}$/) } });
    const again = await createStaffInvoice(db, input);
    expect(again).toEqual({ ...first, replayed: true });

    const listed = await listInvoices(db.read, { q: customer.email });
    expect(listed.totalRows).toBe(1);
    const [row] = listed.rows;
    expect(row).toMatchObject({ customerId: customer.id, amountTotal: 1_900, amountResidual: 1_900, paymentState: 'not_paid' });
    expect(row && row.dueDate.getTime() - row.invoiceDate.getTime()).toBe(14 * 86_400_000);
  });

  it('refuses unknown customers, staff and bad lines', async () => {
    const staff = await insertTestUser(db, 'staff');
    const base = { lines, currency: 'USD', dueInDays: 0, staffId: staff.id, attemptKey: crypto.randomUUID() };
    expect((await createStaffInvoice(db, { ...base, customerEmail: 'nobody@example.com' })).status).toBe('customer_not_found');
    expect((await createStaffInvoice(db, { ...base, customerEmail: staff.email })).status).toBe('customer_not_found');
    const customer = await insertTestUser(db);
    expect(await createStaffInvoice(db, { ...base, customerEmail: customer.email, lines: [] })).toMatchObject({ status: 'invalid' });
    expect((await listInvoices(db.read, { q: customer.email })).totalRows).toBe(0);
  });
});

describe('readInvoiceLines', () => {
  it('reads filled lines exactly and skips blank ones', async () => {
    const read = readInvoiceLines(
      {
        'lines.0.description': 'Gift wrapping',
        'lines.0.quantity': '2',
        'lines.0.unitPrice': '3.50',
        'lines.1.description': '',
        'lines.1.quantity': '',
        'lines.1.unitPrice': '',
        'lines.2.description': 'Free sample',
        'lines.2.quantity': '1',
        'lines.2.unitPrice': '0',
      },
      'USD',
    );
    expect(read).toEqual({
      ok: true,
      lines: [
        { description: 'Gift wrapping', quantity: 2, unitPriceMinor: 350 },
        { description: 'Free sample', quantity: 1, unitPriceMinor: 0 },
      ],
    });
  });

  it('keys errors by field and asks for at least one line', async () => {
    expect(readInvoiceLines({ 'lines.0.description': 'X', 'lines.0.quantity': '0', 'lines.0.unitPrice': '1.001' }, 'USD')).toEqual({
      ok: false,
      fieldErrors: { 'lines.0.quantity': ['validation.quantityTooSmall'] },
    });
    expect(readInvoiceLines({ 'lines.1.description': 'X', 'lines.1.quantity': '1', 'lines.1.unitPrice': '1.001' }, 'USD')).toEqual({
      ok: false,
      fieldErrors: { 'lines.1.unitPrice': ['AMOUNT_TOO_MANY_DECIMALS {"decimals":2,"currency":"USD"}'] },
    });
    expect(readInvoiceLines({}, 'USD')).toEqual({ ok: false, fieldErrors: { 'lines.0.description': ['validation.addLine'] } });
  });
});

describe('issueCreditNote', () => {
  it('issues one credit note per attempt, audited with the reason, and shows it on the staff invoice', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const { order, payment } = await insertTaxedOrder(db, customer.id, [{ name: 'Grinder', quantity: 1, unitPrice: 60_000, rateBp: 2_000 }]);
    if (!payment) throw new Error('expected a payment');
    const invoice = await db.write((tx) => createInvoiceForPaidOrder(tx, order.id, payment.id));
    await db.write((tx) => tx.update(orders).set({ amountRefunded: 15_000 }).where(eq(orders.id, order.id)));
    expect((await getStaffInvoice(db.read, invoice.id))?.creditable).toBe(15_000);

    const attemptKey = crypto.randomUUID();
    const input = { invoiceId: invoice.id, amount: 15_000, reason: 'Returned damaged', staffId: staff.id, attemptKey, lineDescription: () => 'Refund' };
    const outcomes = await Promise.all([issueCreditNote(db, input), issueCreditNote(db, input)]);
    const again = await issueCreditNote(db, input);
    const issued = outcomes.find((outcome) => outcome.status === 'issued' && !outcome.replayed);
    expect(issued).toMatchObject({ status: 'issued', creditNote: { number: expect.stringMatching(/^RINV\/\d{4}\/\d{5}$/), amountTotal: 15_000, currency: 'USD' } });
    expect(again).toEqual({ ...issued, replayed: true });
    const notes = await db.read.select().from(invoices).where(and(eq(invoices.creditedInvoiceId, invoice.id), eq(invoices.kind, 'credit_note')));
    expect(notes).toHaveLength(1);
    const audit = await db.read.select().from(auditLog).where(and(eq(auditLog.action, 'invoice.credit_note'), eq(auditLog.attemptKey, attemptKey)));
    expect(audit).toEqual([expect.objectContaining({ actorId: staff.id, subjectUserId: customer.id, amount: 15_000, currency: 'USD', reason: 'Returned damaged' })]);

    const detail = await getStaffInvoice(db.read, invoice.id);
    expect(detail).toMatchObject({ creditable: 0, order: { number: order.number }, customer: { id: customer.id }, invoice: { amountCredited: 15_000 } });
    expect(detail?.creditNotes.map((note) => note.number)).toEqual(notes.map((note) => note.number));
    const listed = await listInvoices(db.read, { customerId: customer.id });
    expect(listed.rows.map((row) => row.kind)).toEqual(['credit_note', 'invoice']);
    expect(await issueCreditNote(db, { ...input, attemptKey: crypto.randomUUID() })).toEqual({ status: 'exceeds_creditable', creditable: 0, currency: 'USD' });
  });
});

describe('staff invoices and tax', () => {
  it("tax each typed (gross) line at the shop's default rate, a discount too; at 0 % a line is all net", async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const issue = async () => {
      const result = await createStaffInvoice(db, {
        customerEmail: customer.email,
        lines: [
          { description: 'Barista course', quantity: 2, unitPriceMinor: 6_000 },
          { description: 'Loyalty discount', quantity: 1, unitPriceMinor: -1_001 },
        ],
        currency: 'USD',
        dueInDays: 7,
        staffId: staff.id,
        attemptKey: crypto.randomUUID(),
      });
      if (result.status !== 'created') throw new Error(`expected an invoice, got ${result.status}`);
      const [invoice] = await db.read.select().from(invoices).where(eq(invoices.id, result.invoice.id));
      const lines = await db.read.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, result.invoice.id)).orderBy(invoiceLines.id);
      return { invoice, lines: lines.map((line) => [line.amount, line.taxRateBp, line.amountNet, line.amountTax]) };
    };
    await db.write((tx) => updateSettings(tx, { defaultTaxRateBp: 2_000 }));
    try {
      const taxed = await issue();
      // 12 000 gross at 20 %: tax 2 000; −1 001: tax −166.83 rounds half away from zero to −167.
      expect(taxed.lines).toEqual([
        [12_000, 2_000, 10_000, 2_000],
        [-1_001, 2_000, -834, -167],
      ]);
      expect(taxed.invoice).toMatchObject({ amountTotal: 10_999, amountNet: 9_166, amountTax: 1_833 });
    } finally {
      await db.write((tx) => updateSettings(tx, { defaultTaxRateBp: 0 }));
    }
    expect((await issue()).lines).toEqual([
      [12_000, 0, 12_000, 0],
      [-1_001, 0, -1_001, 0],
    ]);
  });
});
