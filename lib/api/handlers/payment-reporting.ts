import { and, type AnyColumn, count, desc, eq, gte, inArray, isNotNull, isNull, like, lte, not, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Query } from '@/db/database';
import { apiPaymentRefunds, apiPayments, ledgerTransfers, payments, users, type PaymentProvider } from '@/db/schema';
import { platformDate, shopCurrency, toMajor, toMinor } from '../amounts';
import { notFound } from '../errors';
import { splitPaymentTransactionId } from '../payment-details';
import { basePaymentFields, basePaymentSchema, findPaymentView, paidOnPage, paymentTransactionFields, paymentTransactionSchema, paymentViews, type ApiPaymentView } from '../payment-views';
import { refundedByItem, refundRequests, refundSharesOf, type RefundRequestView, type RefundShare } from '../refund-records';
import { defineRoute, idParam } from '../router';
import { dateParam, flagParam, isRowId, pageOf, pagingSchema, rowIdParam } from '../schemas';
import { memberResponses, memberResponseSchema } from './members';
import { reportingPaymentRefundSchema, reportingTransactionRefundSchema, toReportingPaymentRefund, toReportingTransactionRefund } from './refunds';

/**
 * The payment reporting calls (the Node client's paymentReporting()): payments taken through this
 * API (wallet, card, card and wallet; failed ones too), their transactions and refunds, with the
 * same ids the payment and refund calls answer.
 */

const refundStatusSchema = z.enum(['NO_REFUND', 'NOT_REFUNDED', 'PARTIAL_REFUNDED', 'FULLY_REFUNDED']);

export const reportingPaymentSchema = basePaymentSchema.extend({
  retryCount: z.number(),
  refundablePrice: z.number(),
  refundStatus: refundStatusSchema,
  buyerMember: memberResponseSchema.nullable(),
  refunds: z.array(reportingPaymentRefundSchema),
});

const payoutStatusSchema = z.object({
  merchantStatus: z.enum(['CANCELLED', 'WAITING_FOR_PAYOUT', 'PAYOUT_COMPLETED']),
  merchantStatusDate: z.string(),
  subMerchantMemberStatus: z.null(),
  subMerchantMemberStatusDate: z.null(),
});

export const reportingTransactionSchema = paymentTransactionSchema.extend({
  createdDate: z.string(),
  transactionStatusDate: z.string(),
  refundablePrice: z.number(),
  subMerchantMember: z.null(),
  refundStatus: refundStatusSchema,
  payoutStatus: payoutStatusSchema,
  bankCommissionRate: z.number(),
  bankCommissionRateAmount: z.number(),
});

const listOf = (item: z.ZodType) => z.object({ page: z.number(), size: z.number(), totalSize: z.number(), items: z.array(item) });

/** A whole list in the platform's paged shape (these calls take no paging). */
const wholeList = <T>(items: T[]) => pageOf(items, 0, items.length, items.length);

function refundStatusOf(paid: boolean, price: number, refunded: number): z.infer<typeof refundStatusSchema> {
  if (!paid || refunded === 0) return 'NO_REFUND';
  return refunded >= price ? 'FULLY_REFUNDED' : 'PARTIAL_REFUNDED';
}

type PaymentFacts = { view: ApiPaymentView; shares: RefundShare[]; requests: RefundRequestView[] };

/** Payments with their refund shares and requests, loaded in two queries. */
async function paymentFacts(q: Query, views: ApiPaymentView[]): Promise<PaymentFacts[]> {
  const shares = await refundSharesOf(q, views.map((view) => view.payment.id));
  return views.map((view) => {
    const own = shares.filter((share) => share.paymentId === view.payment.id);
    return { view, shares: own, requests: refundRequests(own) };
  });
}

function toReportingPayment(facts: PaymentFacts, buyerMember: z.infer<typeof memberResponseSchema> | null): z.infer<typeof reportingPaymentSchema> {
  const { view } = facts;
  const paid = view.status === 'SUCCESS';
  const refunded = [...refundedByItem(facts.shares).values()].reduce((sum, each) => sum + each.total, 0);
  return {
    ...basePaymentFields(view),
    retryCount: 0,
    refundablePrice: toMajor(paid ? view.price - refunded : 0, view.payment.currency),
    refundStatus: refundStatusOf(paid, view.price, refunded),
    buyerMember,
    refunds: facts.requests.map((request) => toReportingPaymentRefund(request, view.type)),
  };
}

