// Withdrawals on either engine: the hold, paying out, rejecting and cancelling, each exactly once,
// concurrent requests against one wallet, and a retry with the same key.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, ledgerTransfers, withdrawals } from '@/db/schema';
import { getBalance, listPendingTransfers, setWalletNegativeLimit, verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { fundTestWallet } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { cancelWithdrawal, payOutWithdrawal, rejectWithdrawal } from './decide';
import { WithdrawalError } from './errors';
import { findWithdrawal, listMemberWithdrawals, listPayouts, searchWithdrawals } from './queries';
import { withdrawalReference } from './references';
import { requestWithdrawal, type WithdrawalRequest } from './request';

const db = getDatabase();
const USD = 'USD';
const TR_IBAN = 'TR33 0006 1005 1978 6457 8413 26';
const GB_IBAN = 'GB82 WEST 1234 5698 7654 32';

let staff: { id: number };

beforeAll(async () => {
  staff = await insertTestUser(db, 'staff');
  await db.write((tx) => updateSettings(tx, { withdrawalsEnabled: true }));
});

async function member(funds = 10_000) {
  const user = await insertTestUser(db);
  if (funds > 0) await fundTestWallet(db, user.id, funds);
  return user;
}

function ask(userId: number, amount: number, more: Partial<WithdrawalRequest> = {}): WithdrawalRequest {
  return {
    userId,
    amount,
    currency: USD,
    iban: TR_IBAN,
    accountHolder: 'Haluk Demir',
    description: null,
    source: 'shop',
    idempotencyKey: `test:${crypto.randomUUID()}`,
    requestedBy: userId,
    ...more,
  };
}

const balance = (userId: number) => getBalance(db.read, { wallet: userId, currency: USD });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; params: unknown }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WithdrawalError)) throw new Error(`expected a WithdrawalError, got ${String(error)}`);
  return { code: error.code, params: error.params };
}

async function expectLedgerSound() {
  const verification = await verifyLedger(db.read);
  expect(verification.problems).toEqual([]);
}

const holdOf = async (transferId: number | null) => (await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, transferId ?? 0)))[0];

