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
export function getBalance(account: AccountRef): Balance {
  const row = readAccount(accountCode(account));
  if (!row) return { available: 0, pendingIncoming: 0, held: 0, posted: 0, currency: account.currency };
  const posted = row.credits_posted - row.debits_posted;
  return {
    available: posted - row.debits_pending,
    pendingIncoming: row.credits_pending,
    held: row.debits_pending,
    posted,
    currency: account.currency,
  };
}

/** A customer's wallet balances in one currency. */
export function getWalletBalance(userId: number, currency: string): Balance {
  return getBalance({ wallet: userId, currency });
}
