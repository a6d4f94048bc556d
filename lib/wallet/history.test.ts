import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { insertTestUser } from '@/test/helpers/users';
import { toTransactionRows } from '@/components/tables/wallet-transactions/rows';
import { createPendingTransfer, postPendingTransfer, postTransfer, voidPendingTransfer } from '@/lib/ledger';
import { readCsv } from '@/test/helpers/csv';
import csvWords from '@/messages/en/csv.json';
import csvWordsTr from '@/messages/tr/csv.json';
import { historyToCsv, type HistoryCsvWords } from './history-csv';
import { historyQuery, parseHistorySearch, toHistoryFilters } from './history-filters';
import { getWalletHistoryForExport, getWalletHistoryPage, getWalletOverview } from './queries';
import { plainDescription } from '@/lib/ledger/descriptions';
import { englishDescription } from '@/lib/ledger/english';

const db = getDatabase();

/** The English words of the export route (messages/en/csv.json); descriptions as lib stores them. */
const english: HistoryCsvWords = {
  locale: 'en',
  header: csvWords.header,
  status: (status) => csvWords.status[status],
  describe: (line) => ('memo' in line && line.memo) || englishDescription(line.description),
};

type Kind = 'deposit_card' | 'deposit_wire' | 'payment';
const sources = { deposit_card: 'card_clearing', deposit_wire: 'bank_clearing', payment: 'sales' } as const;

/** A transfer of `kind` between the shopper's wallet and the system account it goes through. */
function transferInput(userId: number, kind: Kind, amount: number, description: string) {
  const wallet = { wallet: userId, currency: 'USD' } as const;
  const system = { system: sources[kind], currency: 'USD' } as const;
  const out = kind === 'payment';
  return { debit: out ? wallet : system, credit: out ? system : wallet, amount, currency: 'USD', kind, idempotencyKey: crypto.randomUUID(), description: plainDescription(description) };
}

function move(userId: number, kind: Kind, amount: number, description: string) {
  return db.write((tx) => postTransfer(tx, transferInput(userId, kind, amount, description)));
}

async function pending(userId: number, kind: Kind, amount: number, description: string) {
  return (await db.write((tx) => createPendingTransfer(tx, transferInput(userId, kind, amount, description)))).transfer;
}

const voidPending = (input: { transferId: number; reason?: string }) => db.write((tx) => voidPendingTransfer(tx, input));
const postPending = (input: { transferId: number }) => db.write((tx) => postPendingTransfer(tx, input));
const historyPage = (userId: number, params: Record<string, string>) => getWalletHistoryPage(db.read, userId, parseHistorySearch(params));
const overview = (userId: number) => getWalletOverview(db.read, userId);

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

  it('filters by type and exports exactly the filtered rows as CSV', async () => {
    const shopper = await insertTestUser(db);
    await move(shopper.id, 'deposit_card', 10000, 'Top-up by card');
    await move(shopper.id, 'payment', 2550, '=HYPERLINK("evil")');
    await move(shopper.id, 'deposit_card', 1, 'Top-up by card');

    const payments = await historyPage(shopper.id, { type: 'payments' });
    expect(payments.rows.map((row) => row.debit)).toEqual([2550]);
    expect((await historyPage(shopper.id, {})).totalRows).toBe(3);

    const { rows, currency } = await getWalletHistoryForExport(db.read, shopper.id, parseHistorySearch({ type: 'payments' }));
    const csv = historyToCsv(rows, currency, [], english).split('\r\n');
    expect(csv[0]).toBe('\uFEFFReference,Date (UTC),Description,Status,Amount,Credit,Debit,Balance,Currency');
    expect(csv[1]).toContain(`,"'=HYPERLINK(""evil"")",Posted,25.50,,25.50,74.50,USD`);
    expect(csv).toHaveLength(3);
  });

  it('exports in Turkish with a BOM, ";" between fields and the decimal comma', async () => {
    const shopper = await insertTestUser(db);
    await move(shopper.id, 'deposit_card', 123_450, 'Kart ile yükleme; Işıl');
    await move(shopper.id, 'payment', 2_550, '-1+1');
    const turkish: HistoryCsvWords = {
      locale: 'tr',
      header: csvWordsTr.header,
      status: (status) => csvWordsTr.status[status],
      describe: (line) => englishDescription(line.description),
    };
    const { rows, currency } = await getWalletHistoryForExport(db.read, shopper.id, parseHistorySearch({}));
    const csv = historyToCsv(rows, currency, [], turkish).split('\r\n');
    expect(csv[0]).toBe('\uFEFFReferans;Tarih (UTC);Açıklama;Durum;Tutar;Giriş;Çıkış;Bakiye;Para birimi');
    expect(csv[1]).toContain(`;'-1+1;Gerçekleşti;25,50;;25,50;1209,00;USD`);
    expect(csv[2]).toContain(`;"Kart ile yükleme; Işıl";Gerçekleşti;1234,50;1234,50;;1234,50;USD`);
    expect(csv).toHaveLength(4);
  });
});

