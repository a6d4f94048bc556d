import type { Query } from '@/db/database';
import { accountCode, type AccountRef } from './accounts';
import { readAccount } from './statements';

export type Balance = {
  /** What can be spent now: posted credits − posted debits − held (pending debits). */
  available: number;
  /** Money on its way in, not yet spendable (pending credits, e.g. an unconfirmed wire). */
  pendingIncoming: number;
  /** Money reserved by holds (pending debits). */
  held: number;
  /** Posted balance: posted credits − posted debits. */
  posted: number;
  currency: string;
};

/** An account's balances, read from its row in O(1); an unused account reads as zeros. */
export async function getBalance(q: Query, account: AccountRef): Promise<Balance> {
  const row = await readAccount(q, accountCode(account));
  if (!row) return { available: 0, pendingIncoming: 0, held: 0, posted: 0, currency: account.currency };
  const posted = row.creditsPosted - row.debitsPosted;
  return {
    available: posted - row.debitsPending,
    pendingIncoming: row.creditsPending,
    held: row.debitsPending,
    posted,
    currency: account.currency,
  };
}

/** A customer's wallet balances in one currency. */
export function getWalletBalance(q: Query, userId: number, currency: string): Promise<Balance> {
  return getBalance(q, { wallet: userId, currency });
}
