import { z } from 'zod';
import { InsufficientFundsError } from '@/lib/ledger';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { requireShopCurrency, toMajor, toMinor } from '../amounts';
import { apiCardOf, apiCardSchema, checkDemoCard } from '../card-deposits';
import { DECLINED, payByCardIn } from '../card-payments';
import { englishPaymentFailure } from '../english';
import { Refusal } from '../envelope';
import { cardDeclined, insufficientFunds, invalidField, notFound, unsupported } from '../errors';
import { cardAssociationOf, spreadWalletPrice, type PaymentItem } from '../payment-details';
import { basePaymentFields, basePaymentSchema, findPaymentView, paymentTransactionFields, paymentTransactionSchema, type ApiPaymentView } from '../payment-views';
import { defineRoute, idParam } from '../router';
import { amountSchema, currencySchema, paymentItemsSchema } from '../schemas';
import { payFromWalletIn } from '../wallet-payments';
import { findMember } from './members';

const paymentGroups = ['PRODUCT', 'LISTING_OR_SUBSCRIPTION'] as const;

const createPaymentSchema = z.object({
  price: amountSchema,
  paidPrice: amountSchema,
  // The platform's default: nothing from the wallet.
  walletPrice: amountSchema.default(0),
  installment: z.number().int().min(1).max(1).default(1),
  buyerMemberId: z.number().int().positive().optional(),
  currency: currencySchema,
  paymentGroup: z.enum(paymentGroups).default('PRODUCT'),
  paymentPhase: z.enum(['AUTH']).default('AUTH'),
  paymentChannel: z.string().max(100).optional(),
  conversationId: z.string().max(100).optional(),
  externalId: z.string().max(100).optional(),
  clientIp: z.string().max(64).optional(),
  bankOrderId: z.string().max(100).optional(),
  posAlias: z.string().max(100).optional(),
  card: apiCardSchema.optional(),
  items: paymentItemsSchema,
});

/** Every key of the platform's payment response (the Node client's PaymentResponse). */
export const paymentResponseSchema = basePaymentSchema.extend({
  cardUserKey: z.null(),
  cardToken: z.null(),
  paymentTransactions: z.array(paymentTransactionSchema),
  additionalData: z.null(),
});

/** The platform's PaymentResponse of an API payment (also the checkout form's, handlers/checkout-payments.ts). */
export function toPaymentResponse(view: ApiPaymentView): z.infer<typeof paymentResponseSchema> {
  return { ...basePaymentFields(view), cardUserKey: null, cardToken: null, paymentTransactions: paymentTransactionFields(view), additionalData: null };
}

/** The platform's binNumber: the first 8 digits of a card of 16 digits or more, else the first 6 (what may be kept of a card number). */
function binNumberOf(digits: string): string {
  return digits.slice(0, digits.length >= 16 ? 8 : 6);
}

const CARDS_THROUGH_STRIPE =
  'Card payments through the API need the Demo card provider: this shop takes cards through Stripe Checkout, which cannot be given raw card numbers. Take the payment from the wallet (walletPrice = paidPrice).';