describe('asking for a withdrawal', () => {
  it('holds the amount: a pending transfer wallet → bank_clearing, the available balance lower, the balance unchanged', async () => {
    const shopper = await member(10_000);
    const { status, withdrawal } = await requestWithdrawal(db, ask(shopper.id, 2_500, { iban: 'gb82 west 1234 5698 7654 32', description: '  For rent ' }));
    expect(status).toBe('created');
    expect(withdrawal).toMatchObject({ userId: shopper.id, amount: 2_500, currency: USD, state: 'pending', iban: 'GB82WEST12345698765432', accountHolder: 'Haluk Demir', description: 'For rent', source: 'shop' });
    expect(await balance(shopper.id)).toMatchObject({ posted: 10_000, held: 2_500, available: 7_500 });
    const hold = await holdOf(withdrawal.transferId);
    expect(hold).toMatchObject({ kind: 'withdrawal', state: 'pending', amount: 2_500, descriptionCode: 'withdrawal', createdBy: shopper.id });
    expect(JSON.parse(hold?.descriptionParams ?? '{}')).toEqual({ reference: withdrawalReference(withdrawal.id) });
    // My Wallet lists it with the holds (money held, not moved).
    const pending = await listPendingTransfers(db.read, { wallet: shopper.id, currency: USD });
    expect(pending).toEqual([expect.objectContaining({ direction: 'outgoing', amount: 2_500, kind: 'withdrawal', description: { code: 'withdrawal', params: { reference: withdrawalReference(withdrawal.id) } } })]);
    expect(await balance(shopper.id)).toMatchObject({ pendingIncoming: 0 });
    await expectLedgerSound();
  });

  it.each([
    { what: 'one cent', amount: 1, ok: true },
    { what: 'all but a cent', amount: 9_999, ok: true },
    { what: 'everything available', amount: 10_000, ok: true },
    { what: 'a cent more than available', amount: 10_001, ok: false },
    { what: 'far more', amount: 1_000_000, ok: false },
  ])('$what of 100.00: ok = $ok', async ({ amount, ok }) => {
    const shopper = await member(10_000);
    const asked = requestWithdrawal(db, ask(shopper.id, amount));
    if (ok) {
      await expect(asked).resolves.toMatchObject({ status: 'created' });
      expect((await balance(shopper.id)).available).toBe(10_000 - amount);
    } else {
      expect(await refusal(asked)).toEqual({ code: 'WITHDRAWAL_INSUFFICIENT_FUNDS', params: { available: 10_000, currency: USD } });
      expect(await balance(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
      expect(await listMemberWithdrawals(db.read, shopper.id)).toEqual([]);
    }
  });

  it.each([
    { amount: 0 },
    { amount: -100 },
    { amount: 12.5 },
    { amount: Number.MAX_SAFE_INTEGER },
  ])('refuses the amount $amount', async ({ amount }) => {
    const shopper = await member(10_000);
    expect((await refusal(requestWithdrawal(db, ask(shopper.id, amount)))).code).toBe('WITHDRAWAL_AMOUNT_INVALID');
  });

  it('counts what is held already, and never draws on an overdraft limit', async () => {
    const shopper = await member(5_000);
    await requestWithdrawal(db, ask(shopper.id, 3_000));
    expect(await refusal(requestWithdrawal(db, ask(shopper.id, 2_001)))).toEqual({ code: 'WITHDRAWAL_INSUFFICIENT_FUNDS', params: { available: 2_000, currency: USD } });
    await db.write((tx) => setWalletNegativeLimit(tx, { wallet: shopper.id, currency: USD }, 10_000));
    // The limit lets payments go below zero; money taken out must be money the member has.
    expect(await refusal(requestWithdrawal(db, ask(shopper.id, 2_001)))).toEqual({ code: 'WITHDRAWAL_INSUFFICIENT_FUNDS', params: { available: 2_000, currency: USD } });
    await expect(requestWithdrawal(db, ask(shopper.id, 2_000))).resolves.toMatchObject({ status: 'created' });
    expect(await balance(shopper.id)).toMatchObject({ available: 0, held: 5_000 });
    await expectLedgerSound();
  });

  it('checks the bank account: a typo in the IBAN, a country without IBANs, an empty holder', async () => {
    const shopper = await member();
    expect(await refusal(requestWithdrawal(db, ask(shopper.id, 100, { iban: 'TR33 0006 1005 1978 6457 8413 27' })))).toEqual({ code: 'IBAN_CHECKSUM', params: {} });
    expect(await refusal(requestWithdrawal(db, ask(shopper.id, 100, { iban: 'US12 3456 7890' })))).toEqual({ code: 'IBAN_COUNTRY', params: { country: 'US' } });
    expect(await refusal(requestWithdrawal(db, ask(shopper.id, 100, { accountHolder: '   ' })))).toEqual({ code: 'WITHDRAWAL_ACCOUNT_HOLDER_REQUIRED', params: {} });
    expect(await listMemberWithdrawals(db.read, shopper.id)).toEqual([]);
    // Through the API no bank account is given: the member's name stands for the holder.
    const { withdrawal } = await requestWithdrawal(db, ask(shopper.id, 100, { source: 'api', iban: null, accountHolder: null, requestedBy: staff.id }));
    expect(withdrawal).toMatchObject({ iban: '', accountHolder: (await insertedName(shopper.id)) });
  });

  it('answers members only while Settings allow it; the merchant API always may', async () => {
    const shopper = await member();
    await db.write((tx) => updateSettings(tx, { withdrawalsEnabled: false }));
    try {
      expect((await refusal(requestWithdrawal(db, ask(shopper.id, 100)))).code).toBe('WITHDRAWALS_DISABLED');
      await expect(requestWithdrawal(db, ask(shopper.id, 100, { source: 'api', requestedBy: staff.id }))).resolves.toMatchObject({ status: 'created' });
    } finally {
      await db.write((tx) => updateSettings(tx, { withdrawalsEnabled: true }));
    }
  });

  it('takes money only from a customer who exists', async () => {
    expect(await refusal(requestWithdrawal(db, ask(staff.id, 100)))).toEqual({ code: 'WITHDRAWAL_MEMBER_NOT_FOUND', params: { userId: staff.id } });
    expect((await refusal(requestWithdrawal(db, ask(2_147_483_647, 100)))).code).toBe('WITHDRAWAL_MEMBER_NOT_FOUND');
  });

  it('creates one withdrawal per key: a retry answers with it, another request with the same key is refused', async () => {
    const shopper = await member(10_000);
    const request = ask(shopper.id, 1_000);
    const first = await requestWithdrawal(db, request);
    const again = await requestWithdrawal(db, { ...request, description: 'reworded' });
    expect(again).toEqual({ status: 'replayed', withdrawal: first.withdrawal });
    expect((await refusal(requestWithdrawal(db, { ...request, amount: 2_000 }))).code).toBe('WITHDRAWAL_KEY_REUSED');
    expect(await listMemberWithdrawals(db.read, shopper.id)).toHaveLength(1);
    expect(await balance(shopper.id)).toMatchObject({ held: 1_000 });
  });
});

async function insertedName(userId: number): Promise<string> {
  const [row] = await db.read.select({ name: withdrawals.accountHolder }).from(withdrawals).where(eq(withdrawals.userId, userId));
  return row?.name ?? '';
}

describe('deciding a withdrawal, exactly once', () => {
  it('pays out: the hold is posted (the balance drops), audited, and a second pay-out or a cancel changes nothing', async () => {
    const shopper = await member(10_000);
    const { withdrawal } = await requestWithdrawal(db, ask(shopper.id, 4_000));
    const paid = await payOutWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id });
    expect(paid).toMatchObject({ status: 'paid', withdrawal: { state: 'paid', decidedBy: staff.id } });
    expect(await balance(shopper.id)).toMatchObject({ posted: 6_000, held: 0, available: 6_000 });
    expect(await getBalance(db.read, { system: 'bank_clearing', currency: USD })).toMatchObject({ posted: expect.any(Number) });
    expect(await holdOf(withdrawal.transferId)).toMatchObject({ state: 'posted', resolvedBy: staff.id });

    expect(await payOutWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id })).toMatchObject({ status: 'already_paid' });
    expect(await rejectWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id, reason: 'late' })).toMatchObject({ status: 'already_paid' });
    expect(await cancelWithdrawal(db, { withdrawalId: withdrawal.id, actorId: shopper.id, ownerId: shopper.id })).toMatchObject({ status: 'already_paid' });
    expect(await balance(shopper.id)).toMatchObject({ posted: 6_000, available: 6_000 });
    const audits = await db.read.select().from(auditLog).where(and(eq(auditLog.subjectUserId, shopper.id)));
    expect(audits).toEqual([
      expect.objectContaining({ action: 'withdrawal.pay_out', actorId: staff.id, amount: 4_000, currency: USD, details: JSON.stringify({ withdrawal: withdrawalReference(withdrawal.id), transfer: (await holdOf(withdrawal.transferId))?.reference }) }),
    ]);
    await expectLedgerSound();
  });

  it('rejects with a reason: the hold is voided (the money is available again), audited, once', async () => {
    const shopper = await member(10_000);
    const { withdrawal } = await requestWithdrawal(db, ask(shopper.id, 4_000));
    const rejected = await rejectWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id, reason: '  The IBAN belongs to someone else ' });
    expect(rejected).toMatchObject({ status: 'rejected', withdrawal: { state: 'rejected', rejectReason: 'The IBAN belongs to someone else' } });
    expect(await balance(shopper.id)).toMatchObject({ posted: 10_000, held: 0, available: 10_000 });
    expect(await holdOf(withdrawal.transferId)).toMatchObject({ state: 'voided', voidReason: 'The IBAN belongs to someone else' });
    expect(await payOutWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id })).toMatchObject({ status: 'already_rejected' });
    expect(await rejectWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id, reason: 'again' })).toMatchObject({ status: 'already_rejected' });
    expect(await balance(shopper.id)).toMatchObject({ available: 10_000 });
    expect(await db.read.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.subjectUserId, shopper.id))).toEqual([
      { action: 'withdrawal.reject', reason: 'The IBAN belongs to someone else' },
    ]);
    await expectLedgerSound();
  });

  it('lets the member cancel their own pending withdrawal once; another member cannot see it', async () => {
    const shopper = await member(10_000);
    const other = await member(0);
    const { withdrawal } = await requestWithdrawal(db, ask(shopper.id, 4_000));
    expect(await cancelWithdrawal(db, { withdrawalId: withdrawal.id, actorId: other.id, ownerId: other.id })).toEqual({ status: 'not_found' });
    expect(await balance(shopper.id)).toMatchObject({ available: 6_000 });
    expect(await cancelWithdrawal(db, { withdrawalId: withdrawal.id, actorId: shopper.id, ownerId: shopper.id })).toMatchObject({ status: 'cancelled', withdrawal: { state: 'cancelled', decidedBy: shopper.id } });
    expect(await balance(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(await cancelWithdrawal(db, { withdrawalId: withdrawal.id, actorId: shopper.id, ownerId: shopper.id })).toMatchObject({ status: 'already_cancelled' });
    expect(await payOutWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id })).toMatchObject({ status: 'already_cancelled' });
    expect(await balance(shopper.id)).toMatchObject({ available: 10_000, posted: 10_000 });
    expect(await cancelWithdrawal(db, { withdrawalId: 2_147_483_648, actorId: shopper.id })).toEqual({ status: 'not_found' });
    await expectLedgerSound();
  });
});