async function reportingPayments(q: Query, views: ApiPaymentView[]) {
  const [facts, members] = await Promise.all([paymentFacts(q, views), memberResponses(q, views.flatMap((view) => view.buyerMemberId ?? []))]);
  return facts.map((each) => toReportingPayment(each, each.view.buyerMemberId === null ? null : (members.get(each.view.buyerMemberId) ?? null)));
}

async function paymentFor(q: Query, params: Record<string, string>): Promise<PaymentFacts> {
  const id = idParam(params, 'paymentId');
  const view = await findPaymentView(q, id);
  if (!view) throw notFound(`Payment ${id}`);
  const [facts] = await paymentFacts(q, [view]);
  if (!facts) throw notFound(`Payment ${id}`);
  return facts;
}

function toReportingTransactions({ view, shares }: PaymentFacts): z.infer<typeof reportingTransactionSchema>[] {
  const paid = view.status === 'SUCCESS';
  const refunded = refundedByItem(shares);
  const currency = view.payment.currency;
  return paymentTransactionFields(view).map((transaction, index) => {
    const item = view.items[index];
    const price = item?.price ?? 0;
    const itemRefunded = refunded.get(index + 1)?.total ?? 0;
    return {
      ...transaction,
      createdDate: platformDate(view.payment.createdAt),
      transactionStatusDate: platformDate(view.payment.updatedAt),
      refundablePrice: toMajor(paid ? price - itemRefunded : 0, currency),
      subMerchantMember: null,
      refundStatus: refundStatusOf(paid, price, itemRefunded),
      // The shop is the merchant and holds the money once it is paid: nothing waits for a payout then.
      // A payment still waiting for its money (an APM payment) waits for it; a failed one is cancelled.
      payoutStatus: {
        merchantStatus: paid ? 'PAYOUT_COMPLETED' : view.status === 'WAITING' ? 'WAITING_FOR_PAYOUT' : 'CANCELLED',
        merchantStatusDate: platformDate(view.payment.updatedAt),
        subMerchantMemberStatus: null,
        subMerchantMemberStatusDate: null,
      },
      bankCommissionRate: 0,
      bankCommissionRateAmount: 0,
    };
  });
}

/** A payment transaction id: (payment id − 1) × 1000 + item number, so beyond a row id. */
const transactionIdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER, 'is not an id');

/** The providers behind each of the platform's payment types (a card, or an offline APM: a wire or the courier's cash). */
const cardProviders: PaymentProvider[] = ['demo', 'stripe'];
const apmProviders: PaymentProvider[] = ['wire_transfer', 'cash_on_delivery'];

const paymentTypes = ['CARD_PAYMENT', 'WALLET_PAYMENT', 'CARD_AND_WALLET_PAYMENT', 'DEPOSIT_PAYMENT', 'HEPSIPAY_DEPOSIT_PAYMENT', 'APM'] as const;
const paymentStatuses = ['FAILURE', 'SUCCESS', 'INIT_THREEDS', 'CALLBACK_THREEDS', 'WAITING'] as const;

const searchPaymentsSchema = z.object({
  paymentId: rowIdParam.optional(),
  paymentTransactionId: transactionIdParam.optional(),
  subMerchantMemberId: rowIdParam.optional(),
  buyerMemberId: rowIdParam.optional(),
  conversationId: z.string().max(100).optional(),
  externalId: z.string().max(100).optional(),
  orderId: z.string().max(100).optional(),
  paymentType: z.enum(paymentTypes).optional(),
  paymentProvider: z.string().max(50).optional(),
  paymentSource: z.string().max(50).optional(),
  paymentStatus: z.enum(paymentStatuses).optional(),
  paymentChannel: z.string().max(100).optional(),
  binNumber: z.string().regex(/^\d{6,8}$/, 'must be 6 to 8 digits').optional(),
  lastFourDigits: z.string().regex(/^\d{4}$/, 'must be 4 digits').optional(),
  currency: z.string().trim().toUpperCase().length(3).optional(),
  minPaidPrice: z.coerce.number().nonnegative().optional(),
  maxPaidPrice: z.coerce.number().nonnegative().optional(),
  installment: z.coerce.number().int().positive().optional(),
  isThreeDS: flagParam.optional(),
  minCreatedDate: dateParam.optional(),
  maxCreatedDate: dateParam.optional(),
  ...pagingSchema,
});

