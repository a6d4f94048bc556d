import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertTestUser } from '@/test/helpers/users';
import { toTransactionRows } from '@/components/tables/wallet-transactions/rows';
import { createPendingTransfer, postPendingTransfer, postTransfer, voidPendingTransfer } from '@/lib/ledger';
import { historyToCsv } from './history-csv';
import { historyQuery, parseHistorySearch, toHistoryFilters } from './history-filters';
import { getWalletHistoryForExport, getWalletHistoryPage, getWalletOverview } from './queries';

type Kind = 'deposit_card' | 'deposit_wire' | 'payment';
const sources = { deposit_card: 'card_clearing', deposit_wire: 'bank_clearing', payment: 'sales' } as const;

/** A transfer of `kind` between the shopper's wallet and the system account it goes through. */
function transferInput(userId: number, kind: Kind, amount: number, description: string) {
  const wallet = { wallet: userId, currency: 'USD' } as const;
  const system = { system: sources[kind], currency: 'USD' } as const;
  const out = kind === 'payment';
  return { debit: out ? wallet : system, credit: out ? system : wallet, amount, currency: 'USD', kind, idempotencyKey: crypto.randomUUID(), description };
}

function move(userId: number, kind: Kind, amount: number, description: string) {
  return postTransfer(transferInput(userId, kind, amount, description));
}

function pending(userId: number, kind: Kind, amount: number, description: string) {
  return createPendingTransfer(transferInput(userId, kind, amount, description)).transfer;
}

describe('wallet history search', () => {
  it('ignores malformed parameters instead of failing', () => {
    expect(parseHistorySearch({ type: 'nope', from: '2026-13-45', to: 'x', page: '-3' })).toEqual({ page: 1 });
    expect(parseHistorySearch({ type: 'payments', from: '2026-01-01', page: '2' })).toEqual({
      type: 'payments',
      from: '2026-01-01',
      page: 2,
    });
  });

  it('turns whole days into an inclusive range and keeps filters in links', () => {
    const search = parseHistorySearch({ type: 'top_ups', from: '2026-11-01', to: '2026-11-23' });
    expect(toHistoryFilters(search)).toEqual({
      kinds: ['deposit_card', 'deposit_wire'],
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-24T00:00:00Z'),
    });
    expect(historyQuery(search, 3)).toBe('?type=top_ups&from=2026-11-01&to=2026-11-23&page=3');
  });

  it('filters by type and exports exactly the filtered rows as CSV', () => {
    const shopper = insertTestUser();
    move(shopper.id, 'deposit_card', 10000, 'Top-up by card');
    move(shopper.id, 'payment', 2550, '=HYPERLINK("evil")');
    move(shopper.id, 'deposit_card', 1, 'Top-up by card');

    const payments = getWalletHistoryPage(shopper.id, parseHistorySearch({ type: 'payments' }));
    expect(payments.rows.map((row) => row.debit)).toEqual([2550]);
    expect(getWalletHistoryPage(shopper.id, parseHistorySearch({})).totalRows).toBe(3);

    const { rows, currency } = getWalletHistoryForExport(shopper.id, parseHistorySearch({ type: 'payments' }));
    const csv = historyToCsv(rows, currency).split('\r\n');
    expect(csv[0]).toBe('"Reference","Date (UTC)","Description","Status","Amount","Credit","Debit","Balance","Currency"');
    expect(csv[1]).toContain(`"'=HYPERLINK(""evil"")","Posted","25.50","","25.50","74.50","USD"`);
    expect(csv).toHaveLength(3);
  });
});

/** The CSV's lines after the header, as arrays of unquoted fields. */
function csvLines(userId: number): string[][] {
  const { rows, currency, pending: open } = getWalletHistoryForExport(userId, parseHistorySearch({}));
  return historyToCsv(rows, currency, open)
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.slice(1, -1).split('","'));
}

