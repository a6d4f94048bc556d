import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Query, Tx } from '@/db/database';
import { payments, type PaymentPage } from '@/db/schema';
import type { PaymentPageKind } from '@/db/schema/enums';
import { toDecimalString } from '@/lib/money';
import { expirePaymentPage, findPaymentPage, MAX_TTL_MINUTES, openPaymentPage, pageUrlOf, type PaymentPageMethod, type PaymentPageView } from '@/lib/payment-pages/pages';
import { findPayment } from '@/lib/payments/records';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { validateTopUpAmount } from '@/lib/wallet/top-ups';
import { platformDate, requireShopCurrency, shopCurrency, toMinor } from '../amounts';
import { ApiError, invalidField, notFound, unsupported } from '../errors';
import { basePaymentSchema, findPaymentView, type ApiPaymentView } from '../payment-views';
import { defineRoute } from '../router';
import { amountSchema, currencySchema, paymentItemSchema } from '../schemas';
import { findMember } from './members';
import { paymentResponseSchema, toPaymentResponse } from './payments';

/**
 * The checkout form (initCheckoutPayment, retrieveCheckoutPayment, expireCheckoutPayment): a hosted
 * payment page on Coffer (lib/payment-pages) for a payment or, with depositPayment, a top-up of the
 * buyer's wallet (or, naming no buyer, of the signed-in customer who pays). The buyer pays at pageUrl and is sent back to callbackUrl with the token; the
 * merchant reads the outcome by the token. Stored cards, 3-D Secure, installments, Masterpass and
 * fraud checks are not supported: asking for them is 422 UNSUPPORTED naming the field.
 */

const paymentGroups = ['PRODUCT', 'LISTING_OR_SUBSCRIPTION'] as const;

/** What the page can offer: the platform's CARD, and Coffer's WALLET (the buyer's wallet). */
const pageMethods = ['CARD', 'WALLET'] as const satisfies readonly PaymentPageMethod[];

const callbackUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((text) => {
    if (!URL.canParse(text)) return false;
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  }, 'must be an absolute http(s) URL (the buyer is sent back there)');

const installmentSchema = z.object({ number: z.number().int(), totalPrice: amountSchema });

/**
 * The fields initCheckoutPayment and initMultiPayment share, as the four clients send them: Java
 * and Python send every boolean (false unless set) and Java allowDeleteStoredCard true, so false
 * (and what Coffer has no use for) is accepted; a feature Coffer lacks, asked for, is refused by
 * refuseUnsupported.
 */
export const pageRequestFields = {
  price: amountSchema,
  paidPrice: amountSchema.optional(),
  // Optional: the wallet's currency (the shop's); any other → 422.
  currency: currencySchema.optional(),
  paymentGroup: z.enum(paymentGroups).default('PRODUCT'),
  paymentPhase: z.enum(['AUTH']).optional(),
  paymentSource: z.enum(['API', 'CHECKOUT_FORM', 'PAY_BY_LINK']).optional(),
  paymentChannel: z.string().max(100).optional(),
  buyerMemberId: z.number().int().positive().optional(),
  conversationId: z.string().max(100).optional(),
  externalId: z.string().max(100).optional(),
  orderId: z.string().max(100).optional(),
  callbackUrl: callbackUrlSchema,
  clientIp: z.string().max(64).optional(),
  // Any method name the platform has; CARD and WALLET are what a Coffer page offers.
  enabledPaymentMethods: z.array(z.string().trim().toUpperCase().max(50)).max(50).optional(),
  enabledInstallments: z.array(z.number().int()).max(50).optional(),
  customInstallments: z.array(installmentSchema).max(50).optional(),
  cardBrandInstallments: z.record(z.string(), z.array(installmentSchema)).optional(),
  masterpassGsmNumber: z.string().max(50).optional(),
  masterpassUserId: z.string().max(100).optional(),
  apmUserIdentity: z.string().max(255).optional(),
  cardUserKey: z.string().max(255).optional(),
  alwaysStoreCardAfterPayment: z.boolean().optional(),
  allowOnlyStoredCards: z.boolean().optional(),
  allowDeleteStoredCard: z.boolean().optional(),
  disableStoreCard: z.boolean().optional(),
  allowOnlyCreditCard: z.boolean().optional(),
  allowInstallmentOnlyCommercialCards: z.boolean().optional(),
  forceThreeDS: z.boolean().optional(),
  forceAuthForNonCreditCards: z.boolean().optional(),
  guestCheckout: z.boolean().optional(),
  useTopRedirection: z.boolean().optional(),
  returnBackUrl: z.string().max(2048).optional(),
  ttl: z.number().int().min(1).max(MAX_TTL_MINUTES, `must be at most ${MAX_TTL_MINUTES} minutes (7 days)`).optional(),
  items: z.array(paymentItemSchema).max(200, 'at most 200 items').optional(),
  routingOptions: z.unknown().optional(),
  fraudParams: z.unknown().optional(),
  additionalParams: z.record(z.string(), z.unknown()).optional(),
  retry: z.boolean().optional(),
};

