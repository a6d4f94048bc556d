import 'server-only';
import { and, asc, count, eq, gte, inArray, lt, ne, sql, type AnyColumn } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Query } from '@/db/database';
import { ledgerAccounts, ledgerEntries, ledgerTransfers, orders, payments, type TransferKind } from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';
import { addDays, dayOf, dayRange, daysBetween, dayStart, monthStartOf } from '@/lib/reports/days';
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

/** The shop's orders and sales over some days of its time zone. */
export type ShopPeriod = {
  /** Orders placed in the period and not cancelled. */
  placed: number;
  /** Orders paid in the period, and their gross totals per currency (before refunds). */
  sales: CurrencyTotal[];
};

export type SalesPoint = { date: string; amount: number; count: number };

/** Orders placed (not cancelled) and orders paid, with their gross totals, in [start, end). */
async function shopPeriod(q: Query, start: Date, end: Date): Promise<ShopPeriod> {
  const [placed] = await q
    .select({ n: count() })
    .from(orders)
    .where(and(gte(orders.createdAt, start), lt(orders.createdAt, end), ne(orders.state, 'canceled')));
  const sales: CurrencyTotal[] = await q
    .select({ currency: orders.currency, count: count(), amount: amountSum(orders.amountTotal) })
    .from(orders)
    .where(and(gte(orders.paidAt, start), lt(orders.paidAt, end)))
    .groupBy(orders.currency)
    .orderBy(orders.currency);
  return { placed: Number(placed?.n ?? 0), sales };
}

/**
 * Gross sales (paid orders' totals, by the day they were paid) of each of the last `days` days in
 * the shop's time zone, today last, in `currency`. Days are bucketed here, not in SQL, so the
 * query is the same on both engines.
 */
export async function salesSeries(q: Query, currency: string, options: { timeZone: string; days?: number; now?: number }): Promise<SalesPoint[]> {
  const today = dayOf(options.now ?? Date.now(), options.timeZone);
  const first = addDays(today, -((options.days ?? 30) - 1));
  const { start, end } = dayRange(first, today, options.timeZone);
  const paid = await q
    .select({ paidAt: orders.paidAt, amount: orders.amountTotal })
    .from(orders)
    .where(and(eq(orders.currency, currency), gte(orders.paidAt, start), lt(orders.paidAt, end)));
  const byDay = new Map<string, SalesPoint>();
  for (const day of daysBetween(first, today)) byDay.set(day, { date: day, amount: 0, count: 0 });
  for (const order of paid) {
    const point = order.paidAt ? byDay.get(dayOf(order.paidAt, options.timeZone)) : undefined;
    if (!point) continue;
    point.amount += order.amount;
    point.count += 1;
  }
  return [...byDay.values()];
}

/**
 * The shop's side of the dashboard, in the shop's time zone: today's and this month's orders and
 * sales, the orders waiting to ship (paid or being prepared) and the sales of the last 30 days.
 */
export async function getShopFigures(q: Query, options: { currency: string; timeZone: string; now?: number }) {
  const now = options.now ?? Date.now();
  const today = dayOf(now, options.timeZone);
  const tomorrow = dayStart(addDays(today, 1), options.timeZone);
  const [waiting] = await q
    .select({ n: count() })
    .from(orders)
    .where(inArray(orders.state, ['paid', 'processing']));
  return {
    today: await shopPeriod(q, dayStart(today, options.timeZone), tomorrow),
    month: await shopPeriod(q, dayStart(monthStartOf(today), options.timeZone), tomorrow),
    waitingToShip: Number(waiting?.n ?? 0),
    salesSeries: await salesSeries(q, options.currency, { timeZone: options.timeZone, now }),
  };
}

/** The figures of the staff dashboard: the shop's orders and sales, what it owes its customers and what moved lately. */
export async function getDashboard(q: Query, now = Date.now()) {
  const { currency, timeZone } = await getSettings(q);
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
    timeZone,
    liabilities,
    ledger: { ok: verification.ok, problems: verification.problems.length, transfers: verification.transfers },
    pendingWireTopUps,
    topUpsLast30Days: await postedSince(q, ['deposit_card', 'deposit_wire'], since, false),
    walletPaymentsLast30Days: await postedSince(q, ['payment'], since, true),
    liabilitySeries: await walletLiabilitySeries(q, currency, { now }),
    shop: await getShopFigures(q, { currency, timeZone, now }),
  };
}
