import 'server-only';
import { sqlite } from '@/db/client';
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

type Reads = ReturnType<typeof prepareReads>;

function prepareReads() {
  return {
    liabilities: sqlite.prepare<[], { currency: string; total: number; pending: number; wallets: number }>(
      `SELECT currency, SUM(credits_posted - debits_posted) AS total, SUM(credits_pending) AS pending, COUNT(*) AS wallets
       FROM ledger_accounts WHERE kind = 'wallet' GROUP BY currency ORDER BY currency`,
    ),
    pendingWires: sqlite.prepare<[], CurrencyTotal>(
      `SELECT currency, COUNT(*) AS count, SUM(amount) AS amount FROM payments
       WHERE provider = 'wire_transfer' AND purpose = 'top_up' AND state = 'pending'
       GROUP BY currency ORDER BY currency`,
    ),
    topUpsSince: sqlite.prepare<[number], CurrencyTotal>(
      `SELECT currency, COUNT(*) AS count, SUM(amount) AS amount FROM ledger_transfers
       WHERE kind IN ('deposit_card', 'deposit_wire') AND state = 'posted' AND posted_at >= ?
       GROUP BY currency ORDER BY currency`,
    ),
    walletPaymentsSince: sqlite.prepare<[number], CurrencyTotal>(
      `SELECT t.currency, COUNT(*) AS count, SUM(t.amount) AS amount FROM ledger_transfers t
       JOIN ledger_accounts d ON d.id = t.debit_account_id AND d.kind = 'wallet'
       WHERE t.kind = 'payment' AND t.state = 'posted' AND t.posted_at >= ?
       GROUP BY t.currency ORDER BY t.currency`,
    ),
    dailyChanges: sqlite.prepare<[string], { day: number; change: number }>(
      `SELECT e.created_at / ${dayMs} AS day, SUM(e.delta) AS change
       FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
       WHERE a.kind = 'wallet' AND a.currency = ?
       GROUP BY day ORDER BY day`,
    ),
  };
}

let reads: Reads | undefined;
function readStatements(): Reads {
  reads ??= prepareReads();
  return reads;
}

/**
 * Total wallet liability at the end of each UTC day, from the wallets' ledger entries (each
 * entry is a change of a posted balance), for the last `days` days or since the first
 * movement when that is later (at least a week is shown).
 */
export function walletLiabilitySeries(currency: string, options: { days?: number; now?: number } = {}): LiabilityPoint[] {
  const days = Math.min(Math.max(options.days ?? 60, 7), 366);
  const today = Math.floor((options.now ?? Date.now()) / dayMs);
  const changes = readStatements().dailyChanges.all(currency);
  const firstDay = changes[0]?.day ?? today;
  const start = Math.min(Math.max(today - days + 1, firstDay), today - 6);
  let total = 0;
  const byDay = new Map<number, number>();
  for (const { day, change } of changes) {
    if (day < start) total += change;
    else byDay.set(day, change);
  }
  const points: LiabilityPoint[] = [];
  for (let day = start; day <= today; day += 1) {
    total += byDay.get(day) ?? 0;
    points.push({ date: new Date(day * dayMs).toISOString().slice(0, 10), total });
  }
  return points;
}

/** The figures of the staff dashboard: what the shop owes its customers and what moved lately. */
export function getDashboard(now = Date.now()) {
  const { currency } = getSettings();
  const s = readStatements();
  const verification = verifyLedger();
  const rows = s.liabilities.all();
  if (!rows.some((row) => row.currency === currency)) rows.unshift({ currency, total: 0, pending: 0, wallets: 0 });
  const liabilities: WalletLiability[] = rows.map((row) => ({
    currency: row.currency,
    total: row.total,
    ledgerTotal: verification.walletBalancesByCurrency[row.currency] ?? 0,
    pendingIncoming: row.pending,
    wallets: row.wallets,
  }));
  const since = now - 30 * dayMs;
  return {
    currency,
    liabilities,
    ledger: { ok: verification.ok, problems: verification.problems.length, transfers: verification.transfers },
    pendingWireTopUps: s.pendingWires.all(),
    topUpsLast30Days: s.topUpsSince.all(since),
    walletPaymentsLast30Days: s.walletPaymentsSince.all(since),
    liabilitySeries: walletLiabilitySeries(currency, { now }),
  };
}
