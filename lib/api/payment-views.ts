import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Query } from '@/db/database';
import { apiPayments, paymentPagePayments, payments, users, type Payment } from '@/db/schema';
import { apmTypeOfProvider, type ApmType } from '@/lib/apm-payments/kinds';
import { storedFailure } from '@/lib/payments/failures';
import { platformDate, toMajor } from './amounts';
import { englishPaymentFailure } from './english';
import { paymentTransactionId, readPaymentDetails, type CardFacts, type PaymentItem } from './payment-details';

/** The platform's PaymentType of an API payment. */
export type ApiPaymentType = 'WALLET_PAYMENT' | 'CARD_PAYMENT' | 'CARD_AND_WALLET_PAYMENT' | 'APM';
export type ApiPaymentStatus = 'SUCCESS' | 'FAILURE' | 'WAITING';

/** An API payment as the responses need it, amounts in minor units. */
export type ApiPaymentView = {
  payment: Payment;
  /** Null when the merchant named no member (a card payment recorded for the API key's staff member). */
  buyerMemberId: number | null;
  type: ApiPaymentType;
  /** FUND_TRANSFER or CASH_ON_DELIVERY for an APM payment (type APM), null otherwise. */
  apmType: ApmType | null;
  status: ApiPaymentStatus;
  price: number;
  walletPrice: number;
  items: PaymentItem[];
  card: CardFacts | null;
  conversationId: string | null;
  externalId: string | null;
  paymentGroup: string;
  /** CHECKOUT_FORM when the buyer paid it on a hosted page (checkout form, multi payment), API otherwise. */
  source: ApiPaymentSource;
};

export type ApiPaymentSource = 'API' | 'CHECKOUT_FORM';

/** Whether a payment was made on a hosted payment page (usable in any query that has `payments`). */
export const paidOnPage = sql<boolean>`exists (select 1 from ${paymentPagePayments} where ${paymentPagePayments.paymentId} = ${payments.id})`;

const viewColumns = { payment: payments, details: apiPayments, buyerRole: users.role, onPage: paidOnPage.mapWith(Boolean) };

type ViewRow = { payment: Payment; details: typeof apiPayments.$inferSelect; buyerRole: string; onPage: boolean };

function statusOf(payment: Payment): ApiPaymentStatus {
  if (payment.state === 'done') return 'SUCCESS';
  if (payment.state === 'error' || payment.state === 'canceled') return 'FAILURE';
  return 'WAITING';
}

function toView({ payment, details, buyerRole, onPage }: ViewRow): ApiPaymentView {
  const { items, card } = readPaymentDetails(details.items);
  const price = items.reduce((sum, item) => sum + item.price, 0);
  const walletPrice = items.reduce((sum, item) => sum + item.walletPrice, 0);
  const apmType = apmTypeOfProvider(payment.provider);
  const type: ApiPaymentType = apmType ? 'APM' : payment.provider === 'wallet' ? 'WALLET_PAYMENT' : walletPrice > 0 ? 'CARD_AND_WALLET_PAYMENT' : 'CARD_PAYMENT';
  return {
    payment,
    buyerMemberId: buyerRole === 'customer' ? payment.userId : null,
    type,
    apmType,
    status: statusOf(payment),
    price,
    walletPrice,
    items,
    card,
    conversationId: details.conversationId,
    externalId: details.externalId,
    paymentGroup: details.paymentGroup,
    source: onPage ? 'CHECKOUT_FORM' : 'API',
  };
}

function viewQuery(q: Query) {
  return q.select(viewColumns).from(apiPayments).innerJoin(payments, eq(payments.id, apiPayments.paymentId)).innerJoin(users, eq(users.id, payments.userId));
}

/** An API payment (one taken through this API) by id; undefined for any other payment. */
export async function findPaymentView(q: Query, paymentId: number): Promise<ApiPaymentView | undefined> {
  if (!Number.isSafeInteger(paymentId) || paymentId < 1 || paymentId > 2_147_483_647) return undefined;
  const [row] = await viewQuery(q).where(eq(apiPayments.paymentId, paymentId));
  return row ? toView(row) : undefined;
}

