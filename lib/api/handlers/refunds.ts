import { z } from 'zod';
import type { Query } from '@/db/database';
import { getShopTimeZone } from '@/lib/settings';
import { platformDate, toMajor, toMinor } from '../amounts';
import { Accepted } from '../envelope';
import { ApiError, notFound, unsupported } from '../errors';
import { refuseApmRefund } from './apm-payments';
import { paymentTransactionId, splitPaymentTransactionId } from '../payment-details';
import { findPaymentView, type ApiPaymentView } from '../payment-views';
import { findRefundRequest, findTransactionRefund, type RefundRequestView, type TransactionRefundView } from '../refund-records';
import { defineRoute, idParam } from '../router';
import { amountSchema } from '../schemas';
import { refundApiPayment, type RefundResult } from '../wallet-refunds';

// The platform's default is PROVIDER: each part back to where it came from. CARD is its old name.
const destinationSchema = z
  .enum(['WALLET', 'PROVIDER', 'CARD'])
  .default('PROVIDER')
  .transform((value) => (value === 'CARD' ? 'PROVIDER' : value));

const refundPaymentSchema = z.object({
  paymentId: z.number().int().positive(),
  conversationId: z.string().max(100).optional(),
  refundDestinationType: destinationSchema,
  chargeFromMe: z.boolean().optional(),
});

const refundTransactionSchema = z.object({
  paymentTransactionId: z.number().int().positive(),
  conversationId: z.string().max(100).optional(),
  refundPrice: amountSchema.optional(),
  refundDestinationType: destinationSchema,
  chargeFromMe: z.boolean().optional(),
});

const refundStatusSchema = z.enum(['SUCCESS', 'WAITING', 'FAILURE']);
const refundDestinationSchema = z.enum(['WALLET', 'PROVIDER']);
const refundErrorSchema = z.object({ errorCode: z.string(), errorDescription: z.string(), errorGroup: z.string() });

/** Every key of the platform's BasePaymentTransactionRefundResponse. */
const baseTransactionRefundSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  status: refundStatusSchema,
  refundDestinationType: refundDestinationSchema,
  refundPrice: z.number(),
  /** What went back to the card. */
  refundBankPrice: z.number(),
  refundWalletPrice: z.number(),
  conversationId: z.string().nullable(),
  // The Demo provider and the wallet pass no bank: no auth code, host reference or transaction id of one.
  authCode: z.null(),
  hostReference: z.null(),
  transId: z.null(),
  isAfterSettlement: z.boolean(),
  paymentTransactionId: z.number(),
});

export const transactionRefundSchema = baseTransactionRefundSchema.extend({ currency: z.string(), paymentId: z.number() });
export const reportingTransactionRefundSchema = baseTransactionRefundSchema.extend({ paymentType: z.string(), error: refundErrorSchema.nullable() });

/** Every key of the platform's BasePaymentRefundResponse. */
const basePaymentRefundSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  status: refundStatusSchema,
  refundDestinationType: refundDestinationSchema,
  refundPrice: z.number(),
  refundBankPrice: z.number(),
  refundWalletPrice: z.number(),
  conversationId: z.string().nullable(),
  authCode: z.null(),
  hostReference: z.null(),
  transId: z.null(),
  paymentId: z.number(),
});

export const paymentRefundSchema = basePaymentRefundSchema.extend({
  refundType: z.enum(['CANCEL', 'REFUND']),
  currency: z.string(),
  paymentTransactionRefunds: z.array(transactionRefundSchema),
});
export const reportingPaymentRefundSchema = basePaymentRefundSchema.extend({ paymentType: z.string(), error: refundErrorSchema.nullable() });

type Amounts = Pick<RefundRequestView, 'price' | 'cardPrice' | 'walletPrice' | 'currency' | 'status' | 'destination' | 'createdAt' | 'conversationId'>;

