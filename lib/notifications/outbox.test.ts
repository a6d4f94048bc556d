import crypto from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { mailOutbox, users } from '@/db/schema';
import { getBalance } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { startTopUp } from '@/lib/wallet/top-ups';
import { confirmTopUp, rejectTopUp } from '@/lib/wallet/wire-top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { notifyInvoiceIssued, notifyInvoicePaid, notifyOrderCancelled, notifyOrderPlaced, notifyOrderShipped } from './events';
import { enqueueMail, getOutboxMessage, listOutbox } from './outbox';
import { outboxState } from './outbox-view';

const db = getDatabase();
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const topUpForm = (amount: string, method: 'card' | 'wire_transfer' = 'card') => ({ amount, method, attemptKey: crypto.randomUUID() }) as const;

const byKey = (key: string) => db.read.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, key));

async function cardTopUp(shopper: { id: number; email: string }, amount: string) {
  const started = await startTopUp(db, shopper, topUpForm(amount));
  if (started.status !== 'redirect') throw new Error(`expected a redirect, got ${started.status}`);
  return started.payment;
}

describe('the outbox is written with the event', () => {
  it('in the same transaction: a rolled-back payment leaves no e-mail, a committed one leaves exactly one', async () => {
    const shopper = await insertTestUser(db);
    const payment = await cardTopUp(shopper, '25');
    await expect(
      db.write(async (tx) => {
        await completePayment(tx, payment.id);
        throw new Error('the database refused something later in the transaction');
      }),
    ).rejects.toThrow('refused');
    expect(await byKey(`top-up-confirmed:${payment.id}`)).toEqual([]);
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(0);

    expect((await payWithDemoCard(db, shopper.id, payment.reference, card)).status).toBe('done');
    const [message, ...others] = await byKey(`top-up-confirmed:${payment.id}`);
    expect(others).toEqual([]);
    expect(message).toMatchObject({ toAddress: shopper.email, userId: shopper.id, template: 'topUpConfirmed', state: 'pending', attempts: 0, locale: 'en' });
    expect(JSON.parse(message?.params ?? '{}')).toEqual({ amount: 2500, currency: 'USD', reference: payment.reference });
  });

  it('once per event: enqueueing the same key again adds nothing', async () => {
    const shopper = await insertTestUser(db);
    const key = `order-delivered:test-${crypto.randomUUID()}`;
    const request = { dedupeKey: key, to: { address: shopper.email, userId: shopper.id }, template: 'orderDelivered', params: { number: 'S1' } } as const;
    const first = await db.write((tx) => enqueueMail(tx, request));
    const again = await db.write((tx) => enqueueMail(tx, { ...request, params: { number: 'S2' } }));
    expect(first?.id).toBeGreaterThan(0);
    expect(again).toBeUndefined();
    expect((await byKey(key)).map((row) => JSON.parse(row.params))).toEqual([{ number: 'S1' }]);
  });

  it.each([
    ['the language asked for', 'tr', 'en', 'tr'],
    ["the shopper's chosen language", undefined, 'tr', 'tr'],
    ["the shop's language when the shopper chose none", undefined, null, 'en'],
  ] as const)('is written in %s', async (_, asked, chosen, expected) => {
    const shopper = await insertTestUser(db);
    await db.write((tx) => tx.update(users).set({ locale: chosen }).where(eq(users.id, shopper.id)));
    const key = `welcome:test-${crypto.randomUUID()}`;
    await db.write((tx) => enqueueMail(tx, { dedupeKey: key, to: { address: shopper.email, userId: shopper.id, locale: asked }, template: 'welcome', params: { name: shopper.name } }));
    expect((await byKey(key))[0]?.locale).toBe(expected);
  });

  it('wire top-ups: a confirmed one e-mails the amount, a rejected one the staff reason', async () => {
    const shopper = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const confirmed = await startTopUp(db, shopper, topUpForm('507.50', 'wire_transfer'));
    const rejected = await startTopUp(db, shopper, topUpForm('40', 'wire_transfer'));
    if (confirmed.status !== 'pending' || rejected.status !== 'pending') throw new Error('expected pending wire top-ups');
    // Nothing is said while the wire is only announced.
    expect(await byKey(`top-up-confirmed:${confirmed.payment.id}`)).toEqual([]);

    await confirmTopUp(db, confirmed.payment.id, staff.id);
    await confirmTopUp(db, confirmed.payment.id, staff.id);
    await rejectTopUp(db, rejected.payment.id, staff.id, 'No transfer arrived');
    const [topUp] = await byKey(`top-up-confirmed:${confirmed.payment.id}`);
    expect(JSON.parse(topUp?.params ?? '{}')).toEqual({ amount: 50750, currency: 'USD', reference: confirmed.payment.reference });
    const [refusal] = await byKey(`wire-rejected:${rejected.payment.id}`);
    expect(refusal).toMatchObject({ toAddress: shopper.email, template: 'wireRejected' });
    expect(JSON.parse(refusal?.params ?? '{}')).toEqual({ amount: 4000, currency: 'USD', reference: rejected.payment.reference, reason: 'No transfer arrived' });
    expect(await byKey(`wire-rejected:${confirmed.payment.id}`)).toEqual([]);
  });
});

