import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int8, timestampMs } from './columns';
import { withdrawalStates } from '../../schema/enums';
import { users } from './auth';
import { ledgerTransfers } from './ledger';

/**
 * Money a member takes out of their wallet to a bank account (asked through the merchant API or
 * from My Wallet): the amount is held by a pending ledger transfer wallet → bank_clearing until
 * staff pay it out (posted) or reject it (voided); the member may cancel it while it is pending.
 */
export const withdrawals = pgTable(
  'withdrawals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    amount: int8('amount').notNull(),
    currency: text('currency').notNull(),
    state: text('state', { enum: withdrawalStates }).notNull().default('pending'),
    /** Where the money goes: the bank account's IBAN (checked) and holder. */
    iban: text('iban').notNull(),
    accountHolder: text('account_holder').notNull(),
    description: text('description'),
    /** 'api' (createWithdraw) or 'shop' (My Wallet). */
    source: text('source', { enum: ['api', 'shop'] }).notNull(),
    /** The pending transfer that holds the amount. */
    transferId: integer('transfer_id').references(() => ledgerTransfers.id),
    /** One request, one withdrawal: a retry finds it. */
    idempotencyKey: text('idempotency_key').notNull(),
    rejectReason: text('reject_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestampMs('decided_at'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('withdrawals_idempotency_idx').on(t.idempotencyKey),
    // Staff's Payouts page (pending first) and searchWithdraws.
    index('withdrawals_state_idx').on(t.state, t.createdAt),
    index('withdrawals_user_idx').on(t.userId, t.id),
    check('withdrawals_amount_positive', sql`${t.amount} > 0`),
  ],
);

export type Withdrawal = typeof withdrawals.$inferSelect;
