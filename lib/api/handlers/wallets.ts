import { and, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { recordAudit } from '@/lib/admin/audit';
import { z } from 'zod';
import type { Query, Tx } from '@/db/database';
import { ledgerAccounts, ledgerEntries, ledgerTransfers, transferKinds, type TransferKind } from '@/db/schema';
import { accountCode, getBalance, getWalletNegativeLimit, setWalletNegativeLimit } from '@/lib/ledger';
import { platformDate, requireShopCurrency, shopCurrency, toMajor, toMinor } from '../amounts';
import { invalidField, notFound } from '../errors';
import { defineRoute, idParam } from '../router';
import { currencySchema, dateParam, listParam, pageOf, pagingSchema } from '../schemas';
import { findMember } from './members';

/** Ledger kinds as the platform's wallet transaction types. */
export const walletTransactionTypeOfKind = {
  deposit_card: 'DEPOSIT_FROM_CARD',
  deposit_wire: 'DEPOSIT_FROM_FUND_TRANSFER',
  payment: 'PAYMENT_REDEEM',
  refund_to_wallet: 'REFUND_TX_TO_WALLET',
  refund_deposit_to_card: 'REFUND_WALLET_TX_TO_CARD',
  remittance_send: 'REMITTANCE',
  remittance_receive: 'REMITTANCE',
  balance_reset: 'MERCHANT_BALANCE_RESET',
  // Posted when staff pay it out; a cancelled or rejected one is voided and never listed.
  withdrawal: 'WITHDRAW',
} as const satisfies Record<TransferKind, string>;

const walletTransactionTypes = [
  'PAYMENT_REDEEM',
  'REFUND_DEPOSIT',
  'WITHDRAW',
  'REFUND_TX_DEPOSIT',
  'CANCEL_REFUND_TO_WALLET',
  'CANCEL_REFUND_WALLET_TO_CARD',
  'REFUND_TX_TO_WALLET',
  'REFUND_WALLET_TX_TO_CARD',
  'REFUND_WALLET_TX_FUND_TRANSFER',
  'MANUAL_REFUND_TX_TO_WALLET',
  'SETTLEMENT_EARNINGS',
  'DEPOSIT_FROM_CARD',
  'DEPOSIT_FROM_APM',
  'DEPOSIT_FROM_FUND_TRANSFER',
  'REMITTANCE',
  'LOYALTY',
  'WITHDRAW_CANCEL',
  'MERCHANT_BALANCE_RESET',
] as const;

function kindsOfTypes(types: readonly string[]): TransferKind[] {
  return transferKinds.filter((kind) => types.includes(walletTransactionTypeOfKind[kind]));
}

export const walletResponseSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  updatedDate: z.string(),
  amount: z.number(),
  withdrawalAmount: z.number(),
  negativeAmountLimit: z.number(),
  currency: z.string(),
  memberId: z.number(),
});

/**
 * A member's wallet in the platform's shape. Coffer has one wallet per member in the shop
 * currency, so the wallet id is the member id. amount = available (posted − held; below zero when
 * the wallet uses its overdraft), negativeAmountLimit = −(the ledger account's limit), e.g. -10.
 */
export async function memberWallet(q: Query, memberId: number): Promise<z.infer<typeof walletResponseSchema>> {
  const member = await findMember(q, memberId);
  const currency = await shopCurrency(q);
  const balance = await getBalance(q, { wallet: memberId, currency });
  const limit = await getWalletNegativeLimit(q, { wallet: memberId, currency });
  const [account] = await q
    .select({ createdAt: ledgerAccounts.createdAt })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.code, accountCode({ wallet: memberId, currency })));
  const [lastEntry] = await q
    .select({ createdAt: ledgerEntries.createdAt })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerAccounts.code, accountCode({ wallet: memberId, currency })))
    .orderBy(desc(ledgerEntries.position))
    .limit(1);
  const created = account?.createdAt ?? member.user.createdAt;
  return {
    id: memberId,
    createdDate: platformDate(created),
    updatedDate: platformDate(lastEntry?.createdAt ?? created),
    amount: toMajor(balance.available, currency),
    withdrawalAmount: toMajor(Math.max(balance.available, 0), currency),
    negativeAmountLimit: limit === 0 ? 0 : -toMajor(limit, currency),
    currency,
    memberId,
  };
}

/** The platform's negativeAmountLimit: 0 or below, in major units (-10 lets the wallet go down to -10). */
const negativeAmountLimitSchema = z.number().finite();

const createWalletSchema = z.object({ negativeAmountLimit: negativeAmountLimitSchema.default(0), currency: currencySchema });

/**
 * Sets the member wallet's overdraft limit from the platform's negativeAmountLimit (≤ 0, major
 * units, read exactly through its decimal string). Lowering it below what the wallet already uses
 * is refused with a 400 naming the field (the platform documents no code for it).
 */
async function setNegativeAmountLimit(tx: Tx, memberId: number, value: number, currency: string, staffId: number): Promise<void> {
  if (value > 0) throw invalidField('negativeAmountLimit', 'must be 0 or below: how far below zero the wallet may go, e.g. -10');
  const limit = toMinor(-value, currency, 'negativeAmountLimit', { allowZero: true });
  const set = await setWalletNegativeLimit(tx, { wallet: memberId, currency }, limit);
  if (!set.ok) {
    throw invalidField(
      'negativeAmountLimit',
      `the wallet's available amount is ${toMajor(set.available, currency)} ${currency}: the limit cannot be above ${toMajor(Math.min(set.available, 0), currency)}`,
    );
  }
  await recordAudit(tx, { actorId: staffId, action: 'wallet.overdraft_limit', subjectUserId: memberId, amount: limit, currency });
}