/** A condition no row meets: a filter on something Coffer never has (a sub-merchant, 3-D Secure, another source…). */
const nothing = sql`1 = 0`;


/** The payment of a payment transaction id, which may name a payment beyond any row id (then none). */
function paymentIs(column: AnyColumn, paymentId: number): SQL {
  return isRowId(paymentId) ? eq(column, paymentId) : nothing;
}

/**
 * The search's conditions on api_payments ⋈ payments ⋈ users ⋈ the wallet part (a left join: a
 * card and wallet payment's wallet part is the payments row whose key is the card part's + ':wallet').
 */
function paymentConditions(query: z.infer<typeof searchPaymentsSchema>, walletPart: { id: AnyColumn; amount: AnyColumn }, amountCurrency: string): SQL[] {
  const conditions: SQL[] = [];
  const currency = query.currency;
  if (query.paymentId) conditions.push(eq(payments.id, query.paymentId));
  if (query.paymentTransactionId) conditions.push(paymentIs(payments.id, splitPaymentTransactionId(query.paymentTransactionId).paymentId));
  if (query.subMerchantMemberId || query.paymentProvider || query.paymentChannel) conditions.push(nothing);
  if (query.paymentSource === 'API') conditions.push(not(paidOnPage));
  else if (query.paymentSource === 'CHECKOUT_FORM') conditions.push(paidOnPage);
  else if (query.paymentSource) conditions.push(nothing);
  if (query.installment !== undefined && query.installment !== 1) conditions.push(nothing);
  if (query.isThreeDS === true) conditions.push(nothing);
  if (query.buyerMemberId) conditions.push(eq(payments.userId, query.buyerMemberId), eq(users.role, 'customer'));
  if (query.conversationId) conditions.push(eq(apiPayments.conversationId, query.conversationId));
  if (query.externalId) conditions.push(eq(apiPayments.externalId, query.externalId));
  if (query.orderId) conditions.push(eq(payments.reference, query.orderId));
  switch (query.paymentType) {
    case undefined:
      break;
    case 'WALLET_PAYMENT':
      conditions.push(eq(payments.provider, 'wallet'));
      break;
    case 'CARD_PAYMENT':
      conditions.push(inArray(payments.provider, cardProviders), isNull(walletPart.id));
      break;
    case 'CARD_AND_WALLET_PAYMENT':
      conditions.push(inArray(payments.provider, cardProviders), isNotNull(walletPart.id));
      break;
    case 'APM':
      conditions.push(inArray(payments.provider, apmProviders));
      break;
    default:
      conditions.push(nothing);
  }
  switch (query.paymentStatus) {
    case undefined:
      break;
    case 'SUCCESS':
      conditions.push(eq(payments.state, 'done'));
      break;
    case 'FAILURE':
      conditions.push(inArray(payments.state, ['error', 'canceled']));
      break;
    case 'WAITING':
      conditions.push(inArray(payments.state, ['draft', 'pending', 'authorized']));
      break;
    default:
      conditions.push(nothing);
  }
  // The card's stored facts (digits only, checked above) within the details' JSON.
  if (query.binNumber) conditions.push(like(apiPayments.items, `%"binNumber":"${query.binNumber}%`));
  if (query.lastFourDigits) conditions.push(like(apiPayments.items, `%"lastFourDigits":"${query.lastFourDigits}"%`));
  if (currency) conditions.push(eq(payments.currency, currency));
  const paidPrice = sql`(${payments.amount} + coalesce(${walletPart.amount}, 0))`;
  if (query.minPaidPrice !== undefined) conditions.push(sql`${paidPrice} >= ${toMinor(query.minPaidPrice, amountCurrency, 'minPaidPrice', { allowZero: true })}`);
  if (query.maxPaidPrice !== undefined) conditions.push(sql`${paidPrice} <= ${toMinor(query.maxPaidPrice, amountCurrency, 'maxPaidPrice', { allowZero: true })}`);
  if (query.minCreatedDate) conditions.push(gte(payments.createdAt, query.minCreatedDate));
  if (query.maxCreatedDate) conditions.push(lte(payments.createdAt, query.maxCreatedDate));
  return conditions;
}

