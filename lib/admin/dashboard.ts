import 'server-only';
import { and, asc, count, eq, gte, inArray, lt, sql, type AnyColumn } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Query } from '@/db/database';
import { ledgerAccounts, ledgerEntries, ledgerTransfers, payments, type TransferKind } from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';

const dayMs = 86_400_000;

export type CurrencyTotal = { currency: string; count: number; amount: number };

export type WalletLiability = {
  currency: string;
  /** Σ posted balances of customer wallets, read from their ledger_accounts rows. */
  total: number;
  /** Σ posted wallet balances as the ledger verification recomputes them from transfers. */
  ledgerTotal: number;
  /** Σ wire top-ups on their way in (not yet owed). */
  pendingIncoming: number;
  wallets: number;
};

export type LiabilityPoint = { date: string; total: number };

const amountSum = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

/** Wallet accounts in `currency` (the ledger entries the series sums belong to these). */
const walletsIn = (currency: string) => and(eq(ledgerAccounts.kind, 'wallet'), eq(ledgerAccounts.currency, currency));

/**
 * Total wallet liability at the end of each UTC day, from the wallets' ledger entries (each
 * entry is a change of a posted balance), for the last `days` days or since the first
 * movement when that is later (at least a week is shown). The days are bucketed here, not in
 * SQL, so the same query runs on both engines: one sum before the window, then the window's rows.
 */
export async function walletLiabilitySeries(q: Query, currency: string, options: { days?: number; now?: number } = {}): Promise<LiabilityPoint[]> {
  const days = Math.min(Math.max(options.days ?? 60, 7), 366);
  const today = Math.floor((options.now ?? Date.now()) / dayMs);
  const [first] = await q
    .select({ at: ledgerEntries.createdAt })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(walletsIn(currency))
    .orderBy(asc(ledgerEntries.createdAt))
    .limit(1);
  const firstDay = first ? Math.floor(first.at.getTime() / dayMs) : today;
  const start = Math.min(Math.max(today - days + 1, firstDay), today - 6);
  const windowStart = new Date(start * dayMs);
  const [before] = await q
    .select({ total: amountSum(ledgerEntries.delta) })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(walletsIn(currency), lt(ledgerEntries.createdAt, windowStart)));
  const changes = await q
    .select({ at: ledgerEntries.createdAt, delta: ledgerEntries.delta })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(walletsIn(currency), gte(ledgerEntries.createdAt, windowStart)));
  const byDay = new Map<number, number>();
  for (const { at, delta } of changes) {
    const day = Math.floor(at.getTime() / dayMs);
    byDay.set(day, (byDay.get(day) ?? 0) + delta);
  }
  let total = before?.total ?? 0;
  const points: LiabilityPoint[] = [];
  for (let day = start; day <= today; day += 1) {
    total += byDay.get(day) ?? 0;
    points.push({ date: new Date(day * dayMs).toISOString().slice(0, 10), total });
  }
  return points;
}

async function postedSince(q: Query, kinds: TransferKind[], since: Date, fromWallet: boolean): Promise<CurrencyTotal[]> {
  const debit = alias(ledgerAccounts, 'debit');
  return q
    .select({ currency: ledgerTransfers.currency, count: count(), amount: amountSum(ledgerTransfers.amount) })
    .from(ledgerTransfers)
    .innerJoin(debit, eq(debit.id, ledgerTransfers.debitAccountId))
    .where(
      and(
        inArray(ledgerTransfers.kind, kinds),
        eq(ledgerTransfers.state, 'posted'),
        gte(ledgerTransfers.postedAt, since),
        fromWallet ? eq(debit.kind, 'wallet') : undefined,
      ),
    )
    .groupBy(ledgerTransfers.currency)
    .orderBy(ledgerTransfers.currency);
}

/** The figures of the staff dashboard: what the shop owes its customers and what moved lately. */
export async function getDashboard(q: Query, now = Date.now()) {
  const { currency } = await getSettings(q);
  const verification = await verifyLedger(q);
  const rows = await q
    .select({
      currency: ledgerAccounts.currency,
      total: sql<number>`coalesce(sum(${ledgerAccounts.creditsPosted} - ${ledgerAccounts.debitsPosted}), 0)`.mapWith(Number),
      pending: amountSum(ledgerAccounts.creditsPending),
      wallets: count(),
    })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.kind, 'wallet'))
    .groupBy(ledgerAccounts.currency)
    .orderBy(ledgerAccounts.currency);
  if (!rows.some((row) => row.currency === currency)) rows.unshift({ currency, total: 0, pending: 0, wallets: 0 });
  const liabilities: WalletLiability[] = rows.map((row) => ({
    currency: row.currency,
    total: row.total,
    ledgerTotal: verification.walletBalancesByCurrency[row.currency] ?? 0,
    pendingIncoming: row.pending,
    wallets: row.wallets,
  }));
  const since = new Date(now - 30 * dayMs);
  const pendingWireTopUps: CurrencyTotal[] = await q
    .select({ currency: payments.currency, count: count(), amount: amountSum(payments.amount) })
    .from(payments)
    .where(and(eq(payments.provider, 'wire_transfer'), eq(payments.purpose, 'top_up'), eq(payments.state, 'pending')))
    .groupBy(payments.currency)
    .orderBy(payments.currency);
  return {
    currency,
    liabilities,
    ledger: { ok: verification.ok, problems: verification.problems.length, transfers: verification.transfers },
    pendingWireTopUps,
    topUpsLast30Days: await postedSince(q, ['deposit_card', 'deposit_wire'], since, false),
    walletPaymentsLast30Days: await postedSince(q, ['payment'], since, true),
    liabilitySeries: await walletLiabilitySeries(q, currency, { now }),
  };
}
