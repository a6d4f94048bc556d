import { randomUUID } from 'node:crypto';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { constraintViolation } from '@/db/errors';
import { ledgerAccounts, ledgerEntries, sequences } from '@/db/schema';
import {
  createPendingTransfer,
  CurrencyMismatchError,
  getBalance,
  getTransfer,
  getTransferByReference,
  getWalletBalance,
  IdempotencyConflictError,
  InsufficientFundsError,
  InvalidAmountError,
  InvalidStateError,
  InvalidTransferError,
  LedgerError,
  nextSequenceValue,
  NotFoundError,
  postPendingTransfer,
  postTransfer,
  verifyLedger,
  voidPendingTransfer,
  type AccountRef,
  type TransferInput,
} from './index';
import { createTestUser, executeForTest } from './test-helpers';

const db = getDatabase();
const USD = 'USD';
let shopper: number;
let wallet: AccountRef;
const card: AccountRef = { system: 'card_clearing', currency: USD };
const bank: AccountRef = { system: 'bank_clearing', currency: USD };
const sales: AccountRef = { system: 'sales', currency: USD };

function key(): string {
  return randomUUID();
}

const post = (input: TransferInput) => db.write((tx) => postTransfer(tx, input));
const pending = (input: TransferInput) => db.write((tx) => createPendingTransfer(tx, input));
const postPending = (input: { transferId: number; resolvedBy?: number }) => db.write((tx) => postPendingTransfer(tx, input));
const voidPending = (input: { transferId: number; resolvedBy?: number; reason?: string }) => db.write((tx) => voidPendingTransfer(tx, input));
const balance = (userId = shopper) => getWalletBalance(db.read, userId, USD);

function deposit(amount: number, idempotencyKey = key()) {
  return post({ debit: card, credit: wallet, amount, currency: USD, kind: 'deposit_card', idempotencyKey, description: { code: 'text', params: { text: 'Card top-up' } } });
}

function payment(amount: number, idempotencyKey = key()): TransferInput {
  return { debit: wallet, credit: sales, amount, currency: USD, kind: 'payment', idempotencyKey, description: { code: 'text', params: { text: 'Order S00001' } } };
}

async function expectVerified() {
  const verification = await verifyLedger(db.read);
  expect(verification.problems).toEqual([]);
  expect(verification.ok).toBe(true);
}

async function walletAccountsOf(userId: number): Promise<number> {
  const [row] = await db.read.select({ n: count() }).from(ledgerAccounts).where(eq(ledgerAccounts.ownerId, userId));
  return row?.n ?? -1;
}

beforeEach(async () => {
  shopper = await createTestUser(db);
  wallet = { wallet: shopper, currency: USD };
});

