import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqlite } from '@/db/client';
import { writeTransaction } from '@/db/transaction';
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
import { createTestUser } from './test-helpers';

const USD = 'USD';
let shopper: number;
let wallet: AccountRef;
const card: AccountRef = { system: 'card_clearing', currency: USD };
const bank: AccountRef = { system: 'bank_clearing', currency: USD };
const sales: AccountRef = { system: 'sales', currency: USD };

function key(): string {
  return randomUUID();
}

function deposit(amount: number, idempotencyKey = key()) {
  return postTransfer({
    debit: card,
    credit: wallet,
    amount,
    currency: USD,
    kind: 'deposit_card',
    idempotencyKey,
    description: 'Card top-up',
  });
}

function payment(amount: number, idempotencyKey = key()): TransferInput {
  return { debit: wallet, credit: sales, amount, currency: USD, kind: 'payment', idempotencyKey, description: 'Order S00001' };
}

function expectVerified() {
  const verification = verifyLedger();
  expect(verification.problems).toEqual([]);
  expect(verification.ok).toBe(true);
}

beforeEach(() => {
  shopper = createTestUser();
  wallet = { wallet: shopper, currency: USD };
});

describe('postTransfer', () => {
  it('moves money at once and numbers the transfer', () => {
    const { transfer, replayed } = deposit(10_000);
    expect(replayed).toBe(false);
    expect(transfer).toMatchObject({ amount: 10_000, currency: USD, kind: 'deposit_card', state: 'posted', memo: null });
    expect(transfer.reference).toMatch(new RegExp(`^WT/${new Date().getUTCFullYear()}/\\d{6}$`));
    expect(transfer.postedAt).toBeInstanceOf(Date);
    expect(getTransfer(transfer.id)).toEqual(transfer);
    expect(getTransferByReference(transfer.reference)).toEqual(transfer);
    expect(getWalletBalance(shopper, USD)).toEqual({ available: 10_000, pendingIncoming: 0, held: 0, posted: 10_000, currency: USD });
    expect(getBalance(card).posted).toBeLessThanOrEqual(-10_000);
    expectVerified();
  });

  it('gives gapless references, even when a transfer fails in between', () => {
    const first = deposit(100).transfer.reference;
    expect(() => postTransfer(payment(1_000_000))).toThrow(InsufficientFundsError);
    const second = deposit(100).transfer.reference;
    const number = (reference: string) => Number(reference.split('/')[2]);
    expect(number(second)).toBe(number(first) + 1);
  });

  it('refuses an overdraft and leaves everything as it was', () => {
    deposit(5_000);
    const error = (() => {
      try {
        postTransfer(payment(5_001));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InsufficientFundsError);
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', available: 5_000, requested: 5_001 });
    expect(getWalletBalance(shopper, USD).available).toBe(5_000);
    postTransfer(payment(5_000));
    expect(getWalletBalance(shopper, USD).available).toBe(0);
    expectVerified();
  });

  it('refuses to debit a wallet that was never used, without creating it', () => {
    expect(() => postTransfer(payment(1))).toThrow(InsufficientFundsError);
    const row = sqlite.prepare('SELECT COUNT(*) AS n FROM ledger_accounts WHERE owner_id = ?').get(shopper);
    expect(row).toEqual({ n: 0 });
  });

  it('replays a retried key without moving money again', () => {
    const idempotencyKey = key();
    const first = deposit(2_500, idempotencyKey);
    const again = deposit(2_500, idempotencyKey);
    expect(again.replayed).toBe(true);
    expect(again.transfer).toEqual(first.transfer);
    expect(getWalletBalance(shopper, USD).available).toBe(2_500);
    // Rewording the description is still the same movement.
    const reworded = postTransfer({ ...payment(1), debit: card, credit: wallet, amount: 2_500, kind: 'deposit_card', idempotencyKey, description: 'Other words' });
    expect(reworded.replayed).toBe(true);
    expectVerified();
  });

  it('refuses a key reused with other parameters', () => {
    const idempotencyKey = key();
    const first = deposit(2_500, idempotencyKey);
    expect(() => deposit(2_501, idempotencyKey)).toThrow(IdempotencyConflictError);
    expect(() => createPendingTransfer({ debit: card, credit: wallet, amount: 2_500, currency: USD, kind: 'deposit_card', idempotencyKey, description: 'x' })).toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT', existingTransferId: first.transfer.id }),
    );
    expect(() => postTransfer({ ...payment(2_500, idempotencyKey) })).toThrow(IdempotencyConflictError);
    expect(getWalletBalance(shopper, USD).available).toBe(2_500);
  });

  it('refuses currency mismatches', () => {
    const eurWallet: AccountRef = { wallet: shopper, currency: 'EUR' };
    expect(() => postTransfer({ ...payment(100), credit: eurWallet, debit: card })).toThrow(CurrencyMismatchError);
    expect(() => postTransfer({ ...payment(100), currency: 'EUR' })).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 10 ** 15 + 1])('refuses amount %d', (amount) => {
    expect(() => deposit(amount)).toThrow(InvalidAmountError);
  });

  it('refuses malformed transfers', () => {
    expect(() => postTransfer({ ...payment(1), credit: wallet })).toThrow(InvalidTransferError);
    expect(() => postTransfer({ ...payment(1), idempotencyKey: '' })).toThrow(InvalidTransferError);
    expect(() => postTransfer({ ...payment(1), description: ' ' })).toThrow(InvalidTransferError);
    const xyz: AccountRef = { system: 'sales', currency: 'XYZ' };
    expect(() => postTransfer({ ...payment(1), debit: { wallet: shopper, currency: 'XYZ' }, credit: xyz, currency: 'XYZ' })).toThrow(InvalidTransferError);
    expect(() => postTransfer({ ...payment(1), debit: { wallet: 0, currency: USD } })).toThrow(InvalidTransferError);
  });

  it('reports a wallet without a user as NOT_FOUND', () => {
    expect(() => postTransfer({ ...payment(1), debit: card, credit: { wallet: 999_999, currency: USD } })).toThrow(NotFoundError);
  });

  it('keeps links and memo', () => {
    const { transfer } = postTransfer({ ...payment(0), debit: card, credit: wallet, kind: 'refund_to_wallet', amount: 300, memo: 'goodwill', orderId: 7, invoiceId: 8, paymentId: 9, relatedTransferId: 10, createdBy: shopper });
    expect(transfer).toMatchObject({ memo: 'goodwill', orderId: 7, invoiceId: 8, paymentId: 9, relatedTransferId: 10, createdBy: shopper });
    expect(getTransfer(transfer.id)).toEqual(transfer);
  });
});

describe('pending transfers', () => {
  it('wire top-up: pending incoming, then confirmed', () => {
    const { transfer } = createPendingTransfer({ debit: bank, credit: wallet, amount: 7_500, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: 'Wire top-up' });
    expect(transfer.state).toBe('pending');
    expect(transfer.postedAt).toBeNull();
    expect(getWalletBalance(shopper, USD)).toMatchObject({ available: 0, pendingIncoming: 7_500, held: 0, posted: 0 });
    expectVerified();

    const staff = createTestUser('staff');
    const posted = postPendingTransfer({ transferId: transfer.id, resolvedBy: staff });
    expect(posted).toMatchObject({ id: transfer.id, state: 'posted', resolvedBy: staff, reference: transfer.reference });
    expect(posted.postedAt).toBeInstanceOf(Date);
    expect(getTransfer(transfer.id)).toEqual(posted);
    expect(getWalletBalance(shopper, USD)).toMatchObject({ available: 7_500, pendingIncoming: 0, posted: 7_500 });
    expectVerified();
  });

  it('wire top-up: rejected', () => {
    const { transfer } = createPendingTransfer({ debit: bank, credit: wallet, amount: 7_500, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: 'Wire top-up' });
    const voided = voidPendingTransfer({ transferId: transfer.id, reason: 'No money arrived' });
    expect(voided).toMatchObject({ state: 'voided', voidReason: 'No money arrived', postedAt: null });
    expect(voided.voidedAt).toBeInstanceOf(Date);
    expect(getTransfer(transfer.id)).toEqual(voided);
    expect(getWalletBalance(shopper, USD)).toMatchObject({ available: 0, pendingIncoming: 0, posted: 0 });
    expectVerified();
  });

  it('hold: available drops at once, then captured or released', () => {
    deposit(10_000);
    const hold = createPendingTransfer(payment(4_000)).transfer;
    expect(getWalletBalance(shopper, USD)).toMatchObject({ available: 6_000, held: 4_000, posted: 10_000 });
    expect(() => postTransfer(payment(6_001))).toThrow(InsufficientFundsError);
    expect(() => createPendingTransfer(payment(6_001))).toThrow(InsufficientFundsError);

    postPendingTransfer({ transferId: hold.id });
    expect(getWalletBalance(shopper, USD)).toMatchObject({ available: 6_000, held: 0, posted: 6_000 });

    const release = createPendingTransfer(payment(6_000)).transfer;
    expect(getWalletBalance(shopper, USD).available).toBe(0);
    voidPendingTransfer({ transferId: release.id });
    expect(getWalletBalance(shopper, USD)).toMatchObject({ available: 6_000, held: 0, posted: 6_000 });
    expectVerified();
  });

  it('posting or voiding twice says what the transfer already is', () => {
    const posted = createPendingTransfer({ debit: bank, credit: wallet, amount: 100, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: 'Wire' }).transfer;
    postPendingTransfer({ transferId: posted.id });
    expect(() => postPendingTransfer({ transferId: posted.id })).toThrow(expect.objectContaining({ code: 'INVALID_STATE', state: 'posted', attempted: 'post' }));
    expect(() => voidPendingTransfer({ transferId: posted.id })).toThrow(expect.objectContaining({ state: 'posted', attempted: 'void' }));

    const voided = createPendingTransfer({ debit: bank, credit: wallet, amount: 100, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: 'Wire' }).transfer;
    voidPendingTransfer({ transferId: voided.id });
    expect(() => voidPendingTransfer({ transferId: voided.id })).toThrow(InvalidStateError);
    expect(() => postPendingTransfer({ transferId: voided.id })).toThrow(expect.objectContaining({ state: 'voided' }));

    const direct = deposit(100).transfer;
    expect(() => postPendingTransfer({ transferId: direct.id })).toThrow(InvalidStateError);
    expect(() => postPendingTransfer({ transferId: 987_654 })).toThrow(NotFoundError);
    expect(getWalletBalance(shopper, USD).available).toBe(200);
    expectVerified();
  });

  it('replays a pending transfer by key, in its current state', () => {
    const input: TransferInput = { debit: bank, credit: wallet, amount: 100, currency: USD, kind: 'deposit_wire', idempotencyKey: key(), description: 'Wire' };
    const { transfer } = createPendingTransfer(input);
    postPendingTransfer({ transferId: transfer.id });
    const replay = createPendingTransfer(input);
    expect(replay).toMatchObject({ replayed: true, transfer: { id: transfer.id, state: 'posted' } });
    expect(getWalletBalance(shopper, USD).posted).toBe(100);
  });
});

describe('inside a caller transaction', () => {
  it('commits with the caller', () => {
    writeTransaction(() => {
      deposit(1_000);
      postTransfer(payment(400));
    });
    expect(getWalletBalance(shopper, USD).available).toBe(600);
    expectVerified();
  });

  it('rolls back with the caller, reference number included', () => {
    const before = deposit(1_000).transfer.reference;
    expect(() =>
      writeTransaction(() => {
        postTransfer(payment(400));
        throw new Error('order update failed');
      }),
    ).toThrow('order update failed');
    expect(getWalletBalance(shopper, USD).available).toBe(1_000);
    const after = deposit(1).transfer.reference;
    expect(Number(after.split('/')[2])).toBe(Number(before.split('/')[2]) + 1);
    expectVerified();
  });

  it('a refused debit can be caught by the caller, whose other work stays', () => {
    deposit(1_000);
    writeTransaction(() => {
      postTransfer(payment(300));
      expect(() => postTransfer(payment(5_000))).toThrow(InsufficientFundsError);
      postTransfer(payment(200));
    });
    expect(getWalletBalance(shopper, USD).available).toBe(500);
    expectVerified();
  });
});

describe('nextSequenceValue', () => {
  it('counts from 1 per name, only inside a transaction', () => {
    const name = `TEST/${randomUUID()}`;
    expect(() => nextSequenceValue(name)).toThrow(/inside a write transaction/);
    expect(writeTransaction(() => [nextSequenceValue(name), nextSequenceValue(name)])).toEqual([1, 2]);
    expect(() =>
      writeTransaction(() => {
        nextSequenceValue(name);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(writeTransaction(() => nextSequenceValue(name))).toBe(3);
    expect(writeTransaction(() => nextSequenceValue(`${name}/other`))).toBe(1);
  });
});

describe('getBalance', () => {
  it('reads zeros for an unused wallet without creating it', () => {
    expect(getWalletBalance(shopper, 'EUR')).toEqual({ available: 0, pendingIncoming: 0, held: 0, posted: 0, currency: 'EUR' });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM ledger_accounts WHERE owner_id = ?').get(shopper)).toEqual({ n: 0 });
  });
});

describe('verifyLedger', () => {
  it('notices tampering', () => {
    deposit(1_000);
    expectVerified();
    const id = sqlite.prepare<[string], { id: number }>('SELECT id FROM ledger_accounts WHERE code = ?').get(`wallet:${shopper}:USD`)?.id;
    sqlite.prepare('UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE id = ?').run(id);
    const broken = verifyLedger();
    expect(broken.ok).toBe(false);
    expect(broken.problems.join('\n')).toMatch(/credits_posted is 1001 but its transfers sum to 1000/);
    expect(broken.problems.join('\n')).toMatch(/USD: posted balances of all accounts sum to 1, not 0/);
    sqlite.prepare('UPDATE ledger_accounts SET credits_posted = credits_posted - 1 WHERE id = ?').run(id);

    // Someone with raw access to the file could drop the append-only trigger first.
    sqlite.exec('DROP TRIGGER ledger_entries_no_update');
    sqlite.prepare('UPDATE ledger_entries SET balance_after = balance_after + 5 WHERE account_id = ?').run(id);
    expect(verifyLedger().problems.join('\n')).toMatch(/balance_after/);
    sqlite.prepare('UPDATE ledger_entries SET balance_after = balance_after - 5 WHERE account_id = ?').run(id);

    sqlite.prepare(`UPDATE sequences SET last_value = last_value + 1 WHERE name LIKE 'WT/%'`).run();
    expect(verifyLedger().problems.join('\n')).toMatch(/References of \d{4}/);
    sqlite.prepare(`UPDATE sequences SET last_value = last_value - 1 WHERE name LIKE 'WT/%'`).run();
    expectVerified();
  });

  it('the database itself refuses a wallet below its limit', () => {
    deposit(100);
    expect(() =>
      sqlite.prepare('UPDATE ledger_accounts SET debits_posted = debits_posted + 101 WHERE code = ?').run(`wallet:${shopper}:USD`),
    ).toThrow(/CHECK constraint failed: ledger_accounts_within_limit/);
  });
});
