import { and, eq, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { ledgerAccounts, users } from '@/db/schema';
import { appConfig } from '@/lib/config';
import { parseAmount } from '@/lib/money';
import { codeMessage } from '@/lib/validations/messages';
import { enqueueMail } from './outbox';

// The low-balance alert. The shopper chooses a threshold (users.low_balance_threshold, minor units
// of the shop currency; null: off). users.low_balance_alerted means "below it, already told": set
// with the one e-mail when a debit takes the wallet below the threshold, cleared when the wallet
// is back at or above it, so the next dip alerts again. lib/ledger calls walletMoved after every
// movement of a wallet; this module reads the account row itself and never imports lib/ledger.

/** What the shopper can spend now: posted credits − posted debits − holds (0 for a wallet never used). */
async function availableBalance(q: Query, userId: number, currency: string): Promise<number> {
  const a = ledgerAccounts;
  const [row] = await q
    .select({ available: sql<number>`${a.creditsPosted} - ${a.debitsPosted} - ${a.debitsPending}`.mapWith(Number) })
    .from(a)
    .where(and(eq(a.kind, 'wallet'), eq(a.ownerId, userId), eq(a.currency, currency)));
  return row?.available ?? 0;
}

export type WalletMovement = {
  userId: number;
  currency: string;
  /** The transfer that moved it: keys the alert's e-mail. */
  transferId: number;
  /** True when the wallet was the debited side (a payment, a hold, a withdrawal). */
  debited: boolean;
  /** The wallet's account after the move, as the ledger's UPDATE returned it: its available balance and the owner's threshold. */
  account: { available: number; alertThreshold: number | null };
};

/**
 * After a wallet moved, in the same transaction: a debit that left it below the shopper's
 * threshold, not yet alerted, e-mails once (the flag is taken by a guarded UPDATE, so of two
 * payments only one alerts); a wallet back at or above the threshold re-arms the alert.
 */
export async function walletMoved(tx: Tx, movement: WalletMovement): Promise<void> {
  // Most shoppers have no threshold: the ledger's own UPDATE already said so, nothing is read.
  if (movement.currency !== appConfig().shopCurrency || movement.account.alertThreshold === null) return;
  const [user] = await tx
    .select({ email: users.email, threshold: users.lowBalanceThreshold, alerted: users.lowBalanceAlerted })
    .from(users)
    .where(eq(users.id, movement.userId));
  if (!user || user.threshold === null) return;
  const available = movement.account.available;
  if (available >= user.threshold) {
    if (user.alerted) await tx.update(users).set({ lowBalanceAlerted: false }).where(and(eq(users.id, movement.userId), eq(users.lowBalanceAlerted, true)));
    return;
  }
  if (!movement.debited || user.alerted) return;
  const [taken] = await tx
    .update(users)
    .set({ lowBalanceAlerted: true })
    .where(and(eq(users.id, movement.userId), eq(users.lowBalanceAlerted, false)))
    .returning({ id: users.id });
  if (!taken) return;
  await enqueueMail(tx, {
    dedupeKey: `low-balance:${movement.transferId}`,
    to: { address: user.email, userId: movement.userId },
    template: 'lowBalance',
    params: { balance: available, threshold: user.threshold, currency: movement.currency },
  });
}

/** The shopper's alert threshold (null: off) in the shop currency. */
export async function getLowBalanceThreshold(q: Query, userId: number): Promise<number | null> {
  const [user] = await q.select({ threshold: users.lowBalanceThreshold }).from(users).where(eq(users.id, userId));
  return user?.threshold ?? null;
}

/**
 * Sets the shopper's threshold (minor units, null: off). A wallet already below the new threshold
 * counts as alerted: only a later dip from at-or-above it sends the e-mail.
 */
export async function setLowBalanceThreshold(db: Database, userId: number, threshold: number | null): Promise<void> {
  if (threshold !== null && (!Number.isSafeInteger(threshold) || threshold <= 0)) throw new RangeError(`A threshold is a positive amount; got ${threshold}.`);
  const currency = appConfig().shopCurrency;
  await db.write(async (tx) => {
    const available = await availableBalance(tx, userId, currency);
    await tx
      .update(users)
      .set({ lowBalanceThreshold: threshold, lowBalanceAlerted: threshold !== null && available < threshold })
      .where(eq(users.id, userId));
  });
}

/**
 * The threshold as the shopper typed it in their language ("50", "50.00", "50,00" in Turkish):
 * empty turns the alert off (null); anything parseAmount refuses (or zero) is a field error code.
 */
export function readLowBalanceThreshold(text: string, currency: string, locale: string): { ok: true; threshold: number | null } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, threshold: null };
  const parsed = parseAmount(text, currency, locale);
  return parsed.ok ? { ok: true, threshold: parsed.amount } : { ok: false, error: codeMessage(parsed.code, parsed.params) };
}