describe('postTransfer', () => {
  it('moves money at once and numbers the transfer', async () => {
    const { transfer, replayed } = await deposit(10_000);
    expect(replayed).toBe(false);
    expect(transfer).toMatchObject({ amount: 10_000, currency: USD, kind: 'deposit_card', state: 'posted', memo: null });
    expect(transfer.reference).toMatch(new RegExp(`^WT/${new Date().getUTCFullYear()}/\\d{6}$`));
    expect(transfer.postedAt).toBeInstanceOf(Date);
    expect(await getTransfer(db.read, transfer.id)).toEqual(transfer);
    expect(await getTransferByReference(db.read, transfer.reference)).toEqual(transfer);
    expect(await balance()).toEqual({ available: 10_000, pendingIncoming: 0, held: 0, posted: 10_000, currency: USD });
    expect((await getBalance(db.read, card)).posted).toBeLessThanOrEqual(-10_000);
    await expectVerified();
  });

  it('gives gapless references, even when a transfer fails in between', async () => {
    const first = (await deposit(100)).transfer.reference;
    await expect(post(payment(1_000_000))).rejects.toThrow(InsufficientFundsError);
    const second = (await deposit(100)).transfer.reference;
    const number = (reference: string) => Number(reference.split('/')[2]);
    expect(number(second)).toBe(number(first) + 1);
  });

  it('refuses an overdraft and leaves everything as it was', async () => {
    await deposit(5_000);
    const error = await post(payment(5_001)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', available: 5_000, requested: 5_001 });
    expect((await balance()).available).toBe(5_000);
    await post(payment(5_000));
    expect((await balance()).available).toBe(0);
    await expectVerified();
  });

  it('refuses to debit a wallet that was never used, without creating it', async () => {
    await expect(post(payment(1))).rejects.toThrow(InsufficientFundsError);
    expect(await walletAccountsOf(shopper)).toBe(0);
  });

  it('replays a retried key without moving money again', async () => {
    const idempotencyKey = key();
    const first = await deposit(2_500, idempotencyKey);
    const again = await deposit(2_500, idempotencyKey);
    expect(again.replayed).toBe(true);
    expect(again.transfer).toEqual(first.transfer);
    expect((await balance()).available).toBe(2_500);
    // Rewording the description is still the same movement.
    const reworded = await post({ ...payment(1), debit: card, credit: wallet, amount: 2_500, kind: 'deposit_card', idempotencyKey, description: { code: 'text', params: { text: 'Other words' } } });
    expect(reworded.replayed).toBe(true);
    await expectVerified();
  });

  it('refuses a key reused with other parameters', async () => {
    const idempotencyKey = key();
    const first = await deposit(2_500, idempotencyKey);
    await expect(deposit(2_501, idempotencyKey)).rejects.toThrow(IdempotencyConflictError);
    await expect(pending({ debit: card, credit: wallet, amount: 2_500, currency: USD, kind: 'deposit_card', idempotencyKey, description: { code: 'text', params: { text: 'x' } } })).rejects.toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT', existingTransferId: first.transfer.id }),
    );
    await expect(post({ ...payment(2_500, idempotencyKey) })).rejects.toThrow(IdempotencyConflictError);
    expect((await balance()).available).toBe(2_500);
  });

  it('refuses currency mismatches', async () => {
    const eurWallet: AccountRef = { wallet: shopper, currency: 'EUR' };
    await expect(post({ ...payment(100), credit: eurWallet, debit: card })).rejects.toThrow(CurrencyMismatchError);
    await expect(post({ ...payment(100), currency: 'EUR' })).rejects.toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 10 ** 15 + 1])('refuses amount %d', async (amount) => {
    await expect(deposit(amount)).rejects.toThrow(InvalidAmountError);
  });

  it('refuses malformed transfers', async () => {
    await expect(post({ ...payment(1), credit: wallet })).rejects.toThrow(InvalidTransferError);
    await expect(post({ ...payment(1), idempotencyKey: '' })).rejects.toThrow(InvalidTransferError);
    await expect(post({ ...payment(1), description: { code: 'Order S00001' as never, params: {} } })).rejects.toThrow(InvalidTransferError);
    const xyz: AccountRef = { system: 'sales', currency: 'XYZ' };
    await expect(post({ ...payment(1), debit: { wallet: shopper, currency: 'XYZ' }, credit: xyz, currency: 'XYZ' })).rejects.toThrow(InvalidTransferError);
    await expect(post({ ...payment(1), debit: { wallet: 0, currency: USD } })).rejects.toThrow(InvalidTransferError);
  });

  it('reports a wallet without a user as NOT_FOUND', async () => {
    await expect(post({ ...payment(1), debit: card, credit: { wallet: 999_999, currency: USD } })).rejects.toThrow(NotFoundError);
  });

  it('keeps links and memo', async () => {
    const { transfer } = await post({ ...payment(0), debit: card, credit: wallet, kind: 'refund_to_wallet', amount: 300, memo: 'goodwill', orderId: 7, invoiceId: 8, paymentId: 9, relatedTransferId: 10, createdBy: shopper });
    expect(transfer).toMatchObject({ memo: 'goodwill', orderId: 7, invoiceId: 8, paymentId: 9, relatedTransferId: 10, createdBy: shopper });
    expect(await getTransfer(db.read, transfer.id)).toEqual(transfer);
  });
});

