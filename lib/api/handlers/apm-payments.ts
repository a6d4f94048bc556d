import { z } from 'zod';
import { createApmPaymentIn, isApmType } from '@/lib/apm-payments';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { requireShopCurrency, toMinor } from '../amounts';
import { ApiError, invalidField, notFound, unsupported } from '../errors';
import { basePaymentFields, findPaymentView, paymentTransactionFields, type ApiPaymentView } from '../payment-views';
import { defineRoute } from '../router';
import { amountSchema, currencySchema, paymentItemsSchema } from '../schemas';
import { findMember } from './members';
import { paymentResponseSchema } from './payments';

const createApmPaymentSchema = z.object({
  // Any of the platform's APM types is well formed; only the two offline ones are served (else 422).
  apmType: z.string().min(1).max(50),
  price: amountSchema,
  paidPrice: amountSchema,
  currency: currencySchema,
  paymentGroup: z.enum(['PRODUCT', 'LISTING_OR_SUBSCRIPTION']).default('PRODUCT'),
  paymentChannel: z.string().max(100).optional(),
  conversationId: z.string().max(100).optional(),
  externalId: z.string().max(100).optional(),
  buyerMemberId: z.number().int().positive().optional(),
  apmOrderId: z.string().max(100).optional(),
  clientIp: z.string().max(64).optional(),
  items: paymentItemsSchema,
});

const ONLINE_APMS =
  'Coffer serves the offline APM payments FUND_TRANSFER and CASH_ON_DELIVERY; online alternative payment methods (Papara, PayPal, Klarna, …) are not supported.';

/** The platform's payment response of an APM payment: every key of the Node client's PaymentResponse, and apmType. */
export const apmPaymentResponseSchema = paymentResponseSchema.extend({ apmType: z.enum(['FUND_TRANSFER', 'CASH_ON_DELIVERY']) });

export const apmPaymentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/apm-payments',
    summary:
      'Take an offline APM payment: apmType FUND_TRANSFER (a wire transfer to the shop) or CASH_ON_DELIVERY (the courier takes cash). It is recorded WAITING (nothing moves) and shown to staff on Orders, who complete it when the money arrives (then SUCCESS: bank_clearing → sales) or cancel it (FAILURE). price = paidPrice = the sum of the item prices; walletPrice is 0. Other apmTypes → 422 UNSUPPORTED.',
    body: createApmPaymentSchema,
    response: apmPaymentResponseSchema,
    // One write transaction: the payment, its details and (with an Idempotency-Key) the reply commit together.
    async handle({ tx, body, apiKey, attemptKey }) {
      if (!isApmType(body.apmType)) throw unsupported(`apmType ${body.apmType}: ${ONLINE_APMS}`);
      const currency = await requireShopCurrency(tx, body.currency);
      const price = toMinor(body.price, currency, 'price');
      const paidPrice = toMinor(body.paidPrice, currency, 'paidPrice');
      if (paidPrice !== price) throw invalidField('paidPrice', 'must equal price');
      if (body.items.some((item) => item.subMerchantMemberId !== undefined)) throw unsupported('items.subMerchantMemberId: Coffer has no sub-merchants.');
      const prices = body.items.map((item, index) => toMinor(item.price, currency, `items.${index}.price`));
      if (prices.reduce((sum, each) => sum + each, 0) !== price) throw invalidField('price', 'must equal the sum of the item prices');
      const method = body.apmType === 'FUND_TRANSFER' ? 'wire_transfer' : 'cash_on_delivery';
      if (!(await isPaymentMethodEnabled(tx, method))) {
        throw unsupported(`${body.apmType === 'FUND_TRANSFER' ? 'Wire transfers' : 'Cash on delivery'} are turned off in the shop settings.`);
      }
      if (body.buyerMemberId !== undefined) await findMember(tx, body.buyerMemberId);
      const payment = await createApmPaymentIn(tx, {
        apiKeyId: apiKey.id,
        apmType: body.apmType,
        // Without a member the payment is recorded for the key's staff member and reported with buyerMemberId null.
        userId: body.buyerMemberId ?? apiKey.staffId,
        amount: price,
        currency,
        items: body.items.map((item, index) => ({ name: item.name ?? null, externalId: item.externalId ?? null, price: prices[index] ?? 0 })),
        conversationId: body.conversationId ?? null,
        externalId: body.externalId ?? null,
        paymentGroup: body.paymentGroup,
        attemptKey,
      });
      const view = await findPaymentView(tx, payment.id);
      if (!view || view.apmType === null) throw notFound(`Payment ${payment.id}`);
      return { ...basePaymentFields(view), apmType: view.apmType, cardUserKey: null, cardToken: null, paymentTransactions: paymentTransactionFields(view), additionalData: null };
    },
  }),
];

/**
 * Why a refund of an APM payment is refused, or nothing when it may go ahead: a waiting one was
 * never paid and a cancelled one never will be (422 NOTHING_TO_REFUND: cancel a waiting one on
 * Orders); a completed one's money came by bank or courier, so it cannot go back to a card
 * (refundDestinationType PROVIDER, the default, → 422 UNSUPPORTED) but may go to the member's wallet (WALLET).
 */
export function refuseApmRefund(view: ApiPaymentView, destination: 'WALLET' | 'PROVIDER'): void {
  if (view.type !== 'APM') return;
  const what = `Payment ${view.payment.id} (${view.apmType})`;
  if (view.status === 'WAITING') throw new ApiError(422, 'NOTHING_TO_REFUND', `${what} is waiting for its money: nothing was paid to refund. Staff cancel it on Orders.`);
  if (view.status === 'FAILURE') throw new ApiError(422, 'NOTHING_TO_REFUND', `${what} was cancelled: nothing was paid to refund.`);
  if (destination === 'PROVIDER') {
    throw unsupported(`refundDestinationType: ${what} was paid by bank transfer or cash, which Coffer cannot send back; refund it to the wallet (WALLET) or outside Coffer.`);
  }
}
