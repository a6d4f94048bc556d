import { AppError, type ErrorParams } from '@/lib/errors';
import type { IbanProblem } from './iban';

/**
 * Expected refusals of a withdrawal, worded from `payouts.errors.<code>` at the edge (the merchant
 * API answers them in the platform's shape instead):
 * - WITHDRAWALS_DISABLED: Settings do not let members ask for withdrawals.
 * - WITHDRAWAL_MEMBER_NOT_FOUND {userId}: no customer with that id.
 * - WITHDRAWAL_AMOUNT_INVALID: not a whole positive number of minor units within one transfer.
 * - WITHDRAWAL_INSUFFICIENT_FUNDS {available, currency}: the wallet's available balance is less.
 * - WITHDRAWAL_ACCOUNT_HOLDER_REQUIRED: no name for the bank account.
 * - WITHDRAWAL_KEY_REUSED: the idempotency key names another withdrawal.
 * - IBAN_*: the bank account's IBAN (lib/withdrawals/iban.ts).
 */
export type WithdrawalErrorCode =
  | 'WITHDRAWALS_DISABLED'
  | 'WITHDRAWAL_MEMBER_NOT_FOUND'
  | 'WITHDRAWAL_AMOUNT_INVALID'
  | 'WITHDRAWAL_INSUFFICIENT_FUNDS'
  | 'WITHDRAWAL_ACCOUNT_HOLDER_REQUIRED'
  | 'WITHDRAWAL_KEY_REUSED'
  | IbanProblem['code'];

export class WithdrawalError extends AppError<WithdrawalErrorCode> {
  constructor(code: WithdrawalErrorCode, params: ErrorParams = {}, message?: string) {
    super(code, params, message);
    this.name = 'WithdrawalError';
  }
}

/** The form field a refusal belongs beside, if any. */
export function withdrawalErrorField(code: WithdrawalErrorCode): 'amount' | 'iban' | 'accountHolder' | undefined {
  if (code.startsWith('IBAN_')) return 'iban';
  if (code === 'WITHDRAWAL_ACCOUNT_HOLDER_REQUIRED') return 'accountHolder';
  if (code === 'WITHDRAWAL_AMOUNT_INVALID' || code === 'WITHDRAWAL_INSUFFICIENT_FUNDS') return 'amount';
  return undefined;
}
