import { and, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { apiPaymentRefunds, payments } from '@/db/schema';
import { platformDate, shopCurrency, toMajor, toMinor } from '../amounts';
import { ApiError, notFound, unsupported } from '../errors';
import { defineRoute } from '../router';
import { amountSchema, dateParam, pageOf, pagingSchema } from '../schemas';
import { findApiPayment } from '../wallet-payments';
import { paymentItems, paymentTransactionId, refundWalletPayment, splitPaymentTransactionId, type WalletRefundResult } from '../wallet-refunds';

const destinationSchema = z.enum(['WALLET', 'PROVIDER', 'CARD']).default('WALLET');

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

const transactionRefundSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  status: z.literal('SUCCESS'),
  refundDestinationType: z.literal('WALLET'),
  refundPrice: z.number(),
  refundBankPrice: z.number(),
  refundWalletPrice: z.number(),
  conversationId: z.string().nullable(),
  // A wallet refund passes no bank: no auth code, host reference or transaction id of one.
  authCode: z.null(),
  hostReference: z.null(),
  transId: z.null(),
  isAfterSettlement: z.boolean(),
  paymentTransactionId: z.number(),
  currency: z.string(),
  paymentId: z.number(),
});

const paymentRefundSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  status: z.literal('SUCCESS'),
  refundDestinationType: z.literal('WALLET'),
  refundPrice: z.number(),
  refundBankPrice: z.number(),
  refundWalletPrice: z.number(),
  conversationId: z.string().nullable(),
  authCode: z.null(),
  hostReference: z.null(),
  transId: z.null(),
  paymentId: z.number(),
  refundType: z.literal('REFUND'),
  currency: z.string(),
  paymentTransactionRefunds: z.array(transactionRefundSchema),
});

type RefundRow = typeof apiPaymentRefunds.$inferSelect;

function toTransactionRefund(row: RefundRow): z.infer<typeof transactionRefundSchema> {
  const price = toMajor(row.amount, row.currency);
  return {
    id: row.id,
    createdDate: platformDate(row.createdAt),
    status: 'SUCCESS',
    refundDestinationType: 'WALLET',
    refundPrice: price,
    refundBankPrice: 0,
    refundWalletPrice: price,
    conversationId: row.conversationId,
    authCode: null,
    hostReference: null,
    transId: null,
    isAfterSettlement: false,
    paymentTransactionId: paymentTransactionId(row.paymentId, row.itemIndex),
    currency: row.currency,
    paymentId: row.paymentId,
  };
}

function walletOnly(destination: string) {
  if (destination !== 'WALLET') throw unsupported('refundDestinationType: a wallet payment is refunded to the wallet (WALLET).');
}

function refused(result: Exclude<WalletRefundResult, { status: 'refunded' }>, currency: string, what: string): never {
  switch (result.status) {
    case 'not_found':
      throw notFound(what);
    case 'nothing_to_refund':
      throw new ApiError(422, 'NOTHING_TO_REFUND', `${what} has been refunded in full already.`);
    case 'too_much':
      throw new ApiError(422, 'REFUND_EXCEEDS_REFUNDABLE', `refundPrice: at most ${toMajor(result.refundable, currency)} ${currency} can still be refunded.`);
  }
}

const refundOperations = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/refunds',
    summary: 'Refund everything still refundable of a wallet payment back to the wallet.',
    body: refundPaymentSchema,
    response: paymentRefundSchema,
    async handle({ tx, body, apiKey, attemptKey }) {
      walletOnly(body.refundDestinationType);
      const result = await refundWalletPayment(tx, {
        paymentId: body.paymentId,
        parts: null,
        conversationId: body.conversationId ?? null,
        apiKeyId: apiKey.id,
        attemptKey,
        staffId: apiKey.staffId,
      });
      if (result.status !== 'refunded') refused(result, (await findApiPayment(tx, body.paymentId))?.payment.currency ?? '', `Payment ${body.paymentId}`);
      const amount = result.refunds.reduce((sum, row) => sum + row.amount, 0);
      const price = toMajor(amount, result.payment.currency);
      return {
        id: result.transferId,
        createdDate: platformDate(result.refunds[0]?.createdAt ?? new Date()),
        status: 'SUCCESS' as const,
        refundDestinationType: 'WALLET' as const,
        refundPrice: price,
        refundBankPrice: 0,
        refundWalletPrice: price,
        conversationId: body.conversationId ?? null,
        authCode: null,
        hostReference: null,
        transId: null,
        paymentId: result.payment.id,
        refundType: 'REFUND' as const,
        currency: result.payment.currency,
        paymentTransactionRefunds: result.refunds.map(toTransactionRefund),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/payment/v1/refund-transactions',
    summary: "Refund one item (payment transaction) of a wallet payment, in full or in part, never beyond what it has left.",
    body: refundTransactionSchema,
    response: transactionRefundSchema,
    async handle({ tx, body, apiKey, attemptKey }) {
      walletOnly(body.refundDestinationType);
      const { paymentId, itemNumber } = splitPaymentTransactionId(body.paymentTransactionId);
      const what = `Payment transaction ${body.paymentTransactionId}`;
      const found = await findApiPayment(tx, paymentId);
      if (!found) throw notFound(what);
      const currency = found.payment.currency;
      const item = paymentItems(found.details.items)[itemNumber - 1];
      if (!item) throw notFound(what);
      const amount = body.refundPrice === undefined ? null : toMinor(body.refundPrice, currency, 'refundPrice');
      const result = await refundWalletPayment(tx, {
        paymentId,
        parts: [{ itemNumber, amount }],
        conversationId: body.conversationId ?? null,
        apiKeyId: apiKey.id,
        attemptKey,
        staffId: apiKey.staffId,
      });
      if (result.status !== 'refunded') refused(result, currency, what);
      const row = result.refunds.find((refund) => refund.itemIndex === itemNumber);
      if (!row) throw new ApiError(422, 'NOTHING_TO_REFUND', `${what} has been refunded in full already.`);
      return toTransactionRefund(row);
    },
  }),
];