/** API payments by id, in the order of `ids`. */
export async function paymentViews(q: Query, ids: number[]): Promise<ApiPaymentView[]> {
  if (ids.length === 0) return [];
  const rows = await viewQuery(q).where(inArray(apiPayments.paymentId, ids));
  const byId = new Map(rows.map((row) => [row.payment.id, toView(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const paymentErrorSchema = z.object({ errorCode: z.string(), errorDescription: z.string(), errorGroup: z.string() });

/** Why a payment failed, as the platform's PaymentError; null unless it failed. */
export function paymentErrorOf(view: ApiPaymentView): z.infer<typeof paymentErrorSchema> | null {
  if (view.status !== 'FAILURE') return null;
  // An APM payment fails only when staff cancel it: its money never arrived.
  if (view.type === 'APM') return { errorCode: 'PAYMENT_CANCELLED', errorDescription: 'The payment was cancelled: its money did not arrive.', errorGroup: 'NOT_SPECIFIED' };
  const failure = storedFailure(view.payment) ?? { code: 'cardDeclined' as const };
  const declined = failure.code === 'cardDeclined';
  return { errorCode: declined ? 'CARD_DECLINED' : 'PAYMENT_FAILED', errorDescription: englishPaymentFailure(failure), errorGroup: declined ? 'DECLINED' : 'NOT_SPECIFIED' };
}

/**
 * Every key of the platform's BasePaymentResponse (shared by the payment and the reporting
 * responses); an APM payment also carries `apmType`, as the platform's APM payment response does.
 */
export const basePaymentSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  price: z.number(),
  paidPrice: z.number(),
  walletPrice: z.number(),
  currency: z.string(),
  buyerMemberId: z.number().nullable(),
  installment: z.number(),
  conversationId: z.string().nullable(),
  externalId: z.string().nullable(),
  paymentType: z.enum(['WALLET_PAYMENT', 'CARD_PAYMENT', 'CARD_AND_WALLET_PAYMENT', 'APM']),
  apmType: z.enum(['FUND_TRANSFER', 'CASH_ON_DELIVERY']).optional(),
  paymentProvider: z.null(),
  paymentGroup: z.string(),
  paymentStatus: z.enum(['SUCCESS', 'FAILURE', 'WAITING']),
  paymentPhase: z.literal('AUTH'),
  paymentSource: z.enum(['API', 'CHECKOUT_FORM']),
  paymentChannel: z.string().nullable(),
  isThreeDS: z.boolean(),
  merchantCommissionRate: z.number(),
  merchantCommissionRateAmount: z.number(),
  bankCommissionRate: z.number(),
  bankCommissionRateAmount: z.number(),
  paidWithStoredCard: z.boolean(),
  binNumber: z.string().nullable(),
  lastFourDigits: z.string().nullable(),
  cardHolderName: z.string().nullable(),
  cardIssuerBankName: z.null(),
  cardIssuerBankId: z.null(),
  bankCardHolderName: z.null(),
  authCode: z.null(),
  hostReference: z.string().nullable(),
  transId: z.null(),
  mdStatus: z.null(),
  orderId: z.string(),
  cardType: z.null(),
  cardAssociation: z.string().nullable(),
  cardBrand: z.null(),
  requestedPosAlias: z.null(),
  fraudId: z.null(),
  fraudAction: z.null(),
  fraudScore: z.null(),
  pos: z.null(),
  loyalty: z.null(),
  paymentError: paymentErrorSchema.nullable(),
});

/** The BasePaymentResponse keys of an API payment: card fields when a card paid, null otherwise. */
export function basePaymentFields(view: ApiPaymentView): z.infer<typeof basePaymentSchema> {
  const { payment, card } = view;
  const currency = payment.currency;
  const price = toMajor(view.price, currency);
  return {
    id: payment.id,
    createdDate: platformDate(payment.createdAt),
    price,
    paidPrice: price,
    walletPrice: toMajor(view.walletPrice, currency),
    currency,
    buyerMemberId: view.buyerMemberId,
    installment: 1,
    conversationId: view.conversationId,
    externalId: view.externalId,
    paymentType: view.type,
    ...(view.apmType ? { apmType: view.apmType } : {}),
    paymentProvider: null,
    paymentGroup: view.paymentGroup,
    paymentStatus: view.status,
    paymentPhase: 'AUTH',
    paymentSource: view.source,
    paymentChannel: null,
    isThreeDS: false,
    merchantCommissionRate: 0,
    merchantCommissionRateAmount: 0,
    bankCommissionRate: 0,
    bankCommissionRateAmount: 0,
    paidWithStoredCard: false,
    // What is kept of the card (never its number): its first six and last four digits, holder and association.
    binNumber: card?.binNumber ?? null,
    lastFourDigits: card?.lastFourDigits ?? null,
    cardHolderName: card?.cardHolderName ?? null,
    cardIssuerBankName: null,
    cardIssuerBankId: null,
    bankCardHolderName: null,
    authCode: null,
    // The Demo provider's reference of the card part is the payment's own.
    hostReference: card ? payment.reference : null,
    transId: null,
    mdStatus: null,
    orderId: payment.reference,
    cardType: null,
    cardAssociation: card?.cardAssociation ?? null,
    cardBrand: null,
    requestedPosAlias: null,
    // No bank POS, fraud check or loyalty takes part.
    fraudId: null,
    fraudAction: null,
    fraudScore: null,
    pos: null,
    loyalty: null,
    paymentError: paymentErrorOf(view),
  };
}

export const payoutSchema = z.object({
  paidPrice: z.number(),
  parity: z.number(),
  currency: z.string(),
  merchantPayoutAmount: z.number(),
  subMerchantMemberPayoutAmount: z.number(),
});

/** Every key of the platform's PaymentTransaction. */
export const paymentTransactionSchema = z.object({
  id: z.number(),
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  price: z.number(),
  paidPrice: z.number(),
  walletPrice: z.number(),
  merchantCommissionRate: z.number(),
  merchantCommissionRateAmount: z.number(),
  merchantPayoutAmount: z.number(),
  subMerchantMemberId: z.number().nullable(),
  subMerchantMemberPrice: z.number().nullable(),
  subMerchantMemberPayoutRate: z.number().nullable(),
  subMerchantMemberPayoutAmount: z.number().nullable(),
  transactionStatus: z.literal('APPROVED'),
  blockageResolvedDate: z.string().nullable(),
  payout: payoutSchema,
});

/** The payment transactions (items) of an API payment, ids from paymentTransactionId. */
export function paymentTransactionFields(view: ApiPaymentView): z.infer<typeof paymentTransactionSchema>[] {
  const currency = view.payment.currency;
  return view.items.map((item, index) => {
    const itemPrice = toMajor(item.price, currency);
    return {
      id: paymentTransactionId(view.payment.id, index + 1),
      name: item.name,
      externalId: item.externalId,
      price: itemPrice,
      paidPrice: itemPrice,
      walletPrice: toMajor(item.walletPrice, currency),
      merchantCommissionRate: 0,
      merchantCommissionRateAmount: 0,
      // The shop is the only merchant: it keeps the whole item, with no commission and no sub-merchant.
      merchantPayoutAmount: itemPrice,
      subMerchantMemberId: null,
      subMerchantMemberPrice: null,
      subMerchantMemberPayoutRate: null,
      subMerchantMemberPayoutAmount: null,
      transactionStatus: 'APPROVED' as const,
      blockageResolvedDate: null,
      payout: { paidPrice: itemPrice, parity: 1, currency, merchantPayoutAmount: itemPrice, subMerchantMemberPayoutAmount: 0 },
    };
  });
}
