import type { TransferState } from '@/db/schema';

/**
 * Error codes of the ledger, for callers to branch on (messages are for logs, not shoppers):
 * - INSUFFICIENT_FUNDS: the debit would take an account below its limit.
 * - CURRENCY_MISMATCH: the accounts and the transfer are not all in one currency.
 * - IDEMPOTENCY_CONFLICT: the idempotency key was used before with other parameters.
 * - INVALID_STATE: a pending transfer was to be posted or voided but is no longer pending.
 * - INVALID_AMOUNT: the amount is not a whole number of minor units from 1 to MAX_AMOUNT_MINOR.
 * - INVALID_TRANSFER: the transfer is malformed (same account twice, unknown currency or kind, empty key).
 * - NOT_FOUND: no such transfer, or no such user behind a wallet.
 * - WALLET_LIMIT_EXCEEDED: the credit would make a wallet hold more than the shop's maxWalletBalance.
 * - ACCOUNT_TOTAL_OUT_OF_RANGE: an account total would pass Number.MAX_SAFE_INTEGER (no longer exact in JS).
 */
export type LedgerErrorCode =
  | 'INSUFFICIENT_FUNDS'
  | 'CURRENCY_MISMATCH'
  | 'IDEMPOTENCY_CONFLICT'
  | 'INVALID_STATE'
  | 'INVALID_AMOUNT'
  | 'INVALID_TRANSFER'
  | 'NOT_FOUND'
  | 'WALLET_LIMIT_EXCEEDED'
  | 'ACCOUNT_TOTAL_OUT_OF_RANGE';

/** Base of every error the ledger throws on purpose. */
export abstract class LedgerError extends Error {
  abstract readonly code: LedgerErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The debit would take `account` below its limit; `available` is what it had. */
export class InsufficientFundsError extends LedgerError {
  readonly code = 'INSUFFICIENT_FUNDS';
  constructor(
    readonly account: string,
    readonly available: number,
    readonly requested: number,
  ) {
    super(`Insufficient funds in ${account}: available ${available}, requested ${requested}.`);
  }
}

/** The accounts and the transfer are not all in one currency. */
export class CurrencyMismatchError extends LedgerError {
  readonly code = 'CURRENCY_MISMATCH';
  constructor(readonly currencies: readonly string[]) {
    super(`A transfer moves one currency; got ${currencies.join(', ')}.`);
  }
}

/** The idempotency key belongs to `existingTransferId`, made with other parameters. */
export class IdempotencyConflictError extends LedgerError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly idempotencyKey: string,
    readonly existingTransferId: number,
  ) {
    super(`Idempotency key "${idempotencyKey}" was used by transfer ${existingTransferId} with other parameters.`);
  }
}

/** Posting or voiding a transfer that is not pending; `state` says what it is now. */
export class InvalidStateError extends LedgerError {
  readonly code = 'INVALID_STATE';
  constructor(
    readonly transferId: number,
    readonly state: TransferState,
    readonly attempted: 'post' | 'void',
  ) {
    super(`Transfer ${transferId} is ${state}; only a pending transfer can be ${attempted === 'post' ? 'posted' : 'voided'}.`);
  }
}

/** The amount is not a whole number of minor units from 1 to MAX_AMOUNT_MINOR. */
export class InvalidAmountError extends LedgerError {
  readonly code = 'INVALID_AMOUNT';
  constructor(readonly amount: unknown) {
    super(`A transfer amount is a whole number of minor units from 1 up; got ${String(amount)}.`);
  }
}

/** The transfer is malformed: same account twice, unknown currency, kind or account, empty key. */
export class InvalidTransferError extends LedgerError {
  readonly code = 'INVALID_TRANSFER';
}

/** No such transfer, or no such user to own a wallet. */
export class NotFoundError extends LedgerError {
  readonly code = 'NOT_FOUND';
}

/** The credit would make wallet `account` hold more than `limit` (posted plus on its way in). */
export class WalletLimitExceededError extends LedgerError {
  readonly code = 'WALLET_LIMIT_EXCEEDED';
  constructor(
    readonly account: string,
    readonly limit: number,
    readonly holding: number,
    readonly requested: number,
  ) {
    super(`${account} may hold at most ${limit}; it holds ${holding} and ${requested} more was asked.`);
  }
}

/** A column of `account` would pass Number.MAX_SAFE_INTEGER, or already has (a damaged file). */
export class AccountTotalOutOfRangeError extends LedgerError {
  readonly code = 'ACCOUNT_TOTAL_OUT_OF_RANGE';
  constructor(
    readonly account: string,
    readonly column: string,
  ) {
    super(`${account}: ${column} would leave the exact integer range.`);
  }
}

/**
 * Two transactions raced for one idempotency key (PostgreSQL, READ COMMITTED: both missed the
 * lookup, the other committed first). Not a LedgerError: its code is SQLSTATE 40001, so the
 * caller's db.write rolls this attempt back (account updates included) and runs it again, and the
 * rerun finds the key and replays. Never catch it inside db.write.
 */
export class TransferRaceError extends Error {
  readonly code = '40001';
  constructor(
    readonly idempotencyKey: string,
    cause: unknown,
  ) {
    super(`Another transaction claimed idempotency key "${idempotencyKey}" first; run the transaction again.`, { cause });
    this.name = 'TransferRaceError';
  }
}