describe('the Outbox page reads', () => {
  it('pages newest first and finds one message by id', async () => {
    const shopper = await insertTestUser(db);
    const tag = crypto.randomUUID();
    for (const n of [1, 2, 3]) {
      await db.write((tx) => enqueueMail(tx, { dedupeKey: `list:${tag}:${n}`, to: { address: shopper.email }, template: 'orderDelivered', params: { number: `S${n}` } }));
    }
    const page = await listOutbox(db.read, 1, 2);
    expect(page.rows.map((row) => row.dedupeKey)).toEqual([`list:${tag}:3`, `list:${tag}:2`]);
    expect(page.totalRows).toBeGreaterThanOrEqual(3);
    expect((await listOutbox(db.read, 999, 2)).page).toBe(page.totalPages);
    const [row] = await db.read.select().from(mailOutbox).where(like(mailOutbox.dedupeKey, `list:${tag}:1`));
    expect((await getOutboxMessage(db.read, row?.id ?? 0))?.dedupeKey).toBe(`list:${tag}:1`);
    expect(await getOutboxMessage(db.read, 0)).toBeUndefined();
  });
});

describe('event helpers for the order and invoice code', () => {
  it('write each event once, with its params, to the order or invoice owner', async () => {
    const shopper = await insertTestUser(db);
    const orderId = crypto.randomInt(1, 2 ** 31 - 1);
    const order = { id: orderId, number: 'S00777', userId: shopper.id, amountTotal: 4550, currency: 'USD', paymentMethod: 'wire_transfer' as const, trackingNumber: 'TRK1' };
    await db.write(async (tx) => {
      await notifyOrderPlaced(tx, order);
      await notifyOrderPlaced(tx, order);
      await notifyOrderShipped(tx, order);
      await notifyOrderCancelled(tx, order, [
        { amount: 3000, currency: 'USD', destination: 'wallet' },
        { amount: 0, currency: 'USD', destination: 'card' },
      ]);
    });
    expect(JSON.parse((await byKey(`order-placed:${orderId}`))[0]?.params ?? '{}')).toEqual({ number: 'S00777', total: 4550, currency: 'USD', method: 'wire_transfer' });
    expect(await byKey(`order-placed:${orderId}`)).toHaveLength(1);
    expect(JSON.parse((await byKey(`order-shipped:${orderId}`))[0]?.params ?? '{}')).toEqual({ number: 'S00777', trackingNumber: 'TRK1' });
    expect(JSON.parse((await byKey(`order-cancelled:${orderId}`))[0]?.params ?? '{}')).toEqual({
      number: 'S00777',
      refunds: [{ amount: 3000, currency: 'USD', destination: 'wallet' }],
    });
  });

  it('an invoice born paid says no due date; a credit note sends no invoice e-mail', async () => {
    const shopper = await insertTestUser(db);
    const base = { userId: shopper.id, number: 'INV/TEST/1', amountTotal: 1000, currency: 'USD', dueDate: new Date('2026-05-01T00:00:00Z') };
    const paidId = crypto.randomInt(1, 2 ** 31 - 1);
    const dueId = paidId + 1;
    await db.write(async (tx) => {
      await notifyInvoiceIssued(tx, { ...base, id: paidId, amountResidual: 0, kind: 'invoice' });
      await notifyInvoiceIssued(tx, { ...base, id: dueId, amountResidual: 1000, kind: 'invoice' });
      expect(await notifyInvoiceIssued(tx, { ...base, id: dueId + 1, amountResidual: 0, kind: 'credit_note' })).toBeUndefined();
      expect(await notifyInvoicePaid(tx, { id: dueId + 1, number: 'C1', userId: shopper.id, kind: 'credit_note' })).toBeUndefined();
    });
    expect(JSON.parse((await byKey(`invoice-issued:${paidId}`))[0]?.params ?? '{}')).toMatchObject({ dueDate: null, invoiceId: paidId });
    expect(JSON.parse((await byKey(`invoice-issued:${dueId}`))[0]?.params ?? '{}')).toMatchObject({ dueDate: '2026-05-01T00:00:00.000Z' });
    expect(await byKey(`invoice-issued:${dueId + 1}`)).toEqual([]);
  });
});

describe('what the Outbox says about a message', () => {
  it.each([
    [{ state: 'sent', attempts: 1, lastError: null }, true, 'sent'],
    [{ state: 'failed', attempts: 8, lastError: '451' }, true, 'failed'],
    [{ state: 'pending', attempts: 0, lastError: null }, true, 'waiting'],
    [{ state: 'pending', attempts: 2, lastError: '451 busy' }, true, 'retrying'],
    [{ state: 'pending', attempts: 0, lastError: null }, false, 'notSent'],
    [{ state: 'sent', attempts: 1, lastError: null }, false, 'sent'],
  ] as const)('%o with a mail server %s: %s', (message, configured, expected) => {
    expect(outboxState(message, configured)).toBe(expected);
  });
});
