import { and, eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { users, withdrawals, type Withdrawal } from '@/db/schema';
import { createPendingTransfer, getBalance, InsufficientFundsError } from '@/lib/ledger';
import { isPositiveAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { WithdrawalError } from './errors';
import { checkIban } from './iban';
import { isRowId, withdrawalReference } from './references';

export type WithdrawalSource = Withdrawal['source'];

export type WithdrawalRequest = {
  /** The member (a customer) whose wallet pays. */
  userId: number;
  /** Positive minor units. */
  amount: number;
  currency: string;
  /** As typed, checked here; null when none was given (the platform's createWithdraw has no bank account). */
  iban: string | null;
  /** The bank account's holder; null: the member's name. */
  accountHolder: string | null;
  description: string | null;
  source: WithdrawalSource;
  /** One request, one withdrawal: unique per intended withdrawal (a retry with it finds the first). */
  idempotencyKey: string;
  /** Who asked: the member, or the staff member an API key acts for (the hold's createdBy). */
  requestedBy: number;
};

export type WithdrawalRequestResult = { status: 'created' | 'replayed'; withdrawal: Withdrawal };

const HOLDER_MAX = 100;
const DESCRIPTION_MAX = 500;

/** What a retry must repeat to be the same request. */
function sameRequest(existing: Withdrawal, input: WithdrawalRequest, iban: string): boolean {
  return existing.userId === input.userId && existing.amount === input.amount && existing.currency === input.currency && existing.iban === iban && existing.source === input.source;
}

async function byKey(q: Query, key: string): Promise<Withdrawal | undefined> {
  const [row] = await q.select().from(withdrawals).where(eq(withdrawals.idempotencyKey, key));
  return row;
}

function replayed(existing: Withdrawal, input: WithdrawalRequest, iban: string): WithdrawalRequestResult {
  if (!sameRequest(existing, input, iban)) throw new WithdrawalError('WITHDRAWAL_KEY_REUSED', {}, `Key ${input.idempotencyKey} names withdrawal ${existing.id}.`);
  return { status: 'replayed', withdrawal: existing };
}

/** The checked IBAN ('' when none was given) and holder, or the refusal. */
function bankAccountOf(input: WithdrawalRequest): { iban: string; holder: string | null } {
  let iban = '';
  if (input.iban !== null) {
    const checked = checkIban(input.iban);
    if (!checked.ok) throw new WithdrawalError(checked.code, checked.params);
    iban = checked.iban;
  }
  const holder = input.accountHolder === null ? null : input.accountHolder.trim().slice(0, HOLDER_MAX);
  if (holder === '') throw new WithdrawalError('WITHDRAWAL_ACCOUNT_HOLDER_REQUIRED');
  return { iban, holder };
}

/**
 * Records a withdrawal and holds its amount, as a step of the caller's transaction: the row, then
 * a pending transfer wallet → bank_clearing (kind withdrawal) whose guarded debit refuses more than
 * the wallet has available (WITHDRAWAL_INSUFFICIENT_FUNDS; throw it on, so the row rolls back with
 * it). An overdraft limit is never drawn on: money taken out must be money the member has.
 * Exactly once per idempotency key: the unique key settles two servers racing (INSERT … ON
 * CONFLICT DO NOTHING; the loser reads the winner's row), and a retry with the same request
 * answers `replayed`; with another request WITHDRAWAL_KEY_REUSED.
 */
export async function requestWithdrawalIn(tx: Tx, input: WithdrawalRequest): Promise<WithdrawalRequestResult> {
  if (!isPositiveAmount(input.amount)) throw new WithdrawalError('WITHDRAWAL_AMOUNT_INVALID', { amount: input.amount });
  const { iban, holder } = bankAccountOf(input);
  const earlier = await byKey(tx, input.idempotencyKey);
  if (earlier) return replayed(earlier, input, iban);

  // Staff decide whether members may ask; the shop's API key always may (it is the merchant asking).
  if (input.source === 'shop' && !(await getSettings(tx)).withdrawalsEnabled) throw new WithdrawalError('WITHDRAWALS_DISABLED');
  const [member] = isRowId(input.userId) ? await tx.select({ name: users.name }).from(users).where(and(eq(users.id, input.userId), eq(users.role, 'customer'))) : [];
  if (!member) throw new WithdrawalError('WITHDRAWAL_MEMBER_NOT_FOUND', { userId: input.userId });

  const [inserted] = await tx
    .insert(withdrawals)
    .values({
      userId: input.userId,
      amount: input.amount,
      currency: input.currency,
      state: 'pending',
      iban,
      accountHolder: holder ?? member.name,
      description: input.description?.trim().slice(0, DESCRIPTION_MAX) || null,
      source: input.source,
      idempotencyKey: input.idempotencyKey,
      createdAt: new Date(),
    })
    .onConflictDoNothing({ target: withdrawals.idempotencyKey })
    .returning();
  if (!inserted) {
    // A twin committed this key after the lookup above (on PostgreSQL this insert waited for it).
    const twin = await byKey(tx, input.idempotencyKey);
    if (!twin) throw new Error(`Withdrawal key ${input.idempotencyKey} is taken but unreadable.`);
    return replayed(twin, input, iban);
  }

  const wallet = { wallet: input.userId, currency: input.currency };
  let transferId: number;
  try {
    const { transfer } = await createPendingTransfer(tx, {
      debit: wallet,
      credit: { system: 'bank_clearing', currency: input.currency },
      amount: input.amount,
      currency: input.currency,
      kind: 'withdrawal',
      idempotencyKey: `withdrawal:${inserted.id}:hold`,
      description: { code: 'withdrawal', params: { reference: withdrawalReference(inserted.id) } },
      createdBy: input.requestedBy,
    });
    transferId = transfer.id;
  } catch (error) {
    if (error instanceof InsufficientFundsError) {
      throw new WithdrawalError('WITHDRAWAL_INSUFFICIENT_FUNDS', { available: Math.max(error.available, 0), currency: input.currency });
    }
    throw error;
  }
  // Checked after the debit, which holds the wallet's row until commit: nothing can change it between.
  const after = await getBalance(tx, wallet);
  if (after.available < 0) {
    throw new WithdrawalError('WITHDRAWAL_INSUFFICIENT_FUNDS', { available: Math.max(after.available + input.amount, 0), currency: input.currency });
  }
  const [held] = await tx.update(withdrawals).set({ transferId }).where(eq(withdrawals.id, inserted.id)).returning();
  if (!held) throw new Error(`Withdrawal ${inserted.id} vanished.`);
  return { status: 'created', withdrawal: held };
}

/** A member's (or the merchant's) withdrawal in a transaction of its own; refusals throw WithdrawalError and leave nothing behind. */
export function requestWithdrawal(db: Database, input: WithdrawalRequest): Promise<WithdrawalRequestResult> {
  return db.write((tx) => requestWithdrawalIn(tx, input));
}
