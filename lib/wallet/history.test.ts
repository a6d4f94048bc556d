import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertTestUser } from '@/test/helpers/users';
import { postTransfer } from '@/lib/ledger';
import { historyToCsv } from './history-csv';
import { historyQuery, parseHistorySearch, toHistoryFilters } from './history-filters';
import { getWalletHistoryForExport, getWalletHistoryPage } from './queries';

function move(userId: number, kind: 'deposit_card' | 'payment', amount: number, description: string) {
  const wallet = { wallet: userId, currency: 'USD' } as const;
  const system = { system: kind === 'payment' ? 'sales' : 'card_clearing', currency: 'USD' } as const;
  return postTransfer({
    debit: kind === 'payment' ? wallet : system,
    credit: kind === 'payment' ? system : wallet,
    amount,
    currency: 'USD',
    kind,
    idempotencyKey: crypto.randomUUID(),
    description,
  });
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
    expect(csv[0]).toBe('"Reference","Date (UTC)","Description","Status","Credit","Debit","Balance","Currency"');
    expect(csv[1]).toContain(`"'=HYPERLINK(""evil"")","Posted","","25.50","74.50","USD"`);
    expect(csv).toHaveLength(3);
  });
});