const initCheckoutSchema = z.object({
  ...pageRequestFields,
  paidPrice: amountSchema,
  // The Java, Python and PHP clients (and the official sample) name it depositPayment; the Node client's 1.0.65 type depositPayments.
  depositPayment: z.boolean().optional(),
  depositPayments: z.boolean().optional(),
});

export type PageRequest = z.output<z.ZodObject<typeof pageRequestFields>>;

/** 422 UNSUPPORTED for what the request asks of a feature Coffer does not have, naming the field. */
function refuseUnsupported(body: PageRequest): void {
  const refuse = (field: string, why: string): never => {
    throw unsupported(`${field}: ${why}`);
  };
  if (body.cardUserKey !== undefined) refuse('cardUserKey', 'Coffer does not store cards; stored cards are not supported.');
  if (body.allowOnlyStoredCards === true) refuse('allowOnlyStoredCards', 'Coffer does not store cards.');
  if (body.alwaysStoreCardAfterPayment === true) refuse('alwaysStoreCardAfterPayment', 'Coffer does not store cards.');
  if (body.forceThreeDS === true) refuse('forceThreeDS', '3-D Secure is not supported.');
  if (body.allowOnlyCreditCard === true) refuse('allowOnlyCreditCard', 'Coffer cannot tell credit cards from other cards.');
  if (body.enabledInstallments?.some((count) => count !== 1)) refuse('enabledInstallments', 'installments are not supported (only 1).');
  if ((body.customInstallments?.length ?? 0) > 0) refuse('customInstallments', 'installments are not supported.');
  if (body.cardBrandInstallments !== undefined && Object.keys(body.cardBrandInstallments).length > 0) refuse('cardBrandInstallments', 'installments are not supported.');
  if (body.masterpassGsmNumber !== undefined || body.masterpassUserId !== undefined) refuse(body.masterpassGsmNumber !== undefined ? 'masterpassGsmNumber' : 'masterpassUserId', 'Masterpass is not supported.');
  if (body.apmUserIdentity !== undefined) refuse('apmUserIdentity', 'alternative payment methods are not offered on the payment page.');
  if (body.fraudParams !== undefined) refuse('fraudParams', 'fraud checks are not supported.');
  if (body.items?.some((item) => item.subMerchantMemberId !== undefined)) refuse('items.subMerchantMemberId', 'Coffer has no sub-merchants.');
}

/**
 * The page's ways of paying: the methods asked for that a Coffer page has (CARD, WALLET), and of
 * them those the shop's Settings allow now; null = every way (decided again when the buyer pays).
 * Asked only for others (PAPARA …) → 422 naming them; none allowed by the shop → 422.
 */
async function methodsOf(q: Query, asked: string[] | undefined, kind: PaymentPageKind): Promise<PaymentPageMethod[] | null> {
  const offered = asked === undefined || asked.length === 0 ? null : pageMethods.filter((method) => asked.includes(method));
  if (offered !== null && offered.length === 0) throw unsupported(`enabledPaymentMethods: ${asked?.join(', ')} not supported; a Coffer payment page offers CARD and WALLET.`);
  // A deposit tops up the wallet: only a card can pay it.
  const wanted = kind === 'deposit' ? (offered ?? ['CARD']).filter((method) => method === 'CARD') : (offered ?? [...pageMethods]);
  if (wanted.length === 0) throw unsupported('enabledPaymentMethods: a deposit is paid by CARD.');
  const allowed: PaymentPageMethod[] = [];
  for (const method of wanted) if (await isPaymentMethodEnabled(q, method === 'CARD' ? 'card' : 'wallet')) allowed.push(method);
  if (allowed.length === 0) throw unsupported(`enabledPaymentMethods: ${wanted.join(' and ')} ${wanted.length > 1 ? 'are' : 'is'} turned off in the shop settings.`);
  return kind === 'deposit' ? ['CARD'] : offered;
}