/** The CSV's lines after the header, as arrays of unquoted fields. */
async function csvLines(userId: number): Promise<string[][]> {
  const { rows, currency, pending: open } = await getWalletHistoryForExport(db.read, userId, parseHistorySearch({}));
  return readCsv(historyToCsv(rows, currency, open, english), ',').slice(1);
}

describe('honest wallet history', () => {
  it('a rejected wire top-up is not a credit: no amount in Credit, no running balance, marked Rejected', async () => {
    const shopper = await insertTestUser(db);
    await move(shopper.id, 'deposit_card', 10_000, 'Top-up by card');
    const wire = await pending(shopper.id, 'deposit_wire', 5_000, 'Top-up by wire transfer');
    expect((await csvLines(shopper.id))[0]).toEqual([wire.reference, expect.any(String), 'Top-up by wire transfer', 'Pending', '50.00', '', '', '', 'USD']);

    await voidPending({ transferId: wire.id, reason: 'No transfer arrived' });
    const { rows, currency } = await historyPage(shopper.id, {});
    expect(toTransactionRows(rows, currency)[0]).toMatchObject({
      reference: wire.reference,
      status: 'rejected',
      amount: 5_000,
      credit: null,
      debit: null,
      balanceAfter: null,
    });
    const lines = await csvLines(shopper.id);
    expect(lines[0]).toEqual([wire.reference, expect.any(String), 'Top-up by wire transfer', 'Rejected', '50.00', '', '', '', 'USD']);
    expect(lines[1]?.slice(3)).toEqual(['Posted', '100.00', '100.00', '', '100.00', 'USD']);
    expect((await overview(shopper.id)).balance.posted).toBe(10_000);
  });

  it('a hold is not a debit until captured; a released hold is marked Released, never a red debit', async () => {
    const shopper = await insertTestUser(db);
    await move(shopper.id, 'deposit_card', 10_000, 'Top-up by card');
    const hold = await pending(shopper.id, 'payment', 3_000, 'Order S00042');
    expect((await csvLines(shopper.id)).map((line) => line[3])).toEqual(['Held', 'Posted']);
    expect((await historyPage(shopper.id, {})).pending.map((item) => item.reference)).toEqual([hold.reference]);

    await voidPending({ transferId: hold.id });
    const released = toTransactionRows((await historyPage(shopper.id, {})).rows, 'USD')[0];
    expect(released).toMatchObject({ status: 'released', amount: 3_000, debit: null, credit: null, balanceAfter: null });

    const captured = await pending(shopper.id, 'payment', 2_500, 'Order S00043');
    await postPending({ transferId: captured.id });
    const rows = toTransactionRows((await historyPage(shopper.id, {})).rows, 'USD');
    expect(rows[0]).toMatchObject({ status: 'posted', debit: 2_500, balanceAfter: 7_500 });
    expect((await csvLines(shopper.id))[0]?.slice(3)).toEqual(['Posted', '25.00', '', '25.00', '75.00', 'USD']);
  });

  it('the balance My Wallet shows is the last running balance, also during a hold and after a rejection', async () => {
    const shopper = await insertTestUser(db);
    const lastRunningBalance = async () =>
      toTransactionRows((await overview(shopper.id)).recent, 'USD').find((row) => row.balanceAfter !== null)?.balanceAfter;
    await move(shopper.id, 'deposit_card', 10_000, 'Top-up by card');
    const hold = await pending(shopper.id, 'payment', 4_000, 'Order hold');
    await pending(shopper.id, 'deposit_wire', 2_000, 'Wire on its way');

    const during = (await overview(shopper.id)).balance;
    expect(during).toMatchObject({ posted: 10_000, held: 4_000, available: 6_000, pendingIncoming: 2_000 });
    expect(await lastRunningBalance()).toBe(during.posted);

    const rejected = await pending(shopper.id, 'deposit_wire', 5_000, 'Wire rejected');
    await voidPending({ transferId: rejected.id });
    await postPending({ transferId: hold.id });
    const after = (await overview(shopper.id)).balance;
    expect(after).toMatchObject({ posted: 6_000, held: 0, available: 6_000 });
    expect(await lastRunningBalance()).toBe(after.posted);
  });
});
