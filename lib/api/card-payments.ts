import { eq } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { apiPayments, payments, type Payment } from '@/db/schema';
import { createPendingTransfer, postTransfer, type LedgerDescription } from '@/lib/ledger';
import { demoCardOutcome, type DemoCard } from '@/lib/payments/demo-card';
import type { PaymentFailure } from '@/lib/payments/failures';
import { createPaymentRecord, findPayment, movePayment } from '@/lib/payments/records';
import { captureWalletHold, releaseWalletHold } from '@/lib/payments/split';
import { writeCardPaymentDetails, type CardFacts, type PaymentItem } from './payment-details';

/**
 * Card payments through the API (the platform's CARD_PAYMENT, and CARD_AND_WALLET_PAYMENT when
 * walletPrice > 0), with the Demo card provider. Two payments rows make one API payment:
 * - the card part (provider demo, purpose order): its id is the API payment's id, its
 *   idempotency key the attempt's, and api_payments keeps the merchant's details;
 * - the wallet part (provider wallet), key = the card part's key + ':wallet', held as the
 *   storefront's Wallet and Card holds it (lib/payments/split): a pending transfer wallet → sales,
 *   the row 'authorized'; posted with the card part, voided when the card is declined.
 */

export const DECLINED: PaymentFailure = { code: 'cardDeclined' };

/** The idempotency key of an API payment's own payments row (the wallet payment's, or a card payment's card part). */
export function apiPaymentKey(apiKeyId: number, attemptKey: string): string {
  return `api:payment:${apiKeyId}:${attemptKey}`;
}

/** The wallet part of a card and wallet payment, if it has one. */
export async function walletPartOf(q: Query, payment: Pick<Payment, 'idempotencyKey' | 'provider'>): Promise<Payment | undefined> {
  if (payment.provider === 'wallet') return undefined;
  const [part] = await q.select().from(payments).where(eq(payments.idempotencyKey, `${payment.idempotencyKey}:wallet`));
  return part;
}

export type CardPaymentInput = {
  apiKeyId: number;
  staffId: number;
  attemptKey: string;
  /** The member who pays; null when the merchant names none (the payment is then recorded for the key's staff member). */
  buyerId: number | null;
  currency: string;
  /** Minor units; each item's walletPrice is its part of `walletPrice`. */
  items: PaymentItem[];
  walletPrice: number;
  /** What the card pays: the price minus walletPrice, > 0. */
  cardPrice: number;
  card: DemoCard;
  cardFacts: CardFacts;
  conversationId: string | null;
  externalId: string | null;
  paymentGroup: string;
};

export type CardPaymentResult = { status: 'paid' | 'declined'; payment: Payment };

function describe(reference: string, conversationId: string | null): LedgerDescription {
  return conversationId ? { code: 'apiPaymentConversation', params: { reference, conversationId } } : { code: 'apiPayment', params: { reference } };
}

/** Holds the wallet part: a wallet payments row moved to 'authorized' with its pending debit wallet → sales. */
async function holdWalletPart(tx: Tx, cardPart: Payment, input: CardPaymentInput & { buyerId: number }): Promise<Payment> {
  const { payment: hold } = await createPaymentRecord(tx, {
    userId: input.buyerId,
    purpose: 'order',
    provider: 'wallet',
    amount: input.walletPrice,
    currency: input.currency,
    idempotencyKey: `${cardPart.idempotencyKey}:wallet`,
  });
  // The ledger's debit refuses a hold the wallet cannot cover (InsufficientFundsError): the whole payment rolls back.
  const { transfer } = await createPendingTransfer(tx, {
    debit: { wallet: input.buyerId, currency: input.currency },
    credit: { system: 'sales', currency: input.currency },
    amount: input.walletPrice,
    currency: input.currency,
    kind: 'payment',
    idempotencyKey: `payment:${hold.id}:hold`,
    description: describe(cardPart.reference, input.conversationId),
    // The wallet's transaction names the API payment (the card part), as a wallet payment's does.
    paymentId: cardPart.id,
    createdBy: input.staffId,
  });
  await movePayment(tx, hold.id, 'pending', 'authorized', { transferId: transfer.id });
  return { ...hold, state: 'authorized', transferId: transfer.id };
}

function resultOf(payment: Payment): CardPaymentResult {
  return { status: payment.state === 'done' ? 'paid' : 'declined', payment };
}

/**
 * Takes a card (and wallet) payment as a step of the caller's transaction: records the card part,
 * holds the wallet part, asks the Demo provider (a local decision on the card number, no network,
 * so it may run inside the transaction, as the card deposit's does), then captures both
 * (card_clearing → sales for the card part, the hold posted) or, when the card is declined,
 * records the card part as failed and releases the hold, so nothing moves. A wallet that cannot
 * cover its part throws InsufficientFundsError: the caller's transaction must roll back. One
 * attempt key pays once: a retry (or a twin on another server, whose insert waits for this one's
 * transaction) finds the card part and answers its outcome.
 */
export async function payByCardIn(tx: Tx, input: CardPaymentInput): Promise<CardPaymentResult> {
  const { payment, created } = await createPaymentRecord(tx, {
    userId: input.buyerId ?? input.staffId,
    purpose: 'order',
    provider: 'demo',
    amount: input.cardPrice,
    currency: input.currency,
    idempotencyKey: apiPaymentKey(input.apiKeyId, input.attemptKey),
  });
  if (!created) return resultOf(payment);
  const hold = input.walletPrice > 0 && input.buyerId !== null ? await holdWalletPart(tx, payment, { ...input, buyerId: input.buyerId }) : undefined;
  await tx.insert(apiPayments).values({
    paymentId: payment.id,
    apiKeyId: input.apiKeyId,
    conversationId: input.conversationId,
    externalId: input.externalId,
    paymentGroup: input.paymentGroup,
    items: writeCardPaymentDetails(input.items, input.cardFacts),
  });

  if (demoCardOutcome(input.card).approved) {
    const { transfer } = await postTransfer(tx, {
      debit: { system: 'card_clearing', currency: input.currency },
      credit: { system: 'sales', currency: input.currency },
      amount: input.cardPrice,
      currency: input.currency,
      kind: 'payment',
      idempotencyKey: `payment:${payment.id}:capture`,
      description: describe(payment.reference, input.conversationId),
      paymentId: payment.id,
      createdBy: input.staffId,
    });
    await movePayment(tx, payment.id, 'pending', 'done', { transferId: transfer.id });
    if (hold) await captureWalletHold(tx, hold.id);
  } else {
    await movePayment(tx, payment.id, 'pending', 'error', { failure: DECLINED });
    if (hold) await releaseWalletHold(tx, hold.id, DECLINED);
  }
  const after = await findPayment(tx, payment.id);
  if (!after) throw new Error(`Card payment ${payment.id} vanished.`);
  return resultOf(after);
}
