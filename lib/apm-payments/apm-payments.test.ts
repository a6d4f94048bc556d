// APM payments (fund transfer, cash on delivery) on either engine: created waiting with nothing
// moved, completed once however many staff click at once (bank_clearing → sales), cancelled once
// with nothing moved, and never completed after a cancel; audited, the ledger balanced.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { apiPayments, auditLog, ledgerTransfers } from '@/db/schema';
import { createApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { insertTestUser } from '@/test/helpers/users';
import { apmPaymentTransferKey, cancelApmPayment, completeApmPayment, createApmPaymentIn, listWaitingApmPayments, type ApmType } from '.';

const db = getDatabase();
const USD = 'USD';
let staff: { id: number };
let otherStaff: { id: number };
let apiKeyId: number;

beforeAll(async () => {
  staff = await insertTestUser(db, 'staff');
  otherStaff = await insertTestUser(db, 'staff');
  apiKeyId = (await createApiKey(db, { name: 'APM test', staffId: staff.id })).id;
});

async function apmPayment(apmType: ApmType, amount: number, userId?: number) {
  const member = userId ?? (await insertTestUser(db)).id;
  const payment = await db.write((tx) =>
    createApmPaymentIn(tx, {
      apiKeyId,
      apmType,
      userId: member,
      amount,
      currency: USD,
      items: [
        { name: 'Item 1', externalId: 'i-1', price: amount - 1_000 },
        { name: 'Item 2', externalId: null, price: 1_000 },
      ],
      conversationId: `conv-${crypto.randomUUID()}`,
      externalId: 'ext-1',
      paymentGroup: 'PRODUCT',
      attemptKey: crypto.randomUUID(),
    }),
  );
  return { payment, member };
}

const sales = () => getBalance(db.read, { system: 'sales', currency: USD });
const bank = () => getBalance(db.read, { system: 'bank_clearing', currency: USD });
const transfersOf = (paymentId: number) => db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, paymentId));
const auditsOf = async (reference: string) => (await db.read.select().from(auditLog)).filter((row) => row.details?.includes(reference));

async function expectLedgerSound() {
  expect((await verifyLedger(db.read)).problems).toEqual([]);
}

describe('recording an APM payment', () => {
  it('records a pending payment with its items (walletPrice 0 each) and moves nothing; the same attempt records one', async () => {
    const before = await sales();
    const attemptKey = crypto.randomUUID();
    const member = await insertTestUser(db);
    const input = { apiKeyId, apmType: 'FUND_TRANSFER' as const, userId: member.id, amount: 5_000, currency: USD, items: [{ name: 'Mug', externalId: null, price: 5_000 }], conversationId: null, externalId: null, paymentGroup: 'PRODUCT', attemptKey };
    const [first, second] = [await db.write((tx) => createApmPaymentIn(tx, input)), await db.write((tx) => createApmPaymentIn(tx, input))];
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ state: 'pending', provider: 'wire_transfer', purpose: 'order', orderId: null, amount: 5_000, transferId: null });
    const [details] = await db.read.select().from(apiPayments).where(eq(apiPayments.paymentId, first.id));
    expect(JSON.parse(details?.items ?? '[]')).toEqual([{ name: 'Mug', externalId: null, price: 5_000, walletPrice: 0 }]);
    expect(await transfersOf(first.id)).toEqual([]);
    expect(await sales()).toEqual(before);
    const cash = await apmPayment('CASH_ON_DELIVERY', 2_500);
    expect(cash.payment.provider).toBe('cash_on_delivery');
    const waiting = await listWaitingApmPayments(db.read, { limit: 200 });
    expect(waiting.rows.map((row) => row.id)).toEqual(expect.arrayContaining([first.id, cash.payment.id]));
    expect(waiting.rows.find((row) => row.id === cash.payment.id)).toMatchObject({ apmType: 'CASH_ON_DELIVERY', amount: 2_500, member: { id: cash.member } });
  });
});