function refundAmounts(view: Amounts) {
  return {
    createdDate: platformDate(view.createdAt),
    status: view.status,
    refundDestinationType: view.destination,
    refundPrice: toMajor(view.price, view.currency),
    refundBankPrice: toMajor(view.cardPrice, view.currency),
    refundWalletPrice: toMajor(view.walletPrice, view.currency),
    conversationId: view.conversationId,
    authCode: null,
    hostReference: null,
    transId: null,
  };
}

/** A refund's error, as the platform's PaymentError: only a card share the provider refused has one. */
export function refundErrorOf(view: Pick<Amounts, 'status'>): z.infer<typeof refundErrorSchema> | null {
  return view.status === 'FAILURE' ? { errorCode: 'REFUND_FAILED', errorDescription: 'The card could not be refunded.', errorGroup: 'NOT_SPECIFIED' } : null;
}

function baseTransactionRefund(view: TransactionRefundView): z.infer<typeof baseTransactionRefundSchema> {
  // Coffer pays out no one, so a refund is never after a settlement.
  return { id: view.id, ...refundAmounts(view), isAfterSettlement: false, paymentTransactionId: paymentTransactionId(view.paymentId, view.itemNumber) };
}

export function toTransactionRefund(view: TransactionRefundView): z.infer<typeof transactionRefundSchema> {
  return { ...baseTransactionRefund(view), currency: view.currency, paymentId: view.paymentId };
}

export function toReportingTransactionRefund(view: TransactionRefundView, paymentType: string): z.infer<typeof reportingTransactionRefundSchema> {
  return { ...baseTransactionRefund(view), paymentType, error: refundErrorOf(view) };
}

export function toReportingPaymentRefund(view: RefundRequestView, paymentType: string): z.infer<typeof reportingPaymentRefundSchema> {
  return { id: view.id, ...refundAmounts(view), paymentId: view.paymentId, paymentType, error: refundErrorOf(view) };
}

