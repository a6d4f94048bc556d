import { z } from 'zod';
import { toDecimalString } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { startTopUp } from '@/lib/wallet/top-ups';
import { shopCurrency, toMajor, toMinor } from '../amounts';
import { ApiError, invalidField, unsupported } from '../errors';
import { defineRoute } from '../router';
import { amountSchema } from '../schemas';
import { findMember } from './members';

const memberIdSchema = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,15}$/, 'must be a member id')]).transform(Number);

export const fundTransferDepositSchema = z.object({
  price: z.number(),
  currency: z.string(),
  buyerMemberId: z.number(),
  conversationId: z.string().nullable(),
  walletTransaction: z.object({ id: z.number(), walletTransactionType: z.literal('DEPOSIT_FROM_FUND_TRANSFER'), amount: z.number(), walletId: z.number() }),
});

export const depositRoutes = [
  defineRoute({
    method: 'POST',
    path: '/payment/v1/deposits/fund-transfer',
    summary:
      "Top up a member's wallet by bank transfer: a pending wire top-up (exactly as the shopper's Wire Transfer), credited when staff confirm it on Pending Top-ups. The wallet transaction id is the pending ledger transfer's id.",
    body: z.object({
      price: amountSchema,
      buyerMemberId: memberIdSchema,
      conversationId: z.string().trim().max(255).optional(),
      clientIp: z.string().max(64).optional(),
    }),
    response: fundTransferDepositSchema,
    async: true,
    async handle({ body, apiKey, attemptKey }) {
      const member = findMember(body.buyerMemberId);
      if (!getSettings().enabledPaymentMethods.includes('wire_transfer')) throw unsupported('Wire transfers are turned off in the shop settings.');
      const currency = shopCurrency();
      const amount = toMinor(body.price, currency, 'price');
      const started = await startTopUp(member.user, {
        amount: toDecimalString(amount, currency),
        method: 'wire_transfer',
        attemptKey: `api:${apiKey.id}:${attemptKey}`,
      });
      if (started.status === 'invalid') throw invalidField('price', started.fieldErrors.amount?.[0] ?? 'is not a valid top-up');
      if (started.status !== 'pending' || started.payment.transferId === null) throw new ApiError(500, 'INTERNAL_ERROR', 'The wire top-up was not recorded.');
      return {
        price: toMajor(started.payment.amount, currency),
        currency,
        buyerMemberId: member.user.id,
        conversationId: body.conversationId ?? null,
        walletTransaction: {
          id: started.payment.transferId,
          walletTransactionType: 'DEPOSIT_FROM_FUND_TRANSFER' as const,
          amount: toMajor(started.payment.amount, currency),
          walletId: member.user.id,
        },
      };
    },
  }),
];