const searchTransactionsSchema = z.object({
  walletTransactionTypes: listParam(z.enum(walletTransactionTypes)),
  minCreatedDate: dateParam.optional(),
  maxCreatedDate: dateParam.optional(),
  minAmount: z.coerce.number().nonnegative().optional(),
  maxAmount: z.coerce.number().nonnegative().optional(),
  ...pagingSchema,
});

export const walletTransactionSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  walletTransactionType: z.string(),
  amount: z.number(),
  transactionId: z.number().nullable(),
  walletId: z.number(),
});

export const walletRoutes = [
  defineRoute({
    method: 'POST',
    path: '/wallet/v1/members/:memberId/wallets',
    summary:
      "Create a member's wallet: every customer has one already, so this sets its negativeAmountLimit (0 or below, default 0) as updateMemberWallet does and answers with it.",
    body: createWalletSchema,
    response: walletResponseSchema,
    async handle({ tx, params, body, apiKey }) {
      const memberId = idParam(params, 'memberId');
      const currency = await requireShopCurrency(tx, body.currency);
      await findMember(tx, memberId);
      await setNegativeAmountLimit(tx, memberId, body.negativeAmountLimit, currency, apiKey.staffId);
      return memberWallet(tx, memberId);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/wallet/v1/members/:memberId/wallets/:walletId',
    summary:
      "Update a member wallet's negativeAmountLimit (0 or below: -10 lets every debit take the wallet down to -10). Lowering it below what the wallet already uses → 400 naming negativeAmountLimit.",
    body: z.object({ negativeAmountLimit: negativeAmountLimitSchema }),
    response: walletResponseSchema,
    async handle({ tx, params, body, apiKey }) {
      const memberId = idParam(params, 'memberId');
      if (idParam(params, 'walletId') !== memberId) throw notFound(`Wallet ${params.walletId ?? ''} of member ${memberId}`);
      await findMember(tx, memberId);
      await setNegativeAmountLimit(tx, memberId, body.negativeAmountLimit, await shopCurrency(tx), apiKey.staffId);
      return memberWallet(tx, memberId);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/wallet/v1/members/:memberId/wallet',
    summary: "Retrieve a member's wallet: amount (available), withdrawalAmount, negativeAmountLimit, currency.",
    response: walletResponseSchema,
    mode: 'read',
    handle({ q, params }) {
      return memberWallet(q, idParam(params, 'memberId'));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/wallet/v1/wallets/:walletId/wallet-transactions',
    summary: "Search a wallet's posted transactions by type, date and amount range; newest first, paged from page 0.",
    query: searchTransactionsSchema,
    mode: 'read',
    async handle({ q, params, query }) {
      const walletId = idParam(params, 'walletId');
      await findMember(q, walletId);
      const currency = await shopCurrency(q);
      const [account] = await q
        .select({ id: ledgerAccounts.id })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.code, accountCode({ wallet: walletId, currency })));
      const kinds = kindsOfTypes(query.walletTransactionTypes);
      if (!account || (query.walletTransactionTypes.length > 0 && kinds.length === 0)) return pageOf([], query.page, query.size, 0);

      const conditions: SQL[] = [eq(ledgerEntries.accountId, account.id), eq(ledgerTransfers.state, 'posted')];
      if (kinds.length > 0) conditions.push(inArray(ledgerTransfers.kind, kinds));
      if (query.minCreatedDate) conditions.push(gte(ledgerEntries.createdAt, query.minCreatedDate));
      if (query.maxCreatedDate) conditions.push(lte(ledgerEntries.createdAt, query.maxCreatedDate));
      if (query.minAmount !== undefined) conditions.push(gte(ledgerTransfers.amount, toMinor(query.minAmount, currency, 'minAmount', { allowZero: true })));
      if (query.maxAmount !== undefined) conditions.push(lte(ledgerTransfers.amount, toMinor(query.maxAmount, currency, 'maxAmount', { allowZero: true })));
      const where = and(...conditions);

      const [counted] = await q
        .select({ n: count() })
        .from(ledgerEntries)
        .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
        .where(where);
      const total = counted?.n ?? 0;
      const rows = await q
        .select({
          transferId: ledgerTransfers.id,
          createdAt: ledgerEntries.createdAt,
          kind: ledgerTransfers.kind,
          delta: ledgerEntries.delta,
          paymentId: ledgerTransfers.paymentId,
        })
        .from(ledgerEntries)
        .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
        .where(where)
        .orderBy(desc(ledgerEntries.position))
        .limit(query.size)
        .offset(query.page * query.size);
      const items = rows.map((row) => ({
        id: row.transferId,
        createdDate: platformDate(row.createdAt),
        walletTransactionType: walletTransactionTypeOfKind[row.kind],
        amount: toMajor(row.delta, currency),
        transactionId: row.paymentId ?? row.transferId,
        walletId,
      }));
      return pageOf(items, query.page, query.size, total);
    },
  }),
];
