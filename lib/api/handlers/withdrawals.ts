import { createTranslator } from 'next-intl';
import { z } from 'zod';
import type { Query } from '@/db/database';
import type { Withdrawal, WithdrawalState } from '@/db/schema';
import { errorValues } from '@/lib/i18n/error-values';
import payouts from '@/messages/en/payouts.json';
import { cancelWithdrawalIn } from '@/lib/withdrawals/decide';
import { WithdrawalError, type WithdrawalErrorCode } from '@/lib/withdrawals/errors';
import { findWithdrawal, searchWithdrawals } from '@/lib/withdrawals/queries';
import { requestWithdrawalIn } from '@/lib/withdrawals/request';
import { platformDate, requireShopCurrency, shopCurrency, toMajor, toMinor } from '../amounts';
import { ApiError, insufficientFunds, invalidField, notFound } from '../errors';
import { defineRoute, idParam } from '../router';
import { amountSchema, currencySchema, dateParam, pageOf, pagingSchema, rowIdParam } from '../schemas';

const payoutStatuses = ['CANCELLED', 'WAITING_FOR_PAYOUT', 'PAYOUT_STARTED', 'PAYOUT_COMPLETED'] as const;
type PayoutStatus = (typeof payoutStatuses)[number];

/** Coffer's states as the platform's payout status; a rejected withdrawal is cancelled to the platform. */
const payoutStatusOfState = {
  pending: 'WAITING_FOR_PAYOUT',
  paid: 'PAYOUT_COMPLETED',
  rejected: 'CANCELLED',
  cancelled: 'CANCELLED',
} as const satisfies Record<WithdrawalState, PayoutStatus>;

const statesOfPayoutStatus: Record<PayoutStatus, WithdrawalState[]> = {
  WAITING_FOR_PAYOUT: ['pending'],
  PAYOUT_COMPLETED: ['paid'],
  CANCELLED: ['rejected', 'cancelled'],
  // Staff pay a withdrawal out in one step: none is ever half-way.
  PAYOUT_STARTED: [],
};

/** The Node client's WithdrawResponse (the Java and Python clients' too). */
export const withdrawResponseSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  /** The platform's official test reads ACTIVE for a waiting and for a cancelled withdrawal alike. */
  status: z.literal('ACTIVE'),
  price: z.number(),
  description: z.string().nullable(),
  currency: z.string(),
  payoutStatus: z.enum(payoutStatuses),
  memberId: z.number(),
  /** The posted ledger transfer once paid out; null before (the official test reads null on create). */
  payoutId: z.number().nullable(),
});

function toWithdraw(withdrawal: Withdrawal): z.infer<typeof withdrawResponseSchema> {
  return {
    id: withdrawal.id,
    createdDate: platformDate(withdrawal.createdAt),
    status: 'ACTIVE',
    price: toMajor(withdrawal.amount, withdrawal.currency),
    description: withdrawal.description,
    currency: withdrawal.currency,
    payoutStatus: payoutStatusOfState[withdrawal.state],
    memberId: withdrawal.userId,
    payoutId: withdrawal.state === 'paid' ? withdrawal.transferId : null,
  };
}

const createWithdrawSchema = z.object({
  memberId: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,15}$/, 'must be a member id')]).transform(Number),
  price: amountSchema,
  /** Optional, as the platform makes it: the wallet's currency. */
  currency: currencySchema.optional(),
  description: z.string().trim().max(500).optional(),
  /** Coffer's own, optional: the bank account staff pay it to (checked as an IBAN); without it staff pay as the merchant arranges. */
  iban: z.string().max(60).optional(),
  accountHolder: z.string().trim().min(1).max(100).optional(),
});

const searchWithdrawsSchema = z.object({
  memberId: rowIdParam.optional(),
  currency: currencySchema.optional(),
  payoutStatus: z.enum(payoutStatuses).optional(),
  minWithdrawPrice: z.coerce.number().nonnegative().optional(),
  maxWithdrawPrice: z.coerce.number().nonnegative().optional(),
  minCreatedDate: dateParam.optional(),
  maxCreatedDate: dateParam.optional(),
  ...pagingSchema,
});

const english = createTranslator({ locale: 'en', messages: { payouts } });

function englishRefusal(code: WithdrawalErrorCode, params: WithdrawalError['params']): string {
  const key = `payouts.errors.${code}` as const;
  return english.has(key) ? english(key, errorValues(params, 'en-US') as never) : code;
}