describe('under concurrency', () => {
  it('twelve requests of 30.00 against a wallet of 100.00: three are held, the rest refused, never below zero', async () => {
    const shopper = await member(10_000);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        requestWithdrawal(db, ask(shopper.id, 3_000)).then(
          (result) => result.status,
          (error: unknown) => (error instanceof WithdrawalError ? error.code : String(error)),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'WITHDRAWAL_INSUFFICIENT_FUNDS')).toHaveLength(9);
    expect(await balance(shopper.id)).toMatchObject({ posted: 10_000, held: 9_000, available: 1_000 });
    expect(await listMemberWithdrawals(db.read, shopper.id)).toHaveLength(3);
    await expectLedgerSound();
  });

  it('the same request sent five times at once makes one withdrawal', async () => {
    const shopper = await member(10_000);
    const request = ask(shopper.id, 2_000);
    const results = await Promise.all(Array.from({ length: 5 }, () => requestWithdrawal(db, request)));
    expect(new Set(results.map((result) => result.withdrawal.id)).size).toBe(1);
    expect(results.filter((result) => result.status === 'created')).toHaveLength(1);
    expect(await balance(shopper.id)).toMatchObject({ held: 2_000, available: 8_000 });
    expect(await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.kind, 'withdrawal'))).toSatisfy((rows: unknown[]) => rows.length > 0);
    await expectLedgerSound();
  });

  it('two staff paying out, one rejecting and the member cancelling at once: one decision wins, the ledger moves once', async () => {
    const shopper = await member(10_000);
    const { withdrawal } = await requestWithdrawal(db, ask(shopper.id, 5_000));
    const decisions = await Promise.all([
      payOutWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id }),
      payOutWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id }),
      rejectWithdrawal(db, { withdrawalId: withdrawal.id, staffId: staff.id, reason: 'No' }),
      cancelWithdrawal(db, { withdrawalId: withdrawal.id, actorId: shopper.id, ownerId: shopper.id }),
    ]);
    const winners = decisions.filter((decision) => !decision.status.startsWith('already_'));
    expect(winners).toHaveLength(1);
    const final = await findWithdrawal(db.read, withdrawal.id);
    expect(decisions.filter((decision) => decision.status.startsWith('already_')).map((decision) => decision.status)).toEqual(Array(3).fill(`already_${final?.state}`));
    expect(await balance(shopper.id)).toMatchObject(final?.state === 'paid' ? { posted: 5_000, available: 5_000, held: 0 } : { posted: 10_000, available: 10_000, held: 0 });
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.subjectUserId, shopper.id));
    expect(audits).toHaveLength(final?.state === 'cancelled' ? 0 : 1);
    await expectLedgerSound();
  });
});

