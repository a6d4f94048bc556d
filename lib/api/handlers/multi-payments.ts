import { z } from 'zod';
import { platformDate, toMajor } from '../amounts';
import { defineRoute } from '../router';
import { amountSchema } from '../schemas';
import { initPageResponseSchema, openPageFor, pageOfToken, pageRequestFields } from './checkout-payments';

/**
 * Multi payment (initMultiPayment, retrieveMultiPayment): one basket paid on a hosted page in
 * several payments (cards, the buyer's wallet), at most maximumSplitPaymentCount successful ones,
 * until nothing remains; the merchant follows remainingAmount and paymentIds by the token.
 */

const initMultiSchema = z.object({
  ...pageRequestFields,
  // The clients send price only (the platform's documentation names paidPrice too): paidPrice = price.
  paidPrice: amountSchema.optional(),
  maximumSplitPaymentCount: z.number().int().min(1).max(1000).optional(),
});

/**
 * The platform's MultiPaymentResponse: Node's type names the amount to collect paidPrice (as the
 * documentation), the Java and Python clients (and Node's repository HEAD) price: both are sent.
 */
export const multiPaymentResponseSchema = z.object({
  id: z.number(),
  multiPaymentStatus: z.enum(['CREATED', 'COMPLETED']),
  token: z.string(),
  conversationId: z.string().nullable(),
  externalId: z.string().nullable(),
  paidPrice: z.number(),
  price: z.number(),
  remainingAmount: z.number(),
  tokenExpireDate: z.string(),
  paymentIds: z.array(z.number()),
});

export const multiPaymentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/multi-payments/init',
    summary:
      'Open a multi payment: a hosted page (pageUrl) where the buyer pays the basket in several payments (card, their wallet), at most maximumSplitPaymentCount successful ones, and is sent back to callbackUrl with the token when nothing remains. price = the sum of the items (paidPrice, if sent, equal); ttl in minutes (default a day, at most 7 days). Stored cards, 3-D Secure, installments, Masterpass → 422 UNSUPPORTED.',
    body: initMultiSchema,
    response: initPageResponseSchema,
    // One write transaction: the page and, with an Idempotency-Key, the reply commit together.
    async handle({ tx, body, apiKey }) {
      return openPageFor(tx, body, { kind: 'multi', apiKeyId: apiKey.id, maxPayments: body.maximumSplitPaymentCount ?? null });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/multi-payments/:token',
    summary:
      'A multi payment by its token: id, multiPaymentStatus (COMPLETED once nothing remains; CREATED before, also when it expired unpaid: the platform has no other status, tokenExpireDate tells), remainingAmount and every payment attempted on it (paymentIds, failed ones too). A checkout form’s token → 404.',
    response: multiPaymentResponseSchema,
    mode: 'read',
    async handle({ q, params }) {
      const view = await pageOfToken(q, params.token, ['multi'], 'Multi payment');
      const { page } = view;
      return {
        id: page.id,
        multiPaymentStatus: view.state === 'completed' ? ('COMPLETED' as const) : ('CREATED' as const),
        token: page.token,
        conversationId: page.conversationId,
        externalId: page.externalId,
        paidPrice: toMajor(page.paidPrice, page.currency),
        price: toMajor(page.price, page.currency),
        remainingAmount: toMajor(view.remaining, page.currency),
        tokenExpireDate: platformDate(page.expiresAt),
        paymentIds: view.paymentIds,
      };
    },
  }),
];
