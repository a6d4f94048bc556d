import { and, eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { ledgerTransfers, users, type LedgerTransfer } from '@/db/schema';
import { getBalance, InsufficientFundsError, postTransfer, WalletLimitExceededError, type AccountRef, type Balance, type LedgerDescription } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { recordAudit, type AuditAction } from './audit';

export type WalletAdjustmentInput = {
  customerId: number;
  /** Positive minor units of the shop currency. */
  amount: number;
  reason: string;
  /** The form's hidden uuid: the same attempt moves money once. */
  attemptKey: string;
  staffId: number;
};

export type ResetBalanceInput = Omit<WalletAdjustmentInput, 'amount'>;

export type WalletAdjustmentResult =
  | { status: 'done'; transfer: LedgerTransfer; replayed: boolean; balance: Balance }
  | { status: 'insufficient_funds'; available: number; currency: string }
  | { status: 'wallet_limit'; limit: number; currency: string }
  | { status: 'nothing_to_reset'; currency: string }
  | { status: 'not_found' };

type Adjustment = {
  action: AuditAction;
  kind: 'remittance_send' | 'remittance_receive' | 'balance_reset';
  direction: 'credit' | 'debit';
  description: (reason: string) => LedgerDescription;
};

const adjustments = {
  send: {
    action: 'wallet.send_money',
    kind: 'remittance_send',
    direction: 'credit',
    description: (reason) => ({ code: 'shopCredit', params: { reason } }),
  },
  withdraw: {
    action: 'wallet.withdraw',
    kind: 'remittance_receive',
    direction: 'debit',
    description: (reason) => ({ code: 'shopWithdrawal', params: { reason } }),
  },
  reset: {
    action: 'wallet.reset_balance',
    kind: 'balance_reset',
    direction: 'debit',
    description: (reason) => ({ code: 'balanceReset', params: { reason } }),
  },
} satisfies Record<string, Adjustment>;

/** A value that can be a users.id on both engines (PostgreSQL refuses a non-integer or out-of-range parameter). */
function isUserId(userId: number): boolean {
  return Number.isSafeInteger(userId) && userId >= 1 && userId <= 2_147_483_647;
}

async function isCustomer(q: Query, userId: number): Promise<boolean> {
  if (!isUserId(userId)) return false;
  const [row] = await q
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, 'customer')));
  return row !== undefined;
}

async function moveMoney(tx: Tx, adjustment: Adjustment, input: WalletAdjustmentInput, idempotencyKey: string, currency: string) {
  const wallet: AccountRef = { wallet: input.customerId, currency };
  const shop: AccountRef = { system: 'adjustments', currency };
  const reason = input.reason.trim();
  const walletCap = adjustment.direction === 'credit' ? (await getSettings(tx)).maxWalletBalance : undefined;
  const { transfer, replayed } = await postTransfer(tx, {
    debit: adjustment.direction === 'credit' ? shop : wallet,
    credit: adjustment.direction === 'credit' ? wallet : shop,
    amount: input.amount,
    currency,
    kind: adjustment.kind,
    idempotencyKey,
    description: adjustment.description(reason),
    memo: reason,
    createdBy: input.staffId,
    walletCap,
  });
  if (!replayed) {
    await recordAudit(tx, {
      actorId: input.staffId,
      action: adjustment.action,
      subjectUserId: input.customerId,
      amount: input.amount,
      currency,
      reason,
      details: { transfer: transfer.reference },
    });
  }
  return { status: 'done' as const, transfer, replayed, balance: await getBalance(tx, wallet) };
}

/**
 * Runs `work` in one write transaction; a debit the ledger refused for lack of funds (or a credit
 * beyond the wallet cap) comes back as a result, not an error.
 */
async function refusingOverdraft(db: Database, currency: string, work: (tx: Tx) => Promise<WalletAdjustmentResult>): Promise<WalletAdjustmentResult> {
  try {
    return await db.write(work);
  } catch (error) {
    if (error instanceof InsufficientFundsError) return { status: 'insufficient_funds', available: error.available, currency };
    if (error instanceof WalletLimitExceededError) return { status: 'wallet_limit', limit: error.limit, currency };
    throw error;
  }
}

async function adjustWallet(db: Database, adjustment: Adjustment, input: WalletAdjustmentInput): Promise<WalletAdjustmentResult> {
  const { currency } = await getSettings(db.read);
  // The amount is part of the key: a corrected amount after an error is a new movement.
  const key = `admin:${adjustment.kind}:${input.customerId}:${input.attemptKey}:${input.amount}`;
  return refusingOverdraft(db, currency, async (tx) => {
    if (!(await isCustomer(tx, input.customerId))) return { status: 'not_found' };
    return moveMoney(tx, adjustment, input, key, currency);
  });
}

/** Staff credit a customer's wallet (adjustments → wallet, kind remittance_send), with a reason. */
export async function sendMoney(db: Database, input: WalletAdjustmentInput): Promise<WalletAdjustmentResult> {
  return adjustWallet(db, adjustments.send, input);
}

/**
 * Staff debit a customer's wallet (wallet → adjustments, kind remittance_receive), never beyond
 * the available balance: the ledger's debit refuses it and the result says what was available.
 */
export async function withdrawMoney(db: Database, input: WalletAdjustmentInput): Promise<WalletAdjustmentResult> {
  return adjustWallet(db, adjustments.withdraw, input);
}

/** Staff take a customer's whole available balance back to zero (kind balance_reset), with a reason. */
export async function resetBalance(db: Database, input: ResetBalanceInput): Promise<WalletAdjustmentResult> {
  const { currency } = await getSettings(db.read);
  const key = `admin:balance_reset:${input.customerId}:${input.attemptKey}`;
  return refusingOverdraft(db, currency, async (tx) => {
    if (!(await isCustomer(tx, input.customerId))) return { status: 'not_found' };
    // A retried reset answers with the reset it already made, whatever the balance is now.
    const [earlier] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, key));
    if (earlier) {
      return { status: 'done', transfer: earlier, replayed: true, balance: await getBalance(tx, { wallet: input.customerId, currency }) };
    }
    // The amount read here can be stale under READ COMMITTED by the time the debit runs: the
    // ledger's debit guard (available >= amount) refuses it then, and the shop sees
    // insufficient_funds rather than a wallet taken below zero.
    const { available } = await getBalance(tx, { wallet: input.customerId, currency });
    if (available <= 0) return { status: 'nothing_to_reset', currency };
    return moveMoney(tx, adjustments.reset, { ...input, amount: available }, key, currency);
  });
}