describe('honest wallet history', () => {
  it('a rejected wire top-up is not a credit: no amount in Credit, no running balance, marked Rejected', () => {
    const shopper = insertTestUser();
    move(shopper.id, 'deposit_card', 10_000, 'Top-up by card');
    const wire = pending(shopper.id, 'deposit_wire', 5_000, 'Top-up by wire transfer');
    expect(csvLines(shopper.id)[0]).toEqual([wire.reference, expect.any(String), 'Top-up by wire transfer', 'Pending', '50.00', '', '', '', 'USD']);

    voidPendingTransfer({ transferId: wire.id, reason: 'No transfer arrived' });
    const { rows, currency } = getWalletHistoryPage(shopper.id, parseHistorySearch({}));
    expect(toTransactionRows(rows, currency)[0]).toMatchObject({
      reference: wire.reference,
      status: 'rejected',
      amount: 5_000,
      credit: null,
      debit: null,
      balanceAfter: null,
    });
    const lines = csvLines(shopper.id);
    expect(lines[0]).toEqual([wire.reference, expect.any(String), 'Top-up by wire transfer', 'Rejected', '50.00', '', '', '', 'USD']);
    expect(lines[1]?.slice(3)).toEqual(['Posted', '100.00', '100.00', '', '100.00', 'USD']);
    expect(getWalletOverview(shopper.id).balance.posted).toBe(10_000);
  });

  it('a hold is not a debit until captured; a released hold is marked Released, never a red debit', () => {
    const shopper = insertTestUser();
    move(shopper.id, 'deposit_card', 10_000, 'Top-up by card');
    const hold = pending(shopper.id, 'payment', 3_000, 'Order S00042');
    expect(csvLines(shopper.id).map((line) => line[3])).toEqual(['Held', 'Posted']);
    expect(getWalletHistoryPage(shopper.id, parseHistorySearch({})).pending.map((item) => item.reference)).toEqual([hold.reference]);

    voidPendingTransfer({ transferId: hold.id });
    const released = toTransactionRows(getWalletHistoryPage(shopper.id, parseHistorySearch({})).rows, 'USD')[0];
    expect(released).toMatchObject({ status: 'released', amount: 3_000, debit: null, credit: null, balanceAfter: null });

    const captured = pending(shopper.id, 'payment', 2_500, 'Order S00043');
    postPendingTransfer({ transferId: captured.id });
    const rows = toTransactionRows(getWalletHistoryPage(shopper.id, parseHistorySearch({})).rows, 'USD');
    expect(rows[0]).toMatchObject({ status: 'posted', debit: 2_500, balanceAfter: 7_500 });
    expect(csvLines(shopper.id)[0]?.slice(3)).toEqual(['Posted', '25.00', '', '25.00', '75.00', 'USD']);
  });

  it('the balance My Wallet shows is the last running balance, also during a hold and after a rejection', () => {
    const shopper = insertTestUser();
    const lastRunningBalance = () =>
      toTransactionRows(getWalletOverview(shopper.id).recent, 'USD').find((row) => row.balanceAfter !== null)?.balanceAfter;
    move(shopper.id, 'deposit_card', 10_000, 'Top-up by card');
    const hold = pending(shopper.id, 'payment', 4_000, 'Order hold');
    pending(shopper.id, 'deposit_wire', 2_000, 'Wire on its way');

    const during = getWalletOverview(shopper.id).balance;
    expect(during).toMatchObject({ posted: 10_000, held: 4_000, available: 6_000, pendingIncoming: 2_000 });
    expect(lastRunningBalance()).toBe(during.posted);

    const rejected = pending(shopper.id, 'deposit_wire', 5_000, 'Wire rejected');
    voidPendingTransfer({ transferId: rejected.id });
    postPendingTransfer({ transferId: hold.id });
    const after = getWalletOverview(shopper.id).balance;
    expect(after).toMatchObject({ posted: 6_000, held: 0, available: 6_000 });
    expect(lastRunningBalance()).toBe(after.posted);
  });
});