export const initPageResponseSchema = z.object({ token: z.string(), pageUrl: z.string(), tokenExpireDate: z.string() });

/**
 * Checks a checkout or multi payment request and opens its page in the route's transaction:
 * price = paidPrice = Σ items (a deposit: no items, the shop's top-up limits), a member that exists when one is named.
 */
export async function openPageFor(
  tx: Tx,
  body: PageRequest & { paidPrice?: number },
  input: { kind: PaymentPageKind; apiKeyId: number; maxPayments: number | null },
): Promise<z.infer<typeof initPageResponseSchema>> {
  refuseUnsupported(body);
  const currency = body.currency === undefined ? await shopCurrency(tx) : await requireShopCurrency(tx, body.currency);
  const price = toMinor(body.price, currency, 'price');
  const paidPrice = body.paidPrice === undefined ? price : toMinor(body.paidPrice, currency, 'paidPrice');
  if (paidPrice !== price) throw invalidField('paidPrice', 'must equal price (Coffer adds no commission or interest)');
  const items = (body.items ?? []).map((item, index) => ({ name: item.name ?? null, externalId: item.externalId ?? null, price: toMinor(item.price, currency, `items.${index}.price`) }));
  if (input.kind === 'deposit') {
    if (items.length > 0) throw invalidField('items', 'must not be sent for a deposit (depositPayment)');
    // Without buyerMemberId the page is a top-up link: it tops up the wallet of the signed-in customer who pays it (lib/payment-pages depositWalletOf).
    const checked = await validateTopUpAmount(tx, toDecimalString(price, currency), currency);
    if (!checked.ok) throw invalidField('price', checked.message);
  } else {
    if (items.length === 0) throw invalidField('items', 'must hold at least one item');
    if (items.reduce((sum, item) => sum + item.price, 0) !== price) throw invalidField('price', 'must equal the sum of the item prices');
  }
  const buyerId = body.buyerMemberId === undefined ? null : (await findMember(tx, body.buyerMemberId)).user.id;
  const paymentMethods = await methodsOf(tx, body.enabledPaymentMethods, input.kind);
  const page = await openPaymentPage(tx, {
    kind: input.kind,
    apiKeyId: input.apiKeyId,
    buyerId,
    price,
    paidPrice,
    currency,
    items,
    conversationId: body.conversationId ?? null,
    externalId: body.externalId ?? null,
    paymentGroup: body.paymentGroup,
    callbackUrl: body.callbackUrl,
    paymentMethods,
    maxPayments: input.maxPayments,
    ttlMinutes: body.ttl ?? null,
  });
  return { token: page.token, pageUrl: pageUrlOf(page.token), tokenExpireDate: platformDate(page.expiresAt) };
}

/** A page by the token in the path, of the kinds the endpoint serves; 404 otherwise (another kind's token too). */
export async function pageOfToken(q: Query, token: string | undefined, kinds: readonly PaymentPageKind[], what: string): Promise<PaymentPageView> {
  const found = token === undefined ? undefined : await findPaymentPage(q, token);
  if (!found || !kinds.includes(found.page.kind)) throw notFound(`${what} ${token ?? ''}`.trim());
  return found;
}

/** The page's payment as the merchant reads it: the successful one, else the last attempt; undefined before any. */
async function paymentOfPage(q: Query, view: PaymentPageView): Promise<number | undefined> {
  if (view.paymentIds.length === 0) return undefined;
  const rows = await q.select({ id: payments.id, state: payments.state }).from(payments).where(inArray(payments.id, view.paymentIds));
  return rows.find((row) => row.state === 'done')?.id ?? view.lastPaymentId ?? undefined;
}

