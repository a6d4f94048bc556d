import { and, eq, sql } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { ledgerAccounts } from '@/db/schema';
import { MAX_AMOUNT_MINOR } from '@/lib/money';
import { accountCode, ensureAccount } from './accounts';
import { getBalance } from './balances';
import { InvalidAmountError } from './errors';
import { readAccount, sqlInteger } from './statements';

type WalletRef = { wallet: number; currency: string };

export type NegativeLimitChange =
  | { ok: true; negativeLimit: number }
  /** The wallet already uses more than the new limit: `available` (posted − held) is below −limit. */
  | { ok: false; available: number };

const a = ledgerAccounts;

/**
 * Sets how far below zero a wallet's available balance may go (its overdraft limit, in minor units,
 * 0 to MAX_AMOUNT_MINOR), as a step of the caller's transaction. Raising it only allows more debits;
 * lowering it below what the wallet already uses is refused ({ ok: false }). The guard is in the
 * UPDATE (… WHERE available + limit >= 0), so a debit racing it cannot pass the new limit: every
 * debit's own UPDATE checks against whichever limit committed first.
 */
export async function setWalletNegativeLimit(tx: Tx, wallet: WalletRef, limit: number): Promise<NegativeLimitChange> {
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_AMOUNT_MINOR) throw new InvalidAmountError(limit);
  const ref = { wallet: wallet.wallet, currency: wallet.currency };
  const code = accountCode(ref);
  await ensureAccount(tx, ref, code);
  const bound = sqlInteger(limit);
  const [set] = await tx
    .update(a)
    .set({ negativeLimit: sql`${bound}` })
    .where(and(eq(a.code, code), eq(a.kind, 'wallet'), sql`${a.creditsPosted} - ${a.debitsPosted} - ${a.debitsPending} + ${bound} >= 0`))
    .returning({ negativeLimit: a.negativeLimit });
  if (set) return { ok: true, negativeLimit: Number(set.negativeLimit) };
  const account = await readAccount(tx, code);
  if (!account) throw new Error(`Account ${code} vanished.`);
  return { ok: false, available: account.creditsPosted - account.debitsPosted - account.debitsPending };
}

/** A wallet's overdraft limit in minor units (0 for a wallet that has none, or no account yet). */
export async function getWalletNegativeLimit(q: Query, wallet: WalletRef): Promise<number> {
  const account = await readAccount(q, accountCode({ wallet: wallet.wallet, currency: wallet.currency }));
  return account?.negativeLimit ?? 0;
}

/**
 * What a payment from the wallet may take now, in minor units: the available balance (posted less
 * holds; below zero while an overdraft is used) plus the overdraft limit (the merchant API's
 * negativeAmountLimit; 0 for most wallets). The ledger's debit refuses anything beyond it.
 */
export async function getWalletSpendable(q: Query, wallet: WalletRef): Promise<number> {
  const [balance, overdraftLimit] = await Promise.all([getBalance(q, wallet), getWalletNegativeLimit(q, wallet)]);
  return balance.available + overdraftLimit;
}