describe('pending transfers', () => {
  it('wire top-up: pending incoming, then confirmed', async () => {
    const { transfer } = await pending({ debit: bank, credit: wallet, amount: 7_500, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: { code: 'text', params: { text: 'Wire top-up' } } });
    expect(transfer.state).toBe('pending');
    expect(transfer.postedAt).toBeNull();
    expect(await balance()).toMatchObject({ available: 0, pendingIncoming: 7_500, held: 0, posted: 0 });
    await expectVerified();

    const staff = await createTestUser(db, 'staff');
    const posted = await postPending({ transferId: transfer.id, resolvedBy: staff });
    expect(posted).toMatchObject({ id: transfer.id, state: 'posted', resolvedBy: staff, reference: transfer.reference });
    expect(posted.postedAt).toBeInstanceOf(Date);
    expect(await getTransfer(db.read, transfer.id)).toEqual(posted);
    expect(await balance()).toMatchObject({ available: 7_500, pendingIncoming: 0, posted: 7_500 });
    await expectVerified();
  });

  it('wire top-up: rejected', async () => {
    const { transfer } = await pending({ debit: bank, credit: wallet, amount: 7_500, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: { code: 'text', params: { text: 'Wire top-up' } } });
    const voided = await voidPending({ transferId: transfer.id, reason: 'No money arrived' });
    expect(voided).toMatchObject({ state: 'voided', voidReason: 'No money arrived', postedAt: null });
    expect(voided.voidedAt).toBeInstanceOf(Date);
    expect(await getTransfer(db.read, transfer.id)).toEqual(voided);
    expect(await balance()).toMatchObject({ available: 0, pendingIncoming: 0, posted: 0 });
    await expectVerified();
  });

  it('hold: available drops at once, then captured or released', async () => {
    await deposit(10_000);
    const hold = (await pending(payment(4_000))).transfer;
    expect(await balance()).toMatchObject({ available: 6_000, held: 4_000, posted: 10_000 });
    await expect(post(payment(6_001))).rejects.toThrow(InsufficientFundsError);
    await expect(pending(payment(6_001))).rejects.toThrow(InsufficientFundsError);

    await postPending({ transferId: hold.id });
    expect(await balance()).toMatchObject({ available: 6_000, held: 0, posted: 6_000 });

    const release = (await pending(payment(6_000))).transfer;
    expect((await balance()).available).toBe(0);
    await voidPending({ transferId: release.id });
    expect(await balance()).toMatchObject({ available: 6_000, held: 0, posted: 6_000 });
    await expectVerified();
  });

  it('posting or voiding twice says what the transfer already is', async () => {
    const posted = (await pending({ debit: bank, credit: wallet, amount: 100, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: { code: 'text', params: { text: 'Wire' } } })).transfer;
    await postPending({ transferId: posted.id });
    await expect(postPending({ transferId: posted.id })).rejects.toThrow(expect.objectContaining({ code: 'INVALID_STATE', state: 'posted', attempted: 'post' }));
    await expect(voidPending({ transferId: posted.id })).rejects.toThrow(expect.objectContaining({ state: 'posted', attempted: 'void' }));

    const voided = (await pending({ debit: bank, credit: wallet, amount: 100, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: { code: 'text', params: { text: 'Wire' } } })).transfer;
    await voidPending({ transferId: voided.id });
    await expect(voidPending({ transferId: voided.id })).rejects.toThrow(InvalidStateError);
    await expect(postPending({ transferId: voided.id })).rejects.toThrow(expect.objectContaining({ state: 'voided' }));

    const direct = (await deposit(100)).transfer;
    await expect(postPending({ transferId: direct.id })).rejects.toThrow(InvalidStateError);
    await expect(postPending({ transferId: 987_654 })).rejects.toThrow(NotFoundError);
    expect((await balance()).available).toBe(200);
    await expectVerified();
  });

  it('replays a pending transfer by key, in its current state', async () => {
    const input: TransferInput = { debit: bank, credit: wallet, amount: 100, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: { code: 'text', params: { text: 'Wire' } } };
    const { transfer } = await pending(input);
    await postPending({ transferId: transfer.id });
    const replay = await pending(input);
    expect(replay).toMatchObject({ replayed: true, transfer: { id: transfer.id, state: 'posted' } });
    expect((await balance()).posted).toBe(100);
  });
});

