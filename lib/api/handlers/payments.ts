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
  paymentGroup: z.string(),
  paymentStatus: z.literal('SUCCESS'),
  paymentPhase: z.literal('AUTH'),
  paymentSource: z.literal('API'),
  paymentChannel: z.string().nullable(),
  isThreeDS: z.boolean(),
  orderId: z.string(),
  paymentTransactions: z.array(
    z.object({ id: z.number(), name: z.string().nullable(), externalId: z.string().nullable(), price: z.number(), paidPrice: z.number(), walletPrice: z.number() }),
  ),
});

function toPaymentResponse(payment: Payment, details: { conversationId: string | null; externalId: string | null; paymentGroup: string; items: string }) {
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
    paymentType: 'WALLET_PAYMENT' as const,
    paymentGroup: details.paymentGroup,
    paymentStatus: 'SUCCESS' as const,
    paymentPhase: 'AUTH' as const,
    paymentSource: 'API' as const,
    paymentChannel: null,
    isThreeDS: false,
    orderId: payment.reference,
    paymentTransactions: items.map((item, index) => ({
      id: paymentTransactionId(payment.id, index + 1),
      name: item.name,
      externalId: item.externalId,
      price: toMajor(item.price, currency),
      paidPrice: toMajor(item.price, currency),
      walletPrice: toMajor(item.price, currency),
    })),
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