/** What the checkout form's payment is reported as: a payment (with its items) or a deposit (DEPOSIT_PAYMENT, no items). */
const checkoutPaymentSchema = paymentResponseSchema.extend({
  paymentType: z.enum([...basePaymentSchema.shape.paymentType.options, 'DEPOSIT_PAYMENT']),
  paymentSource: z.literal('CHECKOUT_FORM'),
});

/**
 * A deposit page's top-up payment, shown with the payment views' fields: DEPOSIT_PAYMENT, nothing from the wallet, no items.
 * buyerMemberId is the member whose wallet it tops up: the page's buyer, or (a page naming none) the shopper who paid.
 */
function depositView(page: PaymentPage, payment: NonNullable<Awaited<ReturnType<typeof findPayment>>>): ApiPaymentView {
  return {
    apmType: null,
    payment,
    buyerMemberId: payment.userId,
    type: 'CARD_PAYMENT',
    status: payment.state === 'done' ? 'SUCCESS' : payment.state === 'error' || payment.state === 'canceled' ? 'FAILURE' : 'WAITING',
    price: payment.amount,
    walletPrice: 0,
    items: [],
    card: null,
    conversationId: page.conversationId,
    externalId: page.externalId,
    paymentGroup: page.paymentGroup,
    source: 'CHECKOUT_FORM',
  };
}

export const checkoutPaymentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/checkout-payments/init',
    summary:
      "Open a checkout form: a hosted payment page on Coffer (pageUrl) where the buyer pays the items by card (Demo, or Stripe Checkout when Stripe is configured) or from their wallet, then is sent back to callbackUrl with the token. With depositPayment (Node 1.0.65: depositPayments) the page tops up a wallet by card instead (no items): buyerMemberId's, or without it the wallet of the signed-in customer who pays (a top-up link). price = paidPrice = the sum of the items; ttl in minutes (default 30, at most 7 days). Stored cards, 3-D Secure, installments, Masterpass and fraud checks → 422 UNSUPPORTED.",
    body: initCheckoutSchema,
    response: initPageResponseSchema,
    // One write transaction: the page and, with an Idempotency-Key, the reply commit together.
    async handle({ tx, body, apiKey }) {
      const deposit = body.depositPayment === true || body.depositPayments === true;
      return openPageFor(tx, body, { kind: deposit ? 'deposit' : 'checkout', apiKeyId: apiKey.id, maxPayments: null });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/checkout-payments/:token',
    summary:
      "The payment made on a checkout form: the successful one, else the last attempt (paymentSource CHECKOUT_FORM; a deposit's as DEPOSIT_PAYMENT). Any API key of the shop may read any of its pages. No payment yet → 404 NOT_FOUND saying so; a multi payment's token → 404.",
    response: checkoutPaymentSchema,
    mode: 'read',
    async handle({ q, params }) {
      const view = await pageOfToken(q, params.token, ['checkout', 'deposit'], 'Checkout payment');
      const paymentId = await paymentOfPage(q, view);
      if (paymentId === undefined) throw new ApiError(404, 'NOT_FOUND', `Checkout payment ${view.page.token} has no payment yet (the page is ${view.state}).`);
      const apiView = await findPaymentView(q, paymentId);
      if (apiView) return toPaymentResponse(apiView);
      const payment = await findPayment(q, paymentId);
      if (!payment) throw notFound(`Payment ${paymentId}`);
      return { ...toPaymentResponse(depositView(view.page, payment)), paymentType: 'DEPOSIT_PAYMENT' as const };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/payment/v1/checkout-payments/:token',
    summary: 'Expire a checkout form: the page takes no more payments (already expired: answered the same). A paid one → 422 CHECKOUT_PAYMENT_COMPLETED; unknown → 404. Answers with no data.',
    async handle({ tx, params }) {
      const view = await pageOfToken(tx, params.token, ['checkout', 'deposit'], 'Checkout payment');
      const outcome = await expirePaymentPage(tx, view.page.token);
      if (outcome === 'not_found') throw notFound(`Checkout payment ${view.page.token}`);
      if (outcome === 'completed') throw new ApiError(422, 'CHECKOUT_PAYMENT_COMPLETED', `Checkout payment ${view.page.token} has been paid; it cannot be expired.`);
      return undefined;
    },
  }),
];