describe('inside a caller transaction', () => {
  it('commits with the caller', async () => {
    await db.write(async (tx) => {
      await postTransfer(tx, { debit: card, credit: wallet, amount: 1_000, currency: USD, kind: 'deposit_card', idempotencyKey: key(), description: { code: 'text', params: { text: 'Card top-up' } } });
      await postTransfer(tx, payment(400));
    });
    expect((await balance()).available).toBe(600);
    await expectVerified();
  });

  it('rolls back with the caller, reference number included', async () => {
    const before = (await deposit(1_000)).transfer.reference;
    await expect(
      db.write(async (tx) => {
        await postTransfer(tx, payment(400));
        throw new Error('order update failed');
      }),
    ).rejects.toThrow('order update failed');
    expect((await balance()).available).toBe(1_000);
    const after = (await deposit(1)).transfer.reference;
    expect(Number(after.split('/')[2])).toBe(Number(before.split('/')[2]) + 1);
    await expectVerified();
  });

  it('a refused debit can be caught by the caller, whose other work stays, and leaves no gap in the references', async () => {
    await deposit(1_000);
    const references = await db.write(async (tx) => {
      const before = (await postTransfer(tx, payment(300))).transfer.reference;
      // Refused after its reference was taken (the counter comes first): the number is given back.
      await expect(postTransfer(tx, payment(5_000))).rejects.toThrow(InsufficientFundsError);
      const after = (await postTransfer(tx, payment(200))).transfer.reference;
      return [before, after].map((reference) => Number(reference.split('/')[2]));
    });
    expect(references[1]).toBe((references[0] ?? 0) + 1);
    expect((await balance()).available).toBe(500);
    await expectVerified();
  });

  it('a refused credit leaves nothing of its debit behind, whichever side moved first', async () => {
    // sales → wallet: 'system:sales:USD' < 'wallet:…' so the debit moves first and is taken back.
    await deposit(1_000);
    await db.write(async (tx) => {
      await expect(
        postTransfer(tx, { debit: sales, credit: wallet, amount: 500, currency: USD, kind: 'refund_to_wallet', idempotencyKey: key(), description: { code: 'text', params: { text: 'Refund' } }, walletCap: 1_200 }),
      ).rejects.toThrow(expect.objectContaining({ code: 'WALLET_LIMIT_EXCEEDED' }));
      await postTransfer(tx, payment(100));
    });
    expect(await balance()).toMatchObject({ available: 900, posted: 900 });
    await expectVerified();
  });
});

