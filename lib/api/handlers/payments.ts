import { z } from 'zod';
import type { Payment } from '@/db/schema';
import { InsufficientFundsError } from '@/lib/ledger';
import { platformDate, requireShopCurrency, toMajor, toMinor } from '../amounts';
import { insufficientFunds, invalidField, notFound, unsupported } from '../errors';
import { defineRoute, idParam } from '../router';
import { amountSchema, currencySchema } from '../schemas';
import { findApiPayment, payFromWalletIn, type WalletPaymentItem } from '../wallet-payments';
import { paymentItems, paymentTransactionId } from '../wallet-refunds';
import { findMember } from './members';

const paymentGroups = ['PRODUCT', 'LISTING_OR_SUBSCRIPTION'] as const;

const createPaymentSchema = z.object({
  price: amountSchema,
  paidPrice: amountSchema,
  walletPrice: amountSchema,
  installment: z.number().int().min(1).max(1).default(1),
  buyerMemberId: z.number().int().positive(),
  currency: currencySchema,
  paymentGroup: z.enum(paymentGroups).default('PRODUCT'),
  paymentPhase: z.enum(['AUTH']).default('AUTH'),
  paymentChannel: z.string().max(100).optional(),
  conversationId: z.string().max(100).optional(),
  externalId: z.string().max(100).optional(),
  clientIp: z.string().max(64).optional(),
  card: z.unknown().optional(),
  items: z
    .array(z.object({ name: z.string().max(200).optional(), price: amountSchema, externalId: z.string().max(100).optional() }))
    .min(1)
    .max(200, 'at most 200 items'),
});

const payoutSchema = z.object({
  paidPrice: z.number(),
  parity: z.number(),
  currency: z.string(),
  merchantPayoutAmount: z.number(),
  subMerchantMemberPayoutAmount: z.number(),
});

const paymentTransactionSchema = z.object({
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

/** Every key of the platform's payment response (the Node client's PaymentResponse); null where a wallet payment has none. */
export const paymentResponseSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  price: z.number(),
  paidPrice: z.number(),
  walletPrice: z.number(),
  currency: z.string(),
  buyerMemberId: z.number(),
  installment: z.number(),
  conversationId: z.string().nullable(),
  externalId: z.string().nullable(),
  paymentType: z.literal('WALLET_PAYMENT'),
  paymentProvider: z.null(),
  paymentGroup: z.string(),
  paymentStatus: z.literal('SUCCESS'),
  paymentPhase: z.literal('AUTH'),
  paymentSource: z.literal('API'),
  paymentChannel: z.string().nullable(),
  isThreeDS: z.boolean(),
  merchantCommissionRate: z.number(),
  merchantCommissionRateAmount: z.number(),
  bankCommissionRate: z.number(),
  bankCommissionRateAmount: z.number(),
  paidWithStoredCard: z.boolean(),
  binNumber: z.null(),
  lastFourDigits: z.null(),
  cardHolderName: z.null(),
  cardIssuerBankName: z.null(),
  cardIssuerBankId: z.null(),
  bankCardHolderName: z.null(),
  authCode: z.null(),
  hostReference: z.null(),
  transId: z.null(),
  mdStatus: z.null(),
  orderId: z.string(),
  cardType: z.null(),
  cardAssociation: z.null(),
  cardBrand: z.null(),
  requestedPosAlias: z.null(),
  fraudId: z.null(),
  fraudAction: z.null(),
  fraudScore: z.null(),
  pos: z.null(),
  loyalty: z.null(),
  paymentError: z.null(),
  cardUserKey: z.null(),
  cardToken: z.null(),
  paymentTransactions: z.array(paymentTransactionSchema),
  additionalData: z.null(),
});