describe('reading withdrawals', () => {
  it('lists pending first (oldest first) for staff, then decided ones (newest first), with the pending total', async () => {
    const before = await listPayouts(db.read, { pageSize: 100 });
    const shopper = await member(10_000);
    const a = (await requestWithdrawal(db, ask(shopper.id, 100))).withdrawal;
    const b = (await requestWithdrawal(db, ask(shopper.id, 200))).withdrawal;
    const c = (await requestWithdrawal(db, ask(shopper.id, 300))).withdrawal;
    await payOutWithdrawal(db, { withdrawalId: a.id, staffId: staff.id });
    const page = await listPayouts(db.read, { pageSize: 100 });
    const mine = page.rows.filter((row) => row.userId === shopper.id);
    expect(mine.map((row) => [row.id, row.state])).toEqual([
      [b.id, 'pending'],
      [c.id, 'pending'],
      [a.id, 'paid'],
    ]);
    expect(mine[2]).toMatchObject({ decidedByName: expect.any(String), customerName: expect.any(String) });
    const states = page.rows.map((row) => row.state === 'pending');
    expect(states.indexOf(false) === -1 || states.slice(states.indexOf(false)).every((pending) => !pending)).toBe(true);
    expect(page.pending.count).toBe(before.pending.count + 2);
    const usd = (p: typeof page) => p.pending.totals.find((total) => total.currency === USD)?.amount ?? 0;
    expect(usd(page) - usd(before)).toBe(500);
  });

  it('searches by member, state, amount and date, newest first, paged', async () => {
    const shopper = await member(10_000);
    const small = (await requestWithdrawal(db, ask(shopper.id, 500))).withdrawal;
    const big = (await requestWithdrawal(db, ask(shopper.id, 5_000))).withdrawal;
    await cancelWithdrawal(db, { withdrawalId: small.id, actorId: shopper.id });
    const base = { memberId: shopper.id, page: 0, size: 10 };
    expect((await searchWithdrawals(db.read, base)).rows.map((row) => row.id)).toEqual([big.id, small.id]);
    expect(await searchWithdrawals(db.read, { ...base, states: ['pending'] })).toEqual({ rows: [expect.objectContaining({ id: big.id })], total: 1 });
    expect((await searchWithdrawals(db.read, { ...base, states: ['cancelled', 'rejected'] })).rows.map((row) => row.id)).toEqual([small.id]);
    expect((await searchWithdrawals(db.read, { ...base, minAmount: 1_000 })).rows.map((row) => row.id)).toEqual([big.id]);
    expect((await searchWithdrawals(db.read, { ...base, maxAmount: 500 })).rows.map((row) => row.id)).toEqual([small.id]);
    expect((await searchWithdrawals(db.read, { ...base, currency: 'EUR' })).total).toBe(0);
    expect((await searchWithdrawals(db.read, { ...base, createdFrom: new Date(Date.now() + 60_000) })).total).toBe(0);
    expect(await searchWithdrawals(db.read, { ...base, size: 1, page: 1 })).toEqual({ rows: [expect.objectContaining({ id: small.id })], total: 2 });
  });
});