describe('nextSequenceValue', () => {
  it('counts from 1 per name, in the caller transaction', async () => {
    const name = `TEST/${randomUUID()}`;
    expect(await db.write(async (tx) => [await nextSequenceValue(tx, name), await nextSequenceValue(tx, name)])).toEqual([1, 2]);
    await expect(
      db.write(async (tx) => {
        await nextSequenceValue(tx, name);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.write((tx) => nextSequenceValue(tx, name))).toBe(3);
    expect(await db.write((tx) => nextSequenceValue(tx, `${name}/other`))).toBe(1);
  });

  it('gives concurrent transactions distinct, gapless numbers', async () => {
    const name = `TEST/${randomUUID()}`;
    const values = await Promise.all(Array.from({ length: 20 }, () => db.write((tx) => nextSequenceValue(tx, name))));
    expect(values.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('getBalance', () => {
  it('reads zeros for an unused wallet without creating it', async () => {
    expect(await getWalletBalance(db.read, shopper, 'EUR')).toEqual({ available: 0, pendingIncoming: 0, held: 0, posted: 0, currency: 'EUR' });
    expect(await walletAccountsOf(shopper)).toBe(0);
  });
});

describe('concurrent calls with one idempotency key', () => {
  it('move the money once; the others replay', async () => {
    await deposit(10_000);
    const idempotencyKey = key();
    const results = await Promise.all(Array.from({ length: 8 }, () => post(payment(1_000, idempotencyKey))));
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(new Set(results.map((result) => result.transfer.id)).size).toBe(1);
    expect(await balance()).toMatchObject({ available: 9_000, posted: 9_000 });
    await expectVerified();
  });

  it('on opposite accounts at once, never deadlock', async () => {
    const other = await createTestUser(db);
    const otherWallet: AccountRef = { wallet: other, currency: USD };
    await deposit(10_000);
    await post({ debit: card, credit: otherWallet, amount: 10_000, currency: USD, kind: 'deposit_card', idempotencyKey: key(), description: { code: 'text', params: { text: 'Card top-up' } } });
    const send = (debit: AccountRef, credit: AccountRef) =>
      post({ debit, credit, amount: 10, currency: USD, kind: 'remittance_send', idempotencyKey: key(), description: { code: 'text', params: { text: 'Send' } } });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? send(wallet, otherWallet) : send(otherWallet, wallet))));
    expect((await balance()).posted + (await balance(other)).posted).toBe(20_000);
    await expectVerified();
  });
});

describe('verifyLedger', () => {
  const tamper = (change: ReturnType<typeof sql>) =>
    db.write((tx) => tx.update(ledgerAccounts).set({ creditsPosted: change }).where(eq(ledgerAccounts.code, `wallet:${shopper}:USD`)));

  it('notices tampering', async () => {
    await deposit(1_000);
    await expectVerified();
    await tamper(sql`${ledgerAccounts.creditsPosted} + 1`);
    const broken = await verifyLedger(db.read);
    expect(broken.ok).toBe(false);
    expect(broken.problems.join('\n')).toMatch(/credits_posted is 1001 but its transfers sum to 1000/);
    expect(broken.problems.join('\n')).toMatch(/USD: posted balances of all accounts sum to 1, not 0/);
    await tamper(sql`${ledgerAccounts.creditsPosted} - 1`);

    // Someone with raw access to the database could drop the append-only trigger first.
    await executeForTest(db, { sqlite: 'DROP TRIGGER ledger_entries_no_update', postgres: 'DROP TRIGGER ledger_entries_no_update ON ledger_entries' });
    const [account] = await db.read.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.code, `wallet:${shopper}:USD`));
    const shiftEntries = (by: number) =>
      db.write((tx) =>
        tx
          .update(ledgerEntries)
          .set({ balanceAfter: sql`${ledgerEntries.balanceAfter} + ${sql.raw(String(by))}` })
          .where(eq(ledgerEntries.accountId, account?.id ?? 0)),
      );
    await shiftEntries(5);
    expect((await verifyLedger(db.read)).problems.join('\n')).toMatch(/balance_after/);
    await shiftEntries(-5);

    const shiftSequence = (by: number) =>
      db.write((tx) =>
        tx
          .update(sequences)
          .set({ lastValue: sql`${sequences.lastValue} + ${sql.raw(String(by))}` })
          .where(and(like(sequences.name, 'WT/%'))),
      );
    await shiftSequence(1);
    expect((await verifyLedger(db.read)).problems.join('\n')).toMatch(/References of \d{4}/);
    await shiftSequence(-1);
    await expectVerified();
  });

  it('the database itself refuses a wallet below its limit', async () => {
    await deposit(100);
    const error = await db
      .write((tx) =>
        tx
          .update(ledgerAccounts)
          .set({ debitsPosted: sql`${ledgerAccounts.debitsPosted} + 101` })
          .where(eq(ledgerAccounts.code, `wallet:${shopper}:USD`)),
      )
      .catch((caught: unknown) => caught);
    expect(constraintViolation(error)).toBe('check');
    const messages = [error, (error as Error).cause].map((each) => (each instanceof Error ? each.message : '')).join(' ');
    expect(messages).toMatch(/ledger_accounts_within_limit/);
  });
});