export const paymentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/card-payments',
    summary:
      "Take a payment: from the member's wallet (WALLET_PAYMENT: walletPrice = paidPrice, no card), by card (CARD_PAYMENT: walletPrice 0) or both (CARD_AND_WALLET_PAYMENT: 0 < walletPrice < paidPrice, the wallet part held until the card is charged, released when it is declined). Cards go through the Demo provider only (with Stripe keys → 422). price = paidPrice = the sum of the item prices. A wallet that cannot cover its part → 422 10051; a declined card → 422 CARD_DECLINED (errorGroup DECLINED), recorded as a failed payment, nothing moved.",
    body: createPaymentSchema,
    response: paymentResponseSchema,
    // One write transaction: the payment, its money and (with an Idempotency-Key) the reply commit
    // together. A declined card is a Refusal: answered 422 while the failed payment stays recorded.
    async handle({ tx, body, apiKey, attemptKey }) {
      const currency = await requireShopCurrency(tx, body.currency);
      const price = toMinor(body.price, currency, 'price');
      const paidPrice = toMinor(body.paidPrice, currency, 'paidPrice');
      const walletPrice = toMinor(body.walletPrice, currency, 'walletPrice', { allowZero: true });
      if (paidPrice !== price) throw invalidField('paidPrice', 'must equal price');
      if (walletPrice > paidPrice) throw invalidField('walletPrice', 'must not exceed paidPrice');
      if (body.items.some((item) => item.subMerchantMemberId !== undefined)) throw unsupported('items.subMerchantMemberId: Coffer has no sub-merchants.');
      const prices = body.items.map((item, index) => toMinor(item.price, currency, `items.${index}.price`));
      if (prices.reduce((sum, each) => sum + each, 0) !== price) throw invalidField('price', 'must equal the sum of the item prices');
      if (walletPrice > 0 && body.buyerMemberId === undefined) throw invalidField('buyerMemberId', 'is required when walletPrice is above 0');
      if (body.buyerMemberId !== undefined) await findMember(tx, body.buyerMemberId);
      const wallets = spreadWalletPrice(prices, walletPrice);
      const items: PaymentItem[] = body.items.map((item, index) => ({
        name: item.name ?? null,
        externalId: item.externalId ?? null,
        price: prices[index] ?? 0,
        walletPrice: wallets[index] ?? 0,
      }));
      const details = { conversationId: body.conversationId ?? null, externalId: body.externalId ?? null, paymentGroup: body.paymentGroup };
      const refuseUncovered = (error: unknown): never => {
        if (!(error instanceof InsufficientFundsError)) throw error;
        throw insufficientFunds(`The wallet has ${toMajor(Math.max(error.available, 0), currency)} ${currency} available, less than ${body.walletPrice}.`);
      };

      let paymentId: number;
      if (walletPrice === paidPrice) {
        if (body.card !== undefined) throw invalidField('card', 'must not be sent when the wallet pays it all (walletPrice = paidPrice)');
        if (body.buyerMemberId === undefined) throw invalidField('buyerMemberId', 'is required when walletPrice is above 0');
        // The ledger's debit refuses what the wallet cannot cover: the whole transaction rolls back.
        const paid = await payFromWalletIn(tx, {
          ...details,
          apiKeyId: apiKey.id,
          buyerId: body.buyerMemberId,
          amount: price,
          currency,
          items: items.map(({ name, externalId, price: itemPrice }) => ({ name, externalId, price: itemPrice })),
          attemptKey,
          staffId: apiKey.staffId,
        }).catch(refuseUncovered);
        paymentId = paid.id;
      } else {
        if (body.card === undefined) throw invalidField('card', 'is required when walletPrice is below paidPrice');
        if (stripeEnabled()) throw unsupported(CARDS_THROUGH_STRIPE);
        if (!(await isPaymentMethodEnabled(tx, 'card'))) throw unsupported('Card payments are turned off in the shop settings.');
        const card = checkDemoCard(apiCardOf(body.card));
        const taken = await payByCardIn(tx, {
          ...details,
          apiKeyId: apiKey.id,
          staffId: apiKey.staffId,
          attemptKey,
          buyerId: body.buyerMemberId ?? null,
          currency,
          items,
          walletPrice,
          cardPrice: paidPrice - walletPrice,
          card,
          cardFacts: { binNumber: binNumberOf(card.cardNumber), lastFourDigits: card.cardNumber.slice(-4), cardHolderName: card.cardHolderName, cardAssociation: cardAssociationOf(card.cardNumber) },
        }).catch(refuseUncovered);
        if (taken.status === 'declined') return new Refusal(cardDeclined(englishPaymentFailure(DECLINED)));
        paymentId = taken.payment.id;
      }
      const view = await findPaymentView(tx, paymentId);
      if (!view) throw notFound(`Payment ${paymentId}`);
      return toPaymentResponse(view);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/payment/v1/card-payments/:paymentId',
    summary: 'Retrieve a payment taken through this API (wallet, card, or card and wallet), failed ones too.',
    response: paymentResponseSchema,
    mode: 'read',
    async handle({ q, params }) {
      const id = idParam(params, 'paymentId');
      const view = await findPaymentView(q, id);
      if (!view) throw notFound(`Payment ${id}`);
      return toPaymentResponse(view);
    },
  }),
];
