import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { systemAccountNames, transferKinds, transferStates, type SystemAccountName, type TransferKind, type TransferState } from '../../schema/enums';

/**
 * A ledger account. Balances are kept as four running sums in minor units; a customer
 * wallet's available balance is credits_posted − debits_posted − debits_pending.
 */
export const ledgerAccounts = sqliteTable(
  'ledger_accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** 'wallet:<userId>:<CUR>' or 'system:<name>:<CUR>'. */
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ['wallet', 'system'] }).notNull(),
    ownerId: integer('owner_id').references(() => users.id),
    systemName: text('system_name', { enum: systemAccountNames }),
    currency: text('currency').notNull(),
    debitsPosted: integer('debits_posted').notNull().default(0),
    creditsPosted: integer('credits_posted').notNull().default(0),
    debitsPending: integer('debits_pending').notNull().default(0),
    creditsPending: integer('credits_pending').notNull().default(0),
    /** How far below zero the available balance may go (0 for shoppers). Null: no limit (system). */
    negativeLimit: integer('negative_limit').default(0),
    /** Number of history entries written so far; the next entry's position is this + 1. */
    entryCount: integer('entry_count').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('ledger_accounts_owner_idx').on(t.ownerId, t.currency),
    check('ledger_accounts_nonneg', sql`${t.debitsPosted} >= 0 AND ${t.creditsPosted} >= 0 AND ${t.debitsPending} >= 0 AND ${t.creditsPending} >= 0`),
    // A second line of defence: the debit statement already refuses to cross the limit.
    check(
      'ledger_accounts_within_limit',
      sql`${t.negativeLimit} IS NULL OR (${t.negativeLimit} >= 0 AND ${t.creditsPosted} - ${t.debitsPosted} - ${t.debitsPending} >= -${t.negativeLimit})`,
    ),
    check(
      'ledger_accounts_owner',
      sql`(${t.kind} = 'wallet' AND ${t.ownerId} IS NOT NULL AND ${t.systemName} IS NULL) OR (${t.kind} = 'system' AND ${t.ownerId} IS NULL AND ${t.systemName} IS NOT NULL)`,
    ),
  ],
);

/** A movement of money from one account (debited) to another (credited). Never deleted. */
export const ledgerTransfers = sqliteTable(
  'ledger_transfers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Human reference, e.g. WT/2026/000042. */
    reference: text('reference').notNull().unique(),
    debitAccountId: integer('debit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    creditAccountId: integer('credit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    kind: text('kind', { enum: transferKinds }).notNull(),
    state: text('state', { enum: transferStates }).notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Hash of the parameters the key was first used with, to refuse reuse with others. */
    paramsHash: text('params_hash').notNull(),
    /** What the transfer is, as a code of lib/ledger/descriptions.ts (words: the `ledger` catalogue). */
    descriptionCode: text('description_code').notNull(),
    /** The code's parameters, a JSON object of texts and numbers. */
    descriptionParams: text('description_params').notNull().default('{}'),
    memo: text('memo'),
    orderId: integer('order_id'),
    invoiceId: integer('invoice_id'),
    paymentId: integer('payment_id'),
    /** The transfer this one reverses or refunds, if any. */
    relatedTransferId: integer('related_transfer_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    postedAt: integer('posted_at', { mode: 'timestamp_ms' }),
    voidedAt: integer('voided_at', { mode: 'timestamp_ms' }),
    /** Who posted or voided a pending transfer. */
    resolvedBy: integer('resolved_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    check('ledger_transfers_amount_positive', sql`${t.amount} > 0`),
    check('ledger_transfers_distinct_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    index('ledger_transfers_debit_idx').on(t.debitAccountId, t.state),
    index('ledger_transfers_credit_idx').on(t.creditAccountId, t.state),
    index('ledger_transfers_order_idx').on(t.orderId),
    index('ledger_transfers_invoice_idx').on(t.invoiceId),
    index('ledger_transfers_payment_idx').on(t.paymentId),
    index('ledger_transfers_kind_state_idx').on(t.kind, t.state),
  ],
);

/**
 * An account's history: one row per account each time a transfer touching it becomes final
 * (posted, or voided after being pending). Positions are dense per account (1, 2, 3, …), so a
 * page of history is an index range, never an OFFSET scan or a SUM over the past. Append-only.
 */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    position: integer('position').notNull(),
    transferId: integer('transfer_id')
      .notNull()
      .references(() => ledgerTransfers.id),
    /** Signed effect on the account's posted balance (credit +, debit −); 0 for a voided transfer. */
    delta: integer('delta').notNull(),
    /** Posted balance (credits − debits) right after this entry. */
    balanceAfter: integer('balance_after').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_entries_account_position_idx').on(t.accountId, t.position),
    index('ledger_entries_transfer_idx').on(t.transferId),
  ],
);

/** Gapless counters for human references (WT/2026/…, INV/2026/…, S…). */
export const sequences = sqliteTable('sequences', {
  name: text('name').primaryKey(),
  lastValue: integer('last_value').notNull(),
});

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;
export type LedgerTransfer = typeof ledgerTransfers.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
