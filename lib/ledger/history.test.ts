import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import {
  createPendingTransfer,
  getWalletBalance,
  listAccountHistory,
  listAccountHistoryFiltered,
  listPendingTransfers,
  postPendingTransfer,
  postTransfer,
  verifyLedger,
  voidPendingTransfer,
  type AccountRef,
  type TransferInput,
  type TransferKind,
} from './index';
import { plainDescription } from './descriptions';
import { createTestUser } from './test-helpers';

const db = getDatabase();
const history = (ref: AccountRef, options?: { page?: number; pageSize?: number }) => listAccountHistory(db.read, ref, options);
const filtered = (ref: AccountRef, options?: Parameters<typeof listAccountHistoryFiltered>[2]) => listAccountHistoryFiltered(db.read, ref, options);
const pendingOf = (ref: AccountRef) => listPendingTransfers(db.read, ref);
const createPending = async (input: TransferInput) => (await db.write((tx) => createPendingTransfer(tx, input))).transfer;

const USD = 'USD';
let shopper: number;
let wallet: AccountRef;
const card: AccountRef = { system: 'card_clearing', currency: USD };
const bank: AccountRef = { system: 'bank_clearing', currency: USD };
const sales: AccountRef = { system: 'sales', currency: USD };

async function move(debit: AccountRef, credit: AccountRef, amount: number, kind: TransferKind, description: string) {
  return (await db.write((tx) => postTransfer(tx, { debit, credit, amount, currency: USD, kind, idempotencyKey: randomUUID(), description: plainDescription(description) }))).transfer;
}

beforeEach(async () => {
  shopper = await createTestUser(db);
  wallet = { wallet: shopper, currency: USD };
});

