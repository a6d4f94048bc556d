import type { Tx } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { ledgerAccounts, systemAccountNames, type SystemAccountName } from '@/db/schema';
import { isCurrencyCode } from '@/lib/money';
import { InvalidTransferError, NotFoundError } from './errors';

/** A customer's wallet (by user id) or a shop system account, in one currency. */
export type AccountRef = { wallet: number; currency: string } | { system: SystemAccountName; currency: string };

/** Shorthand for a wallet reference. */
export function walletAccount(userId: number, currency: string): AccountRef {
  return { wallet: userId, currency };
}

/** Shorthand for a system account reference. */
export function systemAccount(name: SystemAccountName, currency: string): AccountRef {
  return { system: name, currency };
}

/** The account's unique code: 'wallet:<userId>:<CUR>' or 'system:<name>:<CUR>'. Validates the ref. */
export function accountCode(ref: AccountRef): string {
  if (!isCurrencyCode(ref.currency)) throw new InvalidTransferError(`Unknown currency "${ref.currency}".`);
  if ('wallet' in ref) {
    if (!Number.isSafeInteger(ref.wallet) || ref.wallet <= 0) {
      throw new InvalidTransferError(`A wallet is identified by a user id; got ${String(ref.wallet)}.`);
    }
    return `wallet:${ref.wallet}:${ref.currency}`;
  }
  if (!systemAccountNames.includes(ref.system)) {
    throw new InvalidTransferError(`Unknown system account "${String(ref.system)}".`);
  }
  return `system:${ref.system}:${ref.currency}`;
}

/**
 * Creates the account if it does not exist yet (wallets with limit 0, system accounts without
 * limit); returns true when it created it. A step of the transaction that uses the account:
 * INSERT … ON CONFLICT (code) DO NOTHING, so two transactions creating it at once both go on.
 * A wallet whose user does not exist is NotFoundError (on PostgreSQL the transaction is then
 * aborted: let it roll back).
 */
export async function ensureAccount(tx: Tx, ref: AccountRef, code = accountCode(ref)): Promise<boolean> {
  const isWallet = 'wallet' in ref;
  try {
    const created = await tx
      .insert(ledgerAccounts)
      .values({
        code,
        kind: isWallet ? 'wallet' : 'system',
        ownerId: isWallet ? ref.wallet : null,
        systemName: isWallet ? null : ref.system,
        currency: ref.currency,
        negativeLimit: isWallet ? 0 : null,
        createdAt: new Date(),
      })
      .onConflictDoNothing({ target: ledgerAccounts.code })
      .returning({ id: ledgerAccounts.id });
    return created.length === 1;
  } catch (error) {
    if (isWallet && constraintViolation(error) === 'foreign_key') throw new NotFoundError(`No user ${ref.wallet} to own a wallet.`);
    throw error;
  }
}