const localDay = (date: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/**
 * CANCEL when the request gave back the whole payment on the day it was taken (in the shop's time
 * zone), as the platform reports a same-day full refund; REFUND otherwise.
 */
async function refundTypeOf(q: Query, request: RefundRequestView, payment: ApiPaymentView): Promise<'CANCEL' | 'REFUND'> {
  if (request.price !== payment.price) return 'REFUND';
  const timeZone = await getShopTimeZone(q);
  return localDay(request.createdAt, timeZone) === localDay(payment.payment.createdAt, timeZone) ? 'CANCEL' : 'REFUND';
}

export async function toPaymentRefund(q: Query, request: RefundRequestView, payment: ApiPaymentView): Promise<z.infer<typeof paymentRefundSchema>> {
  return {
    id: request.id,
    ...refundAmounts(request),
    paymentId: request.paymentId,
    refundType: await refundTypeOf(q, request, payment),
    currency: request.currency,
    paymentTransactionRefunds: request.transactions.map(toTransactionRefund),
  };
}

function refused(result: Exclude<RefundResult, { status: 'refunded' }>, currency: string, what: string): never {
  switch (result.status) {
    case 'not_found':
      throw notFound(what);
    case 'nothing_to_refund':
      throw new ApiError(422, 'NOTHING_TO_REFUND', `${what} has been refunded in full already.`);
    case 'too_much':
      throw new ApiError(422, 'REFUND_EXCEEDS_REFUNDABLE', `refundPrice: at most ${toMajor(result.refundable, currency)} ${currency} can still be refunded.`);
    case 'no_wallet':
      throw unsupported('refundDestinationType: this payment has no buyer member, so there is no wallet to refund to; refund it to the card (PROVIDER).');
  }
}

/** A refund whose card share the provider refused (the wallet share, if any, was given back). */
function providerRefused(): never {
  throw new ApiError(502, 'PROVIDER_REFUND_FAILED', 'The card network refused the refund of the card part; nothing went back to the card.');
}

async function paymentOf(q: Query, id: number, what: string): Promise<ApiPaymentView> {
  const view = await findPaymentView(q, id);
  if (!view) throw notFound(what);
  return view;
}

export const refundRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/refunds',
    summary:
      "Refund everything still refundable of a payment. PROVIDER (the default) gives each part back to its source: an item's card part to the card (Demo provider), its wallet part to the wallet; WALLET gives all of it to the buyer's wallet. refundType CANCEL for the whole payment on the day it was taken, REFUND otherwise; id = the refund's first payment transaction refund id.",
    body: refundPaymentSchema,
    response: paymentRefundSchema,
    // A card share is refunded by the provider between two transactions (lib/api/wallet-refunds.ts).
    mode: 'own',
    async handle({ db, q, body, apiKey, attemptKey }) {
      const what = `Payment ${body.paymentId}`;
      const payment = await paymentOf(q, body.paymentId, what);
      refuseApmRefund(payment, body.refundDestinationType);
      const result = await refundApiPayment(db, {
        paymentId: body.paymentId,
        parts: null,
        destination: body.refundDestinationType,
        conversationId: body.conversationId ?? null,
        apiKeyId: apiKey.id,
        attemptKey,
        staffId: apiKey.staffId,
      });
      if (result.status !== 'refunded') refused(result, payment.payment.currency, what);
      if (result.request.status === 'FAILURE') providerRefused();
      const refund = await toPaymentRefund(db.read, result.request, payment);
      // Not a failure: the card may have been refunded. A retry with the same Idempotency-Key asks again.
      return result.request.status === 'WAITING' ? new Accepted(refund) : refund;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/payment/v1/refund-transactions',
    summary:
      'Refund one item (payment transaction) of a payment, in full or in part, never beyond what it has left: with PROVIDER (the default) its card part goes back to the card first, the rest to the wallet; with WALLET all of it to the wallet.',
    body: refundTransactionSchema,
    response: transactionRefundSchema,
    mode: 'own',
    async handle({ db, q, body, apiKey, attemptKey }) {
      const { paymentId, itemNumber } = splitPaymentTransactionId(body.paymentTransactionId);
      const what = `Payment transaction ${body.paymentTransactionId}`;
      const payment = await paymentOf(q, paymentId, what);
      if (!payment.items[itemNumber - 1]) throw notFound(what);
      refuseApmRefund(payment, body.refundDestinationType);
      const currency = payment.payment.currency;
      const amount = body.refundPrice === undefined ? null : toMinor(body.refundPrice, currency, 'refundPrice');
      const result = await refundApiPayment(db, {
        paymentId,
        parts: [{ itemNumber, amount }],
        destination: body.refundDestinationType,
        conversationId: body.conversationId ?? null,
        apiKeyId: apiKey.id,
        attemptKey,
        staffId: apiKey.staffId,
      });
      if (result.status !== 'refunded') refused(result, currency, what);
      const transaction = result.request.transactions.find((each) => each.itemNumber === itemNumber);
      if (!transaction) throw new ApiError(422, 'NOTHING_TO_REFUND', `${what} has been refunded in full already.`);
      if (transaction.status === 'FAILURE') providerRefused();
      const refund = toTransactionRefund(transaction);
      return transaction.status === 'WAITING' ? new Accepted(refund) : refund;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/refunds/:refundId',
    summary: 'Retrieve a payment refund by the id refundPayment (or the refunds report) answered, with its payment transaction refunds.',
    response: paymentRefundSchema,
    mode: 'read',
    async handle({ q, params }) {
      const id = idParam(params, 'refundId');
      const request = await findRefundRequest(q, id);
      if (!request) throw notFound(`Payment refund ${id}`);
      return toPaymentRefund(q, request, await paymentOf(q, request.paymentId, `Payment refund ${id}`));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/refund-transactions/:refundTransactionId',
    summary: 'Retrieve a payment transaction refund by the id refundPaymentTransaction (or a payment refund) answered.',
    response: transactionRefundSchema,
    mode: 'read',
    async handle({ q, params }) {
      const id = idParam(params, 'refundTransactionId');
      const transaction = await findTransactionRefund(q, id);
      if (!transaction) throw notFound(`Payment transaction refund ${id}`);
      return toTransactionRefund(transaction);
    },
  }),
];