const searchPaymentsRoute = defineRoute({
  method: 'GET',
  path: '/payment-reporting/v1/payments',
  summary: 'Search payments taken through this API (wallet, card, card and wallet; failed ones too), newest first, paged from page 0.',
  query: searchPaymentsSchema,
  response: listOf(reportingPaymentSchema),
  mode: 'read',
  async handle({ q, query }) {
    const walletPart = alias(payments, 'wallet_part');
    // Amounts are compared in the currency searched for, else in the shop's (every payment is in it).
    const where = and(...paymentConditions(query, walletPart, query.currency ?? (await shopCurrency(q))));
    const [counted] = await q
      .select({ n: count() })
      .from(apiPayments)
      .innerJoin(payments, eq(payments.id, apiPayments.paymentId))
      .innerJoin(users, eq(users.id, payments.userId))
      .leftJoin(walletPart, eq(walletPart.idempotencyKey, sql`${payments.idempotencyKey} || ':wallet'`))
      .where(where);
    const rows = await q
      .select({ id: payments.id })
      .from(apiPayments)
      .innerJoin(payments, eq(payments.id, apiPayments.paymentId))
      .innerJoin(users, eq(users.id, payments.userId))
      .leftJoin(walletPart, eq(walletPart.idempotencyKey, sql`${payments.idempotencyKey} || ':wallet'`))
      .where(where)
      .orderBy(desc(payments.id))
      .limit(query.size)
      .offset(query.page * query.size);
    let views = await paymentViews(q, rows.map((row) => row.id));
    let total = counted?.n ?? 0;
    if (query.paymentTransactionId) {
      // The payment of that transaction id has it only when it has that many items.
      const { itemNumber } = splitPaymentTransactionId(query.paymentTransactionId);
      const kept = views.filter((view) => itemNumber <= view.items.length);
      total -= views.length - kept.length;
      views = kept;
    }
    return pageOf(await reportingPayments(q, views), query.page, query.size, total);
  },
});

const refundSearchBase = {
  paymentId: rowIdParam.optional(),
  buyerMemberId: rowIdParam.optional(),
  conversationId: z.string().max(100).optional(),
  status: z.enum(['SUCCESS', 'FAILURE', 'WAITING']).optional(),
  currency: z.string().trim().toUpperCase().length(3).optional(),
  minRefundPrice: z.coerce.number().nonnegative().optional(),
  maxRefundPrice: z.coerce.number().nonnegative().optional(),
  minCreatedDate: dateParam.optional(),
  maxCreatedDate: dateParam.optional(),
  ...pagingSchema,
};

const searchRefundsSchema = z.object({ id: rowIdParam.optional(), ...refundSearchBase });

const searchTransactionRefundsSchema = z.object({
  id: rowIdParam.optional(),
  paymentTransactionId: transactionIdParam.optional(),
  isAfterSettlement: flagParam.optional(),
  ...refundSearchBase,
});

type RefundSearch = z.infer<typeof searchRefundsSchema> & { paymentTransactionId?: number; isAfterSettlement?: boolean };

/**
 * Refund requests (or, `byItem`, their transaction refunds) matching a search: grouped in SQL from
 * the shares (a request = its payment and instant; its id = its first share's), newest first, one
 * page of ids and the total.
 */
