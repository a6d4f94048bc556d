import { z } from 'zod';
import { toDecimalString } from '@/lib/money';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { WalletLimitExceededError } from '@/lib/ledger';
import { depositFundTransferIn } from '@/lib/wallet/fund-transfer-deposits';
import { validateTopUpAmount } from '@/lib/wallet/top-ups';
import { platformDate, requireShopCurrency, shopCurrency, toMajor, toMinor } from '../amounts';
import { apiCardOf, apiCardSchema, checkDemoCard, depositWithDemoCard } from '../card-deposits';
import { ApiError, cardDeclined, invalidField, unsupported } from '../errors';
import { defineRoute } from '../router';
import { amountSchema, currencySchema } from '../schemas';
import { findMember } from './members';

const memberIdSchema = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,15}$/, 'must be a member id')]).transform(Number);

export const fundTransferDepositSchema = z.object({
  price: z.number(),
  currency: z.string(),
  buyerMemberId: z.number(),
  conversationId: z.string().nullable(),
  walletTransaction: z.object({ id: z.number(), walletTransactionType: z.literal('DEPOSIT_FROM_FUND_TRANSFER'), amount: z.number(), walletId: z.number() }),
});

export const cardDepositSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  price: z.number(),
  currency: z.string(),
  buyerMemberId: z.number(),
  bankCommissionRate: z.number(),
  bankCommissionRateAmount: z.number(),
  conversationId: z.string().nullable(),
  authCode: z.string().nullable(),
  hostReference: z.string(),
  transId: z.string().nullable(),
  orderId: z.string().nullable(),
  paymentType: z.literal('DEPOSIT_PAYMENT'),
  paymentStatus: z.literal('SUCCESS'),
  cardUserKey: z.string().nullable(),
  cardToken: z.string().nullable(),
  walletTransaction: z.object({ id: z.number(), walletTransactionType: z.literal('DEPOSIT_FROM_CARD'), amount: z.number(), walletId: z.number() }),
  fraudId: z.number().nullable(),
  fraudAction: z.string().nullable(),
});

export const depositRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/deposits',
    summary:
      "Top up a member's wallet by card, at once (Demo provider only: with Stripe keys → 422, raw card numbers cannot go to Stripe Checkout). A declined card → 422 CARD_DECLINED (errorGroup DECLINED), nothing credited. walletTransaction.id is the deposit_card ledger transfer's id.",
    body: z.object({
      buyerMemberId: memberIdSchema,
      price: amountSchema,
      // Optional, as the platform's own sample leaves it out: the wallet's currency.
      currency: currencySchema.optional(),
      conversationId: z.string().trim().max(255).optional(),
      callbackUrl: z.string().max(2048).optional(),
      posAlias: z.string().max(255).optional(),
      clientIp: z.string().max(64).optional(),
      card: apiCardSchema,
    }),
    response: cardDepositSchema,
    // The deposit commits on its own (a declined card is recorded, then answered 422).
    mode: 'own',
    async handle({ db, q, body, apiKey, attemptKey }) {
      const member = await findMember(q, body.buyerMemberId);
      if (stripeEnabled()) {
        throw unsupported(
          'Card deposits through the API need the Demo card provider: this shop takes cards through Stripe Checkout, which cannot be given raw card numbers. Use the deposit by fund transfer, or let the shopper top up on My Wallet.',
        );
      }
      if (!(await isPaymentMethodEnabled(q, 'card'))) throw unsupported('Card payments are turned off in the shop settings.');
      const currency = body.currency === undefined ? await shopCurrency(q) : await requireShopCurrency(q, body.currency);
      const checked = await validateTopUpAmount(q, toDecimalString(toMinor(body.price, currency, 'price'), currency), currency);
      if (!checked.ok) throw invalidField('price', checked.message);
      const card = checkDemoCard(apiCardOf(body.card));
      const result = await depositWithDemoCard(db, {
        userId: member.user.id,
        amount: checked.amount,
        currency,
        card,
        idempotencyKey: `api-deposit:${apiKey.id}:${attemptKey}:${member.user.id}:${checked.amount}`,
      }).catch((error: unknown) => {
        // Beyond the shop's maximum wallet balance: nothing was charged, nothing recorded (as the fund-transfer deposit answers).
        if (!(error instanceof WalletLimitExceededError)) throw error;
        throw new ApiError(422, 'WALLET_LIMIT_EXCEEDED', `A wallet may hold at most ${toMajor(error.limit, currency)} ${currency}.`);
      });
      if (result.status === 'declined') throw cardDeclined(result.message);
      const { payment } = result;
      const price = toMajor(payment.amount, payment.currency);
      return {
        id: payment.id,
        createdDate: platformDate(payment.createdAt),
        price,
        currency: payment.currency,
        buyerMemberId: member.user.id,
        bankCommissionRate: 0,
        bankCommissionRateAmount: 0,
        conversationId: body.conversationId ?? null,
        authCode: null,
        hostReference: payment.reference,
        transId: null,
        orderId: null,
        paymentType: 'DEPOSIT_PAYMENT' as const,
        paymentStatus: 'SUCCESS' as const,
        cardUserKey: null,
        cardToken: null,
        walletTransaction: { id: result.transferId, walletTransactionType: 'DEPOSIT_FROM_CARD' as const, amount: price, walletId: member.user.id },
        fraudId: null,
        fraudAction: null,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/payment/v1/deposits/fund-transfer',
    summary:
      "Top up a member's wallet by fund transfer: the merchant reports that the money reached the shop's bank, so the wallet is credited at once (a posted deposit_wire transfer, listed as DEPOSIT_FROM_FUND_TRANSFER), once per Idempotency-Key. The shop's minimum and maximum top-up and maximum wallet balance apply (400 price, 422 WALLET_LIMIT_EXCEEDED). walletTransaction.id is that transfer's id.",
    body: z.object({
      price: amountSchema,
      buyerMemberId: memberIdSchema,
      conversationId: z.string().trim().max(255).optional(),
      clientIp: z.string().max(64).optional(),
    }),
    response: fundTransferDepositSchema,
    // One write transaction: the deposit, its money and the reply under an Idempotency-Key commit together.
    async handle({ tx, body, apiKey, attemptKey }) {
      const member = await findMember(tx, body.buyerMemberId);
      if (!(await isPaymentMethodEnabled(tx, 'wire_transfer'))) throw unsupported('Wire transfers are turned off in the shop settings.');
      const currency = await shopCurrency(tx);
      const checked = await validateTopUpAmount(tx, toDecimalString(toMinor(body.price, currency, 'price'), currency), currency);
      if (!checked.ok) throw invalidField('price', checked.message);
      let deposit;
      try {
        deposit = await depositFundTransferIn(tx, member.user, {
          amount: checked.amount,
          currency,
          idempotencyKey: `api-fund-transfer:${apiKey.id}:${attemptKey}:${member.user.id}:${checked.amount}`,
          staffId: apiKey.staffId,
        });
      } catch (error) {
        if (!(error instanceof WalletLimitExceededError)) throw error;
        throw new ApiError(422, 'WALLET_LIMIT_EXCEEDED', `A wallet may hold at most ${toMajor(error.limit, currency)} ${currency}.`);
      }
      const price = toMajor(deposit.amount, currency);
      return {
        price,
        currency,
        buyerMemberId: member.user.id,
        conversationId: body.conversationId ?? null,
        walletTransaction: { id: deposit.transferId, walletTransactionType: 'DEPOSIT_FROM_FUND_TRANSFER' as const, amount: price, walletId: member.user.id },
      };
    },
  }),
];