describe('listAccountHistory', () => {
  it('pages 25 rows as 10, 10 and 5, newest first, with running balances', async () => {
    const expected: { reference: string; credit: number | null; debit: number | null; balanceAfter: number }[] = [];
    let balance = 0;
    for (let i = 1; i <= 25; i++) {
      if (i % 3 === 0) {
        const t = (await move(wallet, sales, 100 * i, 'payment', `Order ${i}`));
        balance -= 100 * i;
        expected.push({ reference: t.reference, credit: null, debit: 100 * i, balanceAfter: balance });
      } else {
        const t = (await move(card, wallet, 200 * i, 'deposit_card', `Top-up ${i}`));
        balance += 200 * i;
        expected.push({ reference: t.reference, credit: 200 * i, debit: null, balanceAfter: balance });
      }
    }
    expected.reverse();

    const pages = await Promise.all([1, 2, 3].map((page) => history(wallet, { page })));
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 5]);
    for (const p of pages) expect(p).toMatchObject({ pageSize: 10, totalRows: 25, totalPages: 3 });
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(rows.map(({ reference, credit, debit, balanceAfter }) => ({ reference, credit, debit, balanceAfter }))).toEqual(expected);
    expect(rows[0]).toMatchObject({ state: 'posted', kind: 'deposit_card', description: { code: 'text', params: { text: 'Top-up 25' } }, delta: 5_000, memo: null });
    expect(rows[0]?.date).toBeInstanceOf(Date);
    expect(rows[0]?.balanceAfter).toBe((await getWalletBalance(db.read, shopper, USD)).posted);

    expect((await history(wallet, { page: 4 }))).toMatchObject({ rows: [], totalRows: 25, totalPages: 3 });
    expect((await history(wallet, { page: 2, pageSize: 20 })).rows.map((r) => r.position)).toEqual([5, 4, 3, 2, 1]);
    expect((await history(wallet)).page).toBe(1);
  });

  it('normalizes odd paging input', async () => {
    await move(card, wallet, 100, 'deposit_card', 'Top-up');
    for (const page of [0, -3, 1.5, Number.NaN]) expect((await history(wallet, { page }))).toMatchObject({ page: 1, totalRows: 1 });
    expect((await history(wallet, { pageSize: 1000 })).pageSize).toBe(100);
    expect((await history(wallet, { pageSize: 0 })).pageSize).toBe(1);
  });

  it('is empty for an unused wallet', async () => {
    expect((await history(wallet))).toEqual({ rows: [], page: 1, pageSize: 10, totalRows: 0, totalPages: 1 });
    expect((await pendingOf(wallet))).toEqual([]);
  });

  it('shows a transfer when it becomes final: posted or voided, never while pending', async () => {
    await move(card, wallet, 10_000, 'deposit_card', 'Card top-up');
    const wire = await createPending({ debit: bank, credit: wallet, amount: 5_000, currency: USD, kind: 'deposit_wire', idempotencyKey: randomUUID(), description: { code: 'text', params: { text: 'Wire top-up' } } });
    const hold = await createPending({ debit: wallet, credit: sales, amount: 3_000, currency: USD, kind: 'payment', idempotencyKey: randomUUID(), description: { code: 'text', params: { text: 'Order hold' } } });
    expect((await history(wallet)).totalRows).toBe(1);

    const pending = (await pendingOf(wallet));
    expect(pending).toEqual([
      { transferId: hold.id, reference: hold.reference, amount: 3_000, currency: USD, createdAt: hold.createdAt, kind: 'payment', description: { code: 'text', params: { text: 'Order hold' } }, memo: null, direction: 'outgoing' },
      { transferId: wire.id, reference: wire.reference, amount: 5_000, currency: USD, createdAt: wire.createdAt, kind: 'deposit_wire', description: { code: 'text', params: { text: 'Wire top-up' } }, memo: null, direction: 'incoming' },
    ]);

    await db.write((tx) => voidPendingTransfer(tx, { transferId: hold.id }));
    await db.write((tx) => postPendingTransfer(tx, { transferId: wire.id }));
    expect((await pendingOf(wallet))).toEqual([]);

    const { rows } = (await history(wallet));
    // A released hold moved nothing: no debit, the running balance unchanged, its amount kept apart.
    expect(rows.map((r) => [r.position, r.reference, r.state, r.direction, r.amount, r.credit, r.debit, r.delta, r.balanceAfter])).toEqual([
      [3, wire.reference, 'posted', 'credit', 5_000, 5_000, null, 5_000, 15_000],
      [2, hold.reference, 'voided', 'debit', 3_000, null, null, 0, 10_000],
      [1, expect.any(String), 'posted', 'credit', 10_000, 10_000, null, 10_000, 10_000],
    ]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('works for system accounts too', async () => {
    const before = (await history(sales)).totalRows;
    await move(card, wallet, 1_000, 'deposit_card', 'Top-up');
    await move(wallet, sales, 400, 'payment', 'Order');
    const after = (await history(sales, { pageSize: 1 }));
    expect(after.totalRows).toBe(before + 1);
    expect(after.rows[0]).toMatchObject({ credit: 400, debit: null, position: before + 1 });
  });
});

describe('listAccountHistoryFiltered', () => {
  it('filters by kind and date, paging the matches', async () => {
    for (let i = 0; i < 12; i++) await move(card, wallet, 1_000, 'deposit_card', `Top-up ${i}`);
    for (let i = 0; i < 7; i++) await move(wallet, sales, 100, 'payment', `Order ${i}`);
    await move(card, wallet, 50, 'refund_to_wallet', 'Refund');

    const payments = (await filtered(wallet, { kinds: ['payment'], pageSize: 5 }));
    expect(payments).toMatchObject({ totalRows: 7, totalPages: 2 });
    expect(payments.rows.map((r) => r.description.params.text)).toEqual(['Order 6', 'Order 5', 'Order 4', 'Order 3', 'Order 2']);
    expect((await filtered(wallet, { kinds: ['payment'], pageSize: 5, page: 2 })).rows.map((r) => r.position)).toEqual([14, 13]);

    const mixed = (await filtered(wallet, { kinds: ['payment', 'refund_to_wallet'] }));
    expect(mixed.totalRows).toBe(8);
    expect(mixed.rows[0]).toMatchObject({ kind: 'refund_to_wallet', credit: 50, balanceAfter: 11_350 });

    expect((await filtered(wallet, { from: new Date(Date.now() + 60_000) })).totalRows).toBe(0);
    expect((await filtered(wallet, { to: new Date(Date.now() + 60_000) })).totalRows).toBe(20);
    expect((await filtered(wallet, { kinds: [] }))).toEqual((await history(wallet)));
  });
});