/** A refusal from lib/withdrawals as the platform's error envelope. */
function apiRefusal(error: WithdrawalError, memberId: number): ApiError {
  const words = englishRefusal(error.code, error.params);
  switch (error.code) {
    case 'WITHDRAWAL_INSUFFICIENT_FUNDS':
      return insufficientFunds(words);
    case 'WITHDRAWAL_MEMBER_NOT_FOUND':
      return notFound(`Member ${memberId}`);
    case 'WITHDRAWAL_AMOUNT_INVALID':
      return invalidField('price', words);
    case 'WITHDRAWAL_ACCOUNT_HOLDER_REQUIRED':
      return invalidField('accountHolder', words);
    case 'WITHDRAWAL_KEY_REUSED':
      return new ApiError(409, 'IDEMPOTENCY_CONFLICT', words);
    case 'WITHDRAWALS_DISABLED':
      return new ApiError(422, 'UNSUPPORTED', words);
    default:
      return invalidField('iban', words);
  }
}

async function withdrawOr404(q: Query, params: Record<string, string>): Promise<Withdrawal> {
  const id = idParam(params, 'withdrawId');
  const withdrawal = await findWithdrawal(q, id);
  if (!withdrawal) throw notFound(`Withdraw ${id}`);
  return withdrawal;
}

export const withdrawalRoutes = [
  defineRoute({
    method: 'POST',
    path: '/wallet/v1/withdraws',
    summary:
      "Withdraw money from a member's wallet to a bank account: the amount is held at once (a pending ledger transfer wallet → bank_clearing, never beyond what the wallet has available, 10051 otherwise) and waits for staff on Payouts, who pay it out or reject it. Coffer's optional iban and accountHolder name the account; without them staff pay as the merchant arranges.",
    body: createWithdrawSchema,
    response: withdrawResponseSchema,
    async handle({ tx, body, apiKey, attemptKey }) {
      const currency = body.currency === undefined ? await shopCurrency(tx) : await requireShopCurrency(tx, body.currency);
      const amount = toMinor(body.price, currency, 'price');
      try {
        const { withdrawal } = await requestWithdrawalIn(tx, {
          userId: body.memberId,
          amount,
          currency,
          iban: body.iban ?? null,
          accountHolder: body.accountHolder ?? null,
          description: body.description ?? null,
          source: 'api',
          idempotencyKey: `api:${apiKey.id}:${attemptKey}`,
          requestedBy: apiKey.staffId,
        });
        return toWithdraw(withdrawal);
      } catch (error) {
        if (error instanceof WithdrawalError) throw apiRefusal(error, body.memberId);
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/wallet/v1/withdraws',
    summary: 'Search withdrawals by member, currency, payout status, price and creation date; newest first, paged from page 0.',
    query: searchWithdrawsSchema,
    response: z.object({ page: z.number(), size: z.number(), totalSize: z.number(), items: z.array(withdrawResponseSchema) }),
    mode: 'read',
    async handle({ q, query }) {
      const states = query.payoutStatus === undefined ? undefined : statesOfPayoutStatus[query.payoutStatus];
      if (states?.length === 0) return pageOf([], query.page, query.size, 0);
      const currency = await shopCurrency(q);
      const { rows, total } = await searchWithdrawals(q, {
        memberId: query.memberId,
        currency: query.currency,
        states,
        minAmount: query.minWithdrawPrice === undefined ? undefined : toMinor(query.minWithdrawPrice, currency, 'minWithdrawPrice', { allowZero: true }),
        maxAmount: query.maxWithdrawPrice === undefined ? undefined : toMinor(query.maxWithdrawPrice, currency, 'maxWithdrawPrice', { allowZero: true }),
        createdFrom: query.minCreatedDate,
        createdTo: query.maxCreatedDate,
        page: query.page,
        size: query.size,
      });
      return pageOf(rows.map(toWithdraw), query.page, query.size, total);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/wallet/v1/withdraws/:withdrawId',
    summary: 'Retrieve a withdrawal: WAITING_FOR_PAYOUT until staff pay it out (PAYOUT_COMPLETED, payoutId = the ledger transfer) or it is cancelled or rejected (CANCELLED).',
    response: withdrawResponseSchema,
    mode: 'read',
    async handle({ q, params }) {
      return toWithdraw(await withdrawOr404(q, params));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/wallet/v1/withdraws/:withdrawId/cancel',
    summary: 'Cancel a withdrawal still waiting for payout: its hold is voided once and the money is available in the wallet again. Cancelling a cancelled or rejected one answers it as it is; a paid-out one cannot be cancelled (422).',
    response: withdrawResponseSchema,
    async handle({ tx, params, apiKey }) {
      const withdrawal = await withdrawOr404(tx, params);
      const decision = await cancelWithdrawalIn(tx, { withdrawalId: withdrawal.id, actorId: apiKey.staffId });
      if (decision.status === 'not_found') throw notFound(`Withdraw ${withdrawal.id}`);
      if (decision.status === 'already_paid') throw new ApiError(422, 'WITHDRAW_NOT_CANCELLABLE', `Withdraw ${withdrawal.id} was paid out already: it cannot be cancelled.`);
      return toWithdraw(decision.withdrawal);
    },
  }),
];