async function searchRefundIds(q: Query, query: RefundSearch, byItem: boolean): Promise<{ ids: number[]; total: number }> {
  const conditions: SQL[] = [];
  if (query.paymentId) conditions.push(eq(apiPaymentRefunds.paymentId, query.paymentId));
  if (query.paymentTransactionId) {
    const { paymentId, itemNumber } = splitPaymentTransactionId(query.paymentTransactionId);
    conditions.push(paymentIs(apiPaymentRefunds.paymentId, paymentId), eq(apiPaymentRefunds.itemIndex, itemNumber));
  }
  if (query.buyerMemberId) conditions.push(eq(payments.userId, query.buyerMemberId), eq(users.role, 'customer'));
  if (query.conversationId) conditions.push(eq(apiPaymentRefunds.conversationId, query.conversationId));
  if (query.currency) conditions.push(eq(apiPaymentRefunds.currency, query.currency));
  if (query.isAfterSettlement === true) conditions.push(nothing);
  if (query.minCreatedDate) conditions.push(gte(apiPaymentRefunds.createdAt, query.minCreatedDate));
  if (query.maxCreatedDate) conditions.push(lte(apiPaymentRefunds.createdAt, query.maxCreatedDate));

  const firstId = sql<number>`min(${apiPaymentRefunds.id})`;
  const total = sql<number>`sum(${apiPaymentRefunds.amount})`;
  const pending = sql<number>`sum(case when ${ledgerTransfers.state} = 'pending' then 1 else 0 end)`;
  const voided = sql<number>`sum(case when ${ledgerTransfers.state} = 'voided' then 1 else 0 end)`;
  const having: SQL[] = [];
  if (query.id) having.push(sql`${firstId} = ${query.id}`);
  if (query.status === 'SUCCESS') having.push(sql`${pending} = 0 and ${voided} = 0`);
  if (query.status === 'WAITING') having.push(sql`${pending} > 0`);
  if (query.status === 'FAILURE') having.push(sql`${pending} = 0 and ${voided} > 0`);
  // Amounts are compared in the currency searched for, else in the shop's (every refund is in it).
  const inCurrency = query.currency ?? (await shopCurrency(q));
  if (query.minRefundPrice !== undefined) having.push(sql`${total} >= ${toMinor(query.minRefundPrice, inCurrency, 'minRefundPrice', { allowZero: true })}`);
  if (query.maxRefundPrice !== undefined) having.push(sql`${total} <= ${toMinor(query.maxRefundPrice, inCurrency, 'maxRefundPrice', { allowZero: true })}`);

  const grouping = byItem ? [apiPaymentRefunds.paymentId, apiPaymentRefunds.createdAt, apiPaymentRefunds.itemIndex] : [apiPaymentRefunds.paymentId, apiPaymentRefunds.createdAt];
  const grouped = q
    .select({ id: firstId.as('first_id') })
    .from(apiPaymentRefunds)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, apiPaymentRefunds.transferId))
    .innerJoin(payments, eq(payments.id, apiPaymentRefunds.paymentId))
    .innerJoin(users, eq(users.id, payments.userId))
    .where(and(...conditions))
    .groupBy(...grouping)
    .having(and(...having))
    .as('grouped');
  const [counted] = await q.select({ n: count() }).from(grouped);
  const rows = await q.select({ id: grouped.id }).from(grouped).orderBy(desc(grouped.id)).limit(query.size).offset(query.page * query.size);
  // A min() is numeric on PostgreSQL (a string through the driver): made a number here.
  return { ids: rows.map((row) => Number(row.id)), total: counted?.n ?? 0 };
}

/** The requests with these ids (their payments' shares grouped), in the order of `ids`, with their payments' types. */
async function requestsById(q: Query, ids: number[]): Promise<{ requests: RefundRequestView[]; types: Map<number, string> }> {
  if (ids.length === 0) return { requests: [], types: new Map() };
  const owners = await q.select({ paymentId: apiPaymentRefunds.paymentId }).from(apiPaymentRefunds).where(inArray(apiPaymentRefunds.id, ids));
  const paymentIds = [...new Set(owners.map((row) => row.paymentId))];
  const [shares, views] = await Promise.all([refundSharesOf(q, paymentIds), paymentViews(q, paymentIds)]);
  return { requests: refundRequests(shares), types: new Map(views.map((view) => [view.payment.id, view.type])) };
}

