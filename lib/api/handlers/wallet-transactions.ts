import { z } from 'zod';
import type { Query } from '@/db/database';
import type { LedgerTransfer } from '@/db/schema';
import { platformDate, toMajor, toMinor } from '../amounts';
import { Accepted } from '../envelope';
import { ApiError, notFound } from '../errors';
import { defineRoute, idParam } from '../router';
import { amountSchema } from '../schemas';
import { findCardDeposit, listCardRefunds, refundableToCard, refundDepositToCard, type CardDeposit } from '../wallet-card-refunds';

const refundStatusOfState = { posted: 'SUCCESS', pending: 'WAITING', voided: 'FAILURE' } as const;

const refundStatusSchema = z.enum(['SUCCESS', 'WAITING', 'FAILURE']);

/** A refund of a wallet transaction to the card: the Node, Java and Python clients' RefundWalletTransactionResponse. */
export const walletTransactionRefundSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  refundPrice: z.number(),
  authCode: z.null(),
  hostReference: z.string().nullable(),
  transId: z.null(),
  transactionId: z.number().nullable(),
  walletTransactionId: z.number(),
  refundStatus: refundStatusSchema,
  paymentError: z.object({ errorCode: z.string(), errorDescription: z.string(), errorGroup: z.string() }).nullable(),
  /** PAYMENT: transactionId is the card deposit's payment, refunded over the card (the platform's answer for a card deposit). */
  transactionType: z.enum(['PAYMENT', 'WALLET_TX']),
});

/**
 * An item of a wallet transaction's refunds list: the Java and Python clients type it as above,
 * the Node client as a payment transaction refund (status, refundDestinationType, …), so it carries both.
 */
export const walletTransactionRefundListItemSchema = walletTransactionRefundSchema.extend({
  status: refundStatusSchema,
  refundDestinationType: z.literal('PROVIDER'),
  refundBankPrice: z.number(),
  refundWalletPrice: z.number(),
  conversationId: z.null(),
  isAfterSettlement: z.boolean(),
  paymentTransactionId: z.null(),
  currency: z.string(),
  paymentId: z.number().nullable(),
});

/** A refund of a card deposit in the platform's shape; id = the ledger transfer id. */
function toRefund(transfer: LedgerTransfer, depositId: number): z.infer<typeof walletTransactionRefundSchema> {
  return {
    id: transfer.id,
    createdDate: platformDate(transfer.createdAt),
    refundPrice: toMajor(transfer.amount, transfer.currency),
    authCode: null,
    hostReference: transfer.reference,
    transId: null,
    transactionId: transfer.paymentId,
    walletTransactionId: depositId,
    refundStatus: refundStatusOfState[transfer.state],
    paymentError: transfer.state === 'voided' ? { errorCode: 'REFUND_FAILED', errorDescription: 'The card could not be refunded.', errorGroup: 'NOT_SPECIFIED' } : null,
    transactionType: transfer.paymentId === null ? 'WALLET_TX' : 'PAYMENT',
  };
}

function toRefundListItem(transfer: LedgerTransfer, depositId: number): z.infer<typeof walletTransactionRefundListItemSchema> {
  const refund = toRefund(transfer, depositId);
  return {
    ...refund,
    status: refund.refundStatus,
    refundDestinationType: 'PROVIDER',
    refundBankPrice: refund.refundPrice,
    refundWalletPrice: 0,
    conversationId: null,
    isAfterSettlement: false,
    paymentTransactionId: null,
    currency: transfer.currency,
    paymentId: transfer.paymentId,
  };
}

async function cardDeposit(q: Query, params: Record<string, string>): Promise<CardDeposit> {
  const id = idParam(params, 'walletTransactionId');
  const deposit = await findCardDeposit(q, id);
  // Only card top-ups go back to a card; other wallet transactions are not refundable this way.
  if (!deposit) throw notFound(`Card deposit wallet transaction ${id}`);
  return deposit;
}

export const walletTransactionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/payment/v1/wallet-transactions/:walletTransactionId/refundable-amount',
    summary: 'How much of a card top-up can still go back to the card: the deposit minus its refunds, never more than the wallet has available.',
    response: z.object({ refundableAmount: z.number() }),
    mode: 'read',
    async handle({ q, params }) {
      const deposit = await cardDeposit(q, params);
      return { refundableAmount: toMajor(await refundableToCard(q, deposit), deposit.transfer.currency) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/payment/v1/wallet-transactions/:walletTransactionId/refunds',
    summary:
      'Refund part of a card top-up to the card it came from: wallet → card_clearing (kind refund_deposit_to_card), refunded by the provider that took it (Demo at once, Stripe through its Refund API). 202 with refundStatus WAITING when the card network has not answered: the money stays held, and a retry with the same Idempotency-Key (or the reconciler) settles it.',
    body: z.object({ refundPrice: amountSchema }),
    response: walletTransactionRefundSchema,
    mode: 'own',
    async handle({ db, q, params, body, apiKey, attemptKey }) {
      const deposit = await cardDeposit(q, params);
      const amount = toMinor(body.refundPrice, deposit.transfer.currency, 'refundPrice');
      const result = await refundDepositToCard(db, { deposit, amount, attemptKey: `${apiKey.id}:${attemptKey}`, staffId: apiKey.staffId });
      if (result.status === 'too_much') {
        throw new ApiError(
          422,
          'REFUND_EXCEEDS_REFUNDABLE',
          `At most ${toMajor(result.refundable, deposit.transfer.currency)} ${deposit.transfer.currency} of this top-up can go back to the card.`,
        );
      }
      if (result.status === 'refused') throw new ApiError(502, 'PROVIDER_REFUND_FAILED', `The card network refused the refund (${result.code}); the money is back in the wallet.`);
      const refund = toRefund(result.transfer, deposit.transfer.id);
      // Not a failure: the card may have been refunded. A retry with the same Idempotency-Key asks again.
      return result.status === 'waiting' ? new Accepted(refund) : refund;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/wallet-transactions/:walletTransactionId/refunds',
    summary: "A card top-up's refunds to the card, oldest first, with their status (SUCCESS, WAITING at the provider, FAILURE).",
    response: z.object({ items: z.array(walletTransactionRefundListItemSchema) }),
    mode: 'read',
    async handle({ q, params }) {
      const deposit = await cardDeposit(q, params);
      return { items: (await listCardRefunds(q, deposit.transfer.id)).map((transfer) => toRefundListItem(transfer, deposit.transfer.id)) };
    },
  }),
];
