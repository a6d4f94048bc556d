import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Query } from '@/db/database';
import { ledgerAccounts, ledgerEntries } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { accountCode, getBalance, postTransfer, type AccountRef } from '@/lib/ledger';
import { isPositiveAmount, MAX_AMOUNT_MINOR } from '@/lib/money';
import { platformDate, shopCurrency, toMajor, toMinor } from '../amounts';
import { invalidField } from '../errors';
import { defineRoute } from '../router';
import { walletResponseSchema } from './wallets';

/** The shop's own wallet: the system 'adjustments' account that remittances are paid from and back to. */
function merchantAccount(currency: string): AccountRef {
  return { system: 'adjustments', currency };
}

/**
 * The merchant's wallet in the platform's shape. amount is the adjustments account's posted
 * balance, read like a member's wallet: sending money to members lowers it, taking money back
 * raises it, a reset sets it. The shop's account has no lower limit, so amount may be negative
 * (the shop has given more than it took back); withdrawalAmount is never below 0. The id is 0
 * and memberId 0: the merchant is not a member.
 */
export async function merchantWallet(q: Query): Promise<z.infer<typeof walletResponseSchema>> {
  const currency = await shopCurrency(q);
  const ref = merchantAccount(currency);
  const code = accountCode(ref);
  const { posted } = await getBalance(q, ref);
  const [account] = await q.select({ createdAt: ledgerAccounts.createdAt }).from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  const [lastEntry] = await q
    .select({ createdAt: ledgerEntries.createdAt })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerAccounts.code, code))
    .orderBy(desc(ledgerEntries.position))
    .limit(1);
  const created = account?.createdAt ?? new Date();
  return {
    id: 0,
    createdDate: platformDate(created),
    updatedDate: platformDate(lastEntry?.createdAt ?? created),
    amount: toMajor(posted, currency),
    withdrawalAmount: toMajor(Math.max(posted, 0), currency),
    negativeAmountLimit: 0,
    currency,
    memberId: 0,
  };
}

/**
 * A serialization failure (SQLSTATE 40001): the write transaction is rolled back and run again
 * (db.write reruns it on PostgreSQL; on SQLite transactions never interleave, so it cannot happen).
 */
class ResetRaced extends Error {
  readonly code = '40001';
  constructor() {
    super('The merchant wallet moved while it was being reset.');
  }
}

export const merchantWalletRoutes = [
  defineRoute({
    method: 'GET',
    path: '/wallet/v1/merchants/me/wallet',
    summary: "Retrieve the merchant's own wallet: the shop's adjustments account that remittances come from (amount = its posted balance, may be negative).",
    response: walletResponseSchema,
    mode: 'read',
    handle({ q }) {
      return merchantWallet(q);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/wallet/v1/merchants/me/wallet/reset-balance',
    summary:
      "Reset the merchant wallet's balance to 0, as the platform does whatever walletAmount says (its official tests send -100 and -5 and read 0): one transfer of kind balance_reset between the shop's sales and adjustments accounts for the difference (members' wallets are not touched). walletAmount is still checked as an amount of the wallet's currency.",
    body: z.object({ walletAmount: z.number().finite() }),
    response: walletResponseSchema,
    async handle({ tx, body, apiKey, attemptKey }) {
      const currency = await shopCurrency(tx);
      toMinor(Math.abs(body.walletAmount), currency, 'walletAmount', { allowZero: true });
      const target = 0;
      const ref = merchantAccount(currency);
      const difference = target - (await getBalance(tx, ref)).posted;
      if (difference !== 0) {
        // The reset is one transfer, so the step from the current balance obeys the per-transfer cap.
        if (!isPositiveAmount(Math.abs(difference))) {
          throw invalidField(
            'walletAmount',
            `the balance is ${toMajor(Math.abs(difference), currency)} ${currency} away from 0; one reset moves at most ${toMajor(MAX_AMOUNT_MINOR, currency)} ${currency}`,
          );
        }
        const sales: AccountRef = { system: 'sales', currency };
        const { transfer, replayed } = await postTransfer(tx, {
          debit: difference > 0 ? sales : ref,
          credit: difference > 0 ? ref : sales,
          amount: Math.abs(difference),
          currency,
          kind: 'balance_reset',
          idempotencyKey: `api:${apiKey.id}:merchant-reset:${attemptKey}:${target}`,
          description: { code: 'merchantBalanceReset', params: { value: String(toMajor(target, currency)), currency } },
          createdBy: apiKey.staffId,
        });
        // The difference was read before the transfer locked the account: on PostgreSQL another
        // reset may have moved it in between. Then the balance is not the target: start over.
        if (!replayed && (await getBalance(tx, ref)).posted !== target) throw new ResetRaced();
        if (!replayed) {
          await recordAudit(tx, {
            actorId: apiKey.staffId,
            action: 'wallet.reset_merchant_wallet',
            amount: target,
            currency,
            details: { account: accountCode(ref), transfer: transfer.reference },
          });
        }
      }
      return merchantWallet(tx);
    },
  }),
];