const refundReportRoutes = [
  defineRoute({
    method: 'GET',
    path: '/payment-reporting/v1/refunds',
    summary: 'Search payment refunds (one per refund request; id = the id refundPayment answered), newest first, paged from page 0.',
    query: searchRefundsSchema,
    response: listOf(reportingPaymentRefundSchema),
    mode: 'read',
    async handle({ q, query }) {
      const { ids, total } = await searchRefundIds(q, query, false);
      const { requests, types } = await requestsById(q, ids);
      const byId = new Map(requests.map((request) => [request.id, request]));
      const items = ids.flatMap((id) => {
        const request = byId.get(id);
        return request ? [toReportingPaymentRefund(request, types.get(request.paymentId) ?? 'WALLET_PAYMENT')] : [];
      });
      return pageOf(items, query.page, query.size, total);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment-reporting/v1/refund-transactions',
    summary: 'Search payment transaction refunds (one per item of a refund request; id = the id refundPaymentTransaction answered), newest first, paged from page 0.',
    query: searchTransactionRefundsSchema,
    response: listOf(reportingTransactionRefundSchema),
    mode: 'read',
    async handle({ q, query }) {
      const { ids, total } = await searchRefundIds(q, query, true);
      const { requests, types } = await requestsById(q, ids);
      const byId = new Map(requests.flatMap((request) => request.transactions).map((transaction) => [transaction.id, transaction]));
      const items = ids.flatMap((id) => {
        const transaction = byId.get(id);
        return transaction ? [toReportingTransactionRefund(transaction, types.get(transaction.paymentId) ?? 'WALLET_PAYMENT')] : [];
      });
      return pageOf(items, query.page, query.size, total);
    },
  }),
];

export const paymentReportingRoutes = [
  searchPaymentsRoute,
  defineRoute({
    method: 'GET',
    path: '/payment-reporting/v1/payments/:paymentId',
    summary: 'A payment taken through this API, with its buyer, what is still refundable and its refunds.',
    response: reportingPaymentSchema,
    mode: 'read',
    async handle({ q, params }) {
      const facts = await paymentFor(q, params);
      const [payment] = await reportingPayments(q, [facts.view]);
      return payment;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment-reporting/v1/payments/:paymentId/transactions',
    summary: "A payment's transactions (items), with what each has left to refund.",
    response: listOf(reportingTransactionSchema),
    mode: 'read',
    async handle({ q, params }) {
      return wholeList(toReportingTransactions(await paymentFor(q, params)));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment-reporting/v1/payments/:paymentId/refunds',
    summary: "A payment's refunds, oldest first (ids as refundPayment answered them).",
    response: listOf(reportingPaymentRefundSchema),
    mode: 'read',
    async handle({ q, params }) {
      const { view, requests } = await paymentFor(q, params);
      return wholeList(requests.map((request) => toReportingPaymentRefund(request, view.type)));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment-reporting/v1/payments/:paymentId/transactions/:paymentTransactionId/refunds',
    summary: "One payment transaction's refunds, oldest first (ids as refundPaymentTransaction answered them).",
    response: listOf(reportingTransactionRefundSchema),
    mode: 'read',
    async handle({ q, params }) {
      const facts = await paymentFor(q, params);
      const transactionId = idParam(params, 'paymentTransactionId', Number.MAX_SAFE_INTEGER);
      const { paymentId, itemNumber } = splitPaymentTransactionId(transactionId);
      if (paymentId !== facts.view.payment.id || !facts.view.items[itemNumber - 1]) throw notFound(`Payment transaction ${transactionId}`);
      const transactions = facts.requests.flatMap((request) => request.transactions).filter((transaction) => transaction.itemNumber === itemNumber);
      return wholeList(transactions.map((transaction) => toReportingTransactionRefund(transaction, facts.view.type)));
    },
  }),
  ...refundReportRoutes,
];