const searchRefundsSchema = z.object({
  id: z.coerce.number().int().positive().optional(),
  paymentId: z.coerce.number().int().positive().optional(),
  buyerMemberId: z.coerce.number().int().positive().optional(),
  conversationId: z.string().max(100).optional(),
  status: z.enum(['SUCCESS', 'FAILURE', 'WAITING']).optional(),
  currency: z.string().trim().toUpperCase().length(3).optional(),
  minRefundPrice: z.coerce.number().nonnegative().optional(),
  maxRefundPrice: z.coerce.number().nonnegative().optional(),
  minCreatedDate: dateParam.optional(),
  maxCreatedDate: dateParam.optional(),
  ...pagingSchema,
});

const refundTotal = sql<number>`sum(${apiPaymentRefunds.amount})`.mapWith(Number);

const searchRefundsRoute = defineRoute({
  method: 'GET',
  path: '/payment-reporting/v1/refunds',
  summary: 'Search refunds of wallet payments (one per refund request), newest first, paged from page 0.',
  query: searchRefundsSchema,
  mode: 'read',
  async handle({ q, query }) {
    const currency = await shopCurrency(q);
    if ((query.status && query.status !== 'SUCCESS') || (query.currency && query.currency !== currency)) return pageOf([], query.page, query.size, 0);
    const conditions: SQL[] = [];
    if (query.id) conditions.push(eq(apiPaymentRefunds.transferId, query.id));
    if (query.paymentId) conditions.push(eq(apiPaymentRefunds.paymentId, query.paymentId));
    if (query.buyerMemberId) conditions.push(eq(payments.userId, query.buyerMemberId));
    if (query.conversationId) conditions.push(eq(apiPaymentRefunds.conversationId, query.conversationId));
    if (query.minCreatedDate) conditions.push(gte(apiPaymentRefunds.createdAt, query.minCreatedDate));
    if (query.maxCreatedDate) conditions.push(lte(apiPaymentRefunds.createdAt, query.maxCreatedDate));
    const having: SQL[] = [];
    if (query.minRefundPrice !== undefined) having.push(gte(refundTotal, toMinor(query.minRefundPrice, currency, 'minRefundPrice', { allowZero: true })));
    if (query.maxRefundPrice !== undefined) having.push(lte(refundTotal, toMinor(query.maxRefundPrice, currency, 'maxRefundPrice', { allowZero: true })));

    // One row per refund request (transfer); every column besides the sum is the same on each of
    // its rows, and is grouped by so that PostgreSQL accepts it too.
    const grouped = q
      .select({
        id: apiPaymentRefunds.transferId,
        paymentId: apiPaymentRefunds.paymentId,
        amount: sql<number>`sum(${apiPaymentRefunds.amount})`.as('amount'),
        currency: apiPaymentRefunds.currency,
        conversationId: apiPaymentRefunds.conversationId,
        createdAt: apiPaymentRefunds.createdAt,
      })
      .from(apiPaymentRefunds)
      .innerJoin(payments, eq(payments.id, apiPaymentRefunds.paymentId))
      .where(and(...conditions))
      .groupBy(apiPaymentRefunds.transferId, apiPaymentRefunds.paymentId, apiPaymentRefunds.currency, apiPaymentRefunds.conversationId, apiPaymentRefunds.createdAt)
      .having(and(...having))
      .as('grouped');
    const [counted] = await q.select({ n: count() }).from(grouped);
    const total = counted?.n ?? 0;
    const rows = await q.select().from(grouped).orderBy(desc(grouped.id)).limit(query.size).offset(query.page * query.size);
    const items = rows.map((row) => {
      // A sum is numeric on PostgreSQL (a string through the driver): made a number here.
      const price = toMajor(Number(row.amount), row.currency);
      return {
        id: row.id,
        createdDate: platformDate(row.createdAt),
        status: 'SUCCESS' as const,
        refundDestinationType: 'WALLET' as const,
        refundPrice: price,
        refundBankPrice: 0,
        refundWalletPrice: price,
        conversationId: row.conversationId,
        authCode: null,
        hostReference: null,
        transId: null,
        paymentId: row.paymentId,
        paymentType: 'WALLET_PAYMENT' as const,
        error: null,
      };
    });
    return pageOf(items, query.page, query.size, total);
  },
});

export const refundRoutes = [...refundOperations, searchRefundsRoute];