describe('completing an APM payment', () => {
  it.each([
    ['FUND_TRANSFER', 12_345],
    ['CASH_ON_DELIVERY', 7_050],
  ] as const)('%s of %i: two staff clicking at once complete it once: bank_clearing → sales, the payment done, one audit row', async (apmType, amount) => {
    const { payment, member } = await apmPayment(apmType, amount);
    const [salesBefore, bankBefore] = [await sales(), await bank()];
    const decisions = await Promise.all([
      completeApmPayment(db, { paymentId: payment.id, staffId: staff.id, attemptKey: crypto.randomUUID() }),
      completeApmPayment(db, { paymentId: payment.id, staffId: otherStaff.id, attemptKey: crypto.randomUUID() }),
      completeApmPayment(db, { paymentId: payment.id, staffId: staff.id }),
    ]);
    expect(decisions.map((decision) => decision.status).sort()).toEqual(['already_completed', 'already_completed', 'completed']);
    const transfers = await transfersOf(payment.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount, state: 'posted', kind: 'payment', idempotencyKey: apmPaymentTransferKey(payment.id) });
    // Described by a code and the payment's reference (worded where it is read), no English memo.
    expect(transfers[0]).toMatchObject({ descriptionCode: 'apiPaymentConversation', memo: null });
    expect(JSON.parse(transfers[0]?.descriptionParams ?? '{}')).toMatchObject({ reference: payment.reference });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'done', transferId: transfers[0]?.id });
    expect((await sales()).posted - salesBefore.posted).toBe(amount);
    expect((await bank()).posted - bankBefore.posted).toBe(-amount);
    const audits = await auditsOf(payment.reference);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'api_payment.completed', subjectUserId: member, amount, currency: USD });
    expect(JSON.parse(audits[0]?.details ?? '{}')).toMatchObject({ apmType });
    expect((await listWaitingApmPayments(db.read, { limit: 200 })).rows.map((row) => row.id)).not.toContain(payment.id);
    await expectLedgerSound();
  });

  it('refuses anyone but staff, and a payment that is not an APM payment reads as not found', async () => {
    const { payment, member } = await apmPayment('FUND_TRANSFER', 3_000);
    await expect(completeApmPayment(db, { paymentId: payment.id, staffId: member })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await completeApmPayment(db, { paymentId: 2_147_483_647, staffId: staff.id })).toEqual({ status: 'not_found' });
    expect(await completeApmPayment(db, { paymentId: -1, staffId: staff.id })).toEqual({ status: 'not_found' });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'pending' });
  });
});

describe('cancelling an APM payment', () => {
  it('cancels once with nothing moved, audited; completing it afterwards is refused', async () => {
    const { payment, member } = await apmPayment('CASH_ON_DELIVERY', 4_000);
    const salesBefore = await sales();
    const decisions = await Promise.all([
      cancelApmPayment(db, { paymentId: payment.id, staffId: staff.id }),
      cancelApmPayment(db, { paymentId: payment.id, staffId: otherStaff.id }),
    ]);
    expect(decisions.map((decision) => decision.status).sort()).toEqual(['already_canceled', 'canceled']);
    expect(await completeApmPayment(db, { paymentId: payment.id, staffId: staff.id })).toMatchObject({ status: 'already_canceled', payment: { state: 'canceled' } });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'canceled', transferId: null });
    expect(await transfersOf(payment.id)).toEqual([]);
    expect(await sales()).toEqual(salesBefore);
    const audits = await auditsOf(payment.reference);
    expect(audits.map((row) => [row.action, row.subjectUserId])).toEqual([['api_payment.canceled', member]]);
    await expectLedgerSound();
  });

  it('a complete and a cancel at once: one wins, the money moves only if the complete did', async () => {
    const { payment } = await apmPayment('FUND_TRANSFER', 6_000);
    const salesBefore = await sales();
    const [completed, canceled] = await Promise.all([
      completeApmPayment(db, { paymentId: payment.id, staffId: staff.id }),
      cancelApmPayment(db, { paymentId: payment.id, staffId: otherStaff.id }),
    ]);
    const final = await findPayment(db.read, payment.id);
    if (final?.state === 'done') expect([completed.status, canceled.status]).toEqual(['completed', 'already_completed']);
    else expect([completed.status, canceled.status]).toEqual(['already_canceled', 'canceled']);
    expect((await sales()).posted - salesBefore.posted).toBe(final?.state === 'done' ? 6_000 : 0);
    expect(await auditsOf(payment.reference)).toHaveLength(1);
    await expectLedgerSound();
  });

  it('a payment without a member is audited without a subject and listed with no member', async () => {
    const { payment } = await apmPayment('FUND_TRANSFER', 1_500, staff.id);
    expect((await listWaitingApmPayments(db.read, { limit: 200 })).rows.find((row) => row.id === payment.id)).toMatchObject({ member: null });
    expect(await cancelApmPayment(db, { paymentId: payment.id, staffId: staff.id })).toMatchObject({ status: 'canceled' });
    expect((await auditsOf(payment.reference))[0]).toMatchObject({ subjectUserId: null });
  });
});
