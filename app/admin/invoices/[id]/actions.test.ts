import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, invoiceLines, invoices, orders } from '@/db/schema';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('../../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { issueCreditNoteAction } = await import('./actions');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const customer = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

async function refundedInvoice(refunded: number) {
  const { order, payment } = await insertTaxedOrder(db, customer.id, [{ name: 'Kettle', quantity: 1, unitPrice: 8_000, rateBp: 2_000 }]);
  if (!payment) throw new Error('expected a payment');
  const invoice = await db.write((tx) => createInvoiceForPaidOrder(tx, order.id, payment.id));
  await db.write((tx) => tx.update(orders).set({ amountRefunded: refunded }).where(eq(orders.id, order.id)));
  return invoice;
}

const creditNotesOf = (invoiceId: number) =>
  db.read.select().from(invoices).where(and(eq(invoices.creditedInvoiceId, invoiceId), eq(invoices.kind, 'credit_note')));

describe('issueCreditNoteAction', () => {
  it('answers a shopper (even the invoice\'s own) with 403 and issues nothing', async () => {
    const invoice = await refundedInvoice(8_000);
    fakeRequest.viewer = { ...customer, role: 'customer' };
    await expect(issueCreditNoteAction(idle, form({ invoiceId: invoice.id, amount: '80.00', reason: 'Mine', attemptKey: crypto.randomUUID() }))).rejects.toThrow('403');
    fakeRequest.viewer = null;
    expect(await issueCreditNoteAction(idle, form({ invoiceId: invoice.id, amount: '80.00', reason: 'x', attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error' });
    expect(await creditNotesOf(invoice.id)).toEqual([]);
  });

  it('lets staff issue a credit note of the refunded amount once per attempt, worded, with field errors beside the amount', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const invoice = await refundedInvoice(3_000);
    const base = { invoiceId: invoice.id, reason: 'Dented lid', attemptKey: crypto.randomUUID() };

    expect(await issueCreditNoteAction(idle, form({ ...base, amount: '1.001' }))).toMatchObject({ status: 'error', fieldErrors: { amount: ['USD amounts have at most 2 decimals.'] } });
    expect(await issueCreditNoteAction(idle, form({ ...base, amount: '30.01' }))).toMatchObject({
      status: 'error',
      message: `At most $30.00 of invoice ${invoice.number} can be credited.`,
      fieldErrors: { amount: ['At most $30.00.'] },
    });
    expect(await issueCreditNoteAction(idle, form({ ...base, amount: '30', reason: '' }))).toMatchObject({ status: 'error', fieldErrors: { reason: ['Enter a reason.'] } });

    const issued = await issueCreditNoteAction(idle, form({ ...base, amount: '30' }));
    expect(issued).toMatchObject({ status: 'success', message: expect.stringMatching(new RegExp(`^Credit note RINV/\\d{4}/\\d{5} issued: \\$30\\.00 taken back of invoice ${invoice.number}\\.$`)) });
    expect(await issueCreditNoteAction(idle, form({ ...base, amount: '30' }))).toMatchObject({ status: 'success', message: expect.stringMatching(/^Already issued: credit note RINV\//) });

    const notes = await creditNotesOf(invoice.id);
    expect(notes).toHaveLength(1);
    const [line] = await db.read.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, notes[0]?.id ?? 0));
    expect(line).toMatchObject({ description: `Refund on invoice ${invoice.number}`, amount: 3_000, taxRateBp: 2_000, amountNet: 2_500, amountTax: 500 });
    expect(await db.read.select().from(auditLog).where(eq(auditLog.attemptKey, base.attemptKey))).toEqual([
      expect.objectContaining({ action: 'invoice.credit_note', actorId: staff.id, subjectUserId: customer.id, amount: 3_000, reason: 'Dented lid' }),
    ]);
    expect(await issueCreditNoteAction(idle, form({ ...base, amount: '1', attemptKey: crypto.randomUUID() }))).toMatchObject({
      status: 'error',
      message: `Nothing of invoice ${invoice.number} can be credited now.`,
    });
    expect(await issueCreditNoteAction(idle, form({ ...base, invoiceId: notes[0]?.id ?? 0, amount: '1', attemptKey: crypto.randomUUID() }))).toMatchObject({
      status: 'error',
      message: 'This invoice does not exist.',
    });
  });
});
