// The double-entry ledger: the only code that changes balances. See each module for details.
export { accountCode, systemAccount, walletAccount, type AccountRef } from './accounts';
export { getBalance, getWalletBalance, type Balance } from './balances';
export {
  AccountTotalOutOfRangeError,
  CurrencyMismatchError,
  IdempotencyConflictError,
  InsufficientFundsError,
  InvalidAmountError,
  InvalidStateError,
  InvalidTransferError,
  LedgerError,
  NotFoundError,
  TransferRaceError,
  WalletLimitExceededError,
  type LedgerErrorCode,
} from './errors';
export {
  listAccountHistory,
  listAccountHistoryFiltered,
  listPendingTransfers,
  type HistoryFilters,
  type HistoryPage,
  type HistoryRow,
  type PendingTransfer,
} from './history';
export {
  isLedgerDescriptionCode,
  ledgerDescriptionCodes,
  plainDescription,
  storedDescription,
  type LedgerDescription,
  type LedgerDescriptionCode,
  type LedgerDescriptionParams,
} from './descriptions';
export { getWalletNegativeLimit, getWalletSpendable, setWalletNegativeLimit, type NegativeLimitChange } from './limits';
export { nextSequenceValue } from './sequences';
export {
  createPendingTransfer,
  getTransfer,
  getTransferByReference,
  postPendingTransfer,
  postTransfer,
  voidPendingTransfer,
  type TransferInput,
  type TransferResult,
} from './transfers';
export { verifyLedger, type LedgerVerification } from './verify';
export type { LedgerTransfer, SystemAccountName, TransferKind, TransferState } from '@/db/schema';