function toPaymentResponse(payment: Payment, details: { conversationId: string | null; externalId: string | null; paymentGroup: string; items: string }): z.infer<typeof paymentResponseSchema> {
  const currency = payment.currency;
  const price = toMajor(payment.amount, currency);
  const items = paymentItems(details.items);
  return {
    id: payment.id,
    createdDate: platformDate(payment.createdAt),
    price,
    paidPrice: price,
    walletPrice: price,
    currency,
    buyerMemberId: payment.userId,
    installment: 1,
    conversationId: details.conversationId,
    externalId: details.externalId,
    paymentType: 'WALLET_PAYMENT',
    paymentProvider: null,
    paymentGroup: details.paymentGroup,
    paymentStatus: 'SUCCESS',
    paymentPhase: 'AUTH',
    paymentSource: 'API',
    paymentChannel: null,
    isThreeDS: false,
    merchantCommissionRate: 0,
    merchantCommissionRateAmount: 0,
    bankCommissionRate: 0,
    bankCommissionRateAmount: 0,
    paidWithStoredCard: false,
    // No card, bank, POS, fraud check or loyalty takes part in a wallet payment.
    binNumber: null,
    lastFourDigits: null,
    cardHolderName: null,
    cardIssuerBankName: null,
    cardIssuerBankId: null,
    bankCardHolderName: null,
    authCode: null,
    hostReference: null,
    transId: null,
    mdStatus: null,
    orderId: payment.reference,
    cardType: null,
    cardAssociation: null,
    cardBrand: null,
    requestedPosAlias: null,
    fraudId: null,
    fraudAction: null,
    fraudScore: null,
    pos: null,
    loyalty: null,
    paymentError: null,
    cardUserKey: null,
    cardToken: null,
    paymentTransactions: items.map((item, index) => {
      const itemPrice = toMajor(item.price, currency);
      return {
        id: paymentTransactionId(payment.id, index + 1),
        name: item.name,
        externalId: item.externalId,
        price: itemPrice,
        paidPrice: itemPrice,
        walletPrice: itemPrice,
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
    }),
    additionalData: null,
  };
}

export const paymentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/card-payments',
    summary:
      "Pay from a member's wallet (WALLET_PAYMENT): walletPrice = paidPrice = price = the sum of the item prices; refused with 422 when the wallet cannot cover it.",
    body: createPaymentSchema,
    response: paymentResponseSchema,
    async handle({ tx, body, apiKey, attemptKey }) {
      if (body.card !== undefined) throw unsupported('card: Coffer takes wallet payments only (walletPrice = paidPrice, no card).');
      const currency = await requireShopCurrency(tx, body.currency);
      const price = toMinor(body.price, currency, 'price');
      const paidPrice = toMinor(body.paidPrice, currency, 'paidPrice');
      const walletPrice = toMinor(body.walletPrice, currency, 'walletPrice', { allowZero: true });
      if (walletPrice !== paidPrice) throw invalidField('walletPrice', 'must equal paidPrice: only wallet payments are supported');
      if (paidPrice !== price) throw invalidField('paidPrice', 'must equal price');
      const items: WalletPaymentItem[] = body.items.map((item, index) => ({
        name: item.name ?? null,
        externalId: item.externalId ?? null,
        price: toMinor(item.price, currency, `items.${index}.price`),
      }));
      if (items.reduce((sum, item) => sum + item.price, 0) !== price) throw invalidField('price', 'must equal the sum of the item prices');
      await findMember(tx, body.buyerMemberId);

      // The payment, its transfer and (with an Idempotency-Key) the stored reply commit together;
      // a wallet that cannot cover it rolls them all back and answers 422.
      const payment = await payFromWalletIn(tx, {
        apiKeyId: apiKey.id,
        buyerId: body.buyerMemberId,
        amount: price,
        currency,
        items,
        conversationId: body.conversationId ?? null,
        externalId: body.externalId ?? null,
        paymentGroup: body.paymentGroup,
        attemptKey,
        staffId: apiKey.staffId,
      }).catch((error: unknown) => {
        if (!(error instanceof InsufficientFundsError)) throw error;
        throw insufficientFunds(`The wallet has ${toMajor(Math.max(error.available, 0), currency)} ${currency} available, less than ${body.price}.`);
      });
      const found = await findApiPayment(tx, payment.id);
      if (!found) throw notFound(`Payment ${payment.id}`);
      return toPaymentResponse(found.payment, found.details);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/card-payments/:paymentId',
    summary: 'Retrieve a payment taken through this API.',
    response: paymentResponseSchema,
    mode: 'read',
    async handle({ q, params }) {
      const id = idParam(params, 'paymentId');
      const found = await findApiPayment(q, id);
      if (!found) throw notFound(`Payment ${id}`);
      return toPaymentResponse(found.payment, found.details);
    },
  }),
];
