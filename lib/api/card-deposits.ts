import { z } from 'zod';
import type { Database } from '@/db/database';
import type { Payment } from '@/db/schema';
import { completePayment } from '@/lib/payments/complete';
import { getSettings } from '@/lib/settings';
import { demoCardOutcome, demoCardSchema, type DemoCard } from '@/lib/payments/demo-card';
import { failureColumns, storedFailure } from '@/lib/payments/failures';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';
import { englishFieldMessage, englishPaymentFailure } from './english';
import { invalidField, unsupported } from './errors';

/** The card fields of the platform's deposit and payment requests (a card typed in, not a stored one). */
export type ApiCard = { cardHolderName: string; cardNumber: string; expireMonth: string; expireYear: string; cvc: string };

const cardText = (max: number) => z.string().max(max);

/**
 * The card of a deposit or payment request, in every form the clients send: a card typed in
 * (the only one Coffer takes), or a stored card (cardUserKey + cardToken), first six and last four
 * digits with an identity number, a tokenized or secure-fields card, loyalty: those are checked by
 * apiCardOf, which refuses them as not supported.
 */
export const apiCardSchema = z.object({
  cardHolderName: cardText(100).optional(),
  cardNumber: cardText(40).optional(),
  expireMonth: z.string().trim().regex(/^(0?[1-9]|1[0-2])$/, 'must be a month from 1 to 12').optional(),
  expireYear: z.string().trim().regex(/^(\d{2}|\d{4})$/, 'must be a year of 2 or 4 digits').optional(),
  cvc: cardText(4).optional(),
  cardAlias: z.string().max(100).optional(),
  storeCardAfterSuccessPayment: z.boolean().optional(),
  cardUserKey: z.string().max(255).optional(),
  cardToken: z.string().max(255).optional(),
  binNumber: z.string().max(20).optional(),
  lastFourDigits: z.string().max(20).optional(),
  cardHolderIdentityNumber: z.string().max(50).optional(),
  tokenizedCard: z.unknown().optional(),
  secureFieldsToken: z.string().max(1000).optional(),
  loyalty: z.unknown().optional(),
});

/**
 * The typed-in card of a request: stored, tokenized, first6/last4 and secure-fields cards, loyalty
 * and storing the card are not supported (422 UNSUPPORTED); a missing field → 400 naming it.
 */
export function apiCardOf(card: z.infer<typeof apiCardSchema>): ApiCard {
  if (card.cardToken !== undefined || card.cardUserKey !== undefined) throw unsupported('card: Coffer does not store cards; stored cards (cardUserKey, cardToken) are not supported.');
  if (card.tokenizedCard !== undefined || card.secureFieldsToken !== undefined || card.cardHolderIdentityNumber !== undefined) {
    throw unsupported('card: only a card typed in (cardHolderName, cardNumber, expireYear, expireMonth, cvc) is supported.');
  }
  if (card.loyalty !== undefined) throw unsupported('card.loyalty: loyalty rewards are not supported.');
  if (card.storeCardAfterSuccessPayment === true) throw unsupported('card.storeCardAfterSuccessPayment: Coffer does not store cards.');
  const required = (field: 'cardHolderName' | 'cardNumber' | 'expireMonth' | 'expireYear' | 'cvc') => {
    const value = card[field];
    if (value === undefined) throw invalidField(`card.${field}`, 'is required');
    return value;
  };
  return { cardHolderName: required('cardHolderName'), cardNumber: required('cardNumber'), expireMonth: required('expireMonth'), expireYear: required('expireYear'), cvc: required('cvc') };
}

// The Demo form's fields as the platform names them.
const apiFieldOfDemoField: Record<string, string> = {
  cardHolderName: 'card.cardHolderName',
  cardNumber: 'card.cardNumber',
  expiry: 'card.expireYear',
  cvc: 'card.cvc',
};

/** Checks the card as the Demo gateway does; a wrong field → 400 naming it (card.cardNumber …). */
export function checkDemoCard(card: ApiCard): DemoCard {
  const parsed = demoCardSchema().safeParse({
    cardHolderName: card.cardHolderName,
    cardNumber: card.cardNumber,
    expiry: `${card.expireMonth.padStart(2, '0')}/${card.expireYear}`,
    cvc: card.cvc,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = apiFieldOfDemoField[String(issue?.path[0] ?? '')] ?? 'card';
  throw invalidField(field, issue ? englishFieldMessage(issue.message) : 'is not valid');
}

export type CardDepositResult = { status: 'done'; payment: Payment; transferId: number } | { status: 'declined'; payment: Payment; message: string };

const DECLINED = { code: 'cardDeclined' } as const;

/**
 * Tops up a member's wallet with a Demo card in one transaction: a payments row (top_up, demo),
 * then the gateway's answer: approved → completePayment credits the wallet (card_clearing → wallet,
 * deposit_card) exactly once; declined → the payment ends in error and nothing moves. One
 * idempotency key records one payment: a retry finds it and answers with its outcome.
 */
export function depositWithDemoCard(
  db: Database,
  input: { userId: number; amount: number; currency: string; card: DemoCard; idempotencyKey: string },
): Promise<CardDepositResult> {
  return db.write(async (tx): Promise<CardDepositResult> => {
    const { payment } = await createPaymentRecord(tx, {
      userId: input.userId,
      purpose: 'top_up',
      provider: 'demo',
      amount: input.amount,
      currency: input.currency,
      idempotencyKey: input.idempotencyKey,
    });
    if (payment.state === 'pending') {
      const outcome = demoCardOutcome(input.card);
      if (!outcome.approved) {
        await movePayment(tx, payment.id, 'pending', 'error', { failure: DECLINED });
        const declined = { ...payment, state: 'error' as const, ...failureColumns(DECLINED) };
        return { status: 'declined', payment: declined, message: englishPaymentFailure(DECLINED) };
      }
      // The Demo decision is part of this transaction: a top-up beyond the wallet's cap rolls it all back (nothing charged).
      const done = (await completePayment(tx, payment.id, undefined, { walletCap: (await getSettings(tx)).maxWalletBalance })).payment;
      return { status: 'done', payment: done, transferId: transferIdOf(done) };
    }
    if (payment.state === 'done') return { status: 'done', payment, transferId: transferIdOf(payment) };
    return { status: 'declined', payment, message: englishPaymentFailure(storedFailure(payment) ?? DECLINED) };
  });
}

function transferIdOf(payment: Payment): number {
  if (payment.transferId === null) throw new Error(`Top-up payment ${payment.id} is done without a ledger transfer.`);
  return payment.transferId;
}
