import type { Database } from '@/db/database';
import type { Payment } from '@/db/schema';
import { completePayment } from '@/lib/payments/complete';
import { demoCardOutcome, demoCardSchema, type DemoCard } from '@/lib/payments/demo-card';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';
import { invalidField } from './errors';
import { failureColumns, storedFailure } from '@/lib/payments/failures';
import { englishFieldMessage, englishPaymentFailure } from './english';

/** The card fields of the platform's deposit request (a card typed in, not a stored one). */
export type ApiCard = { cardHolderName: string; cardNumber: string; expireMonth: string; expireYear: string; cvc: string };

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
      const done = (await completePayment(tx, payment.id)).payment;
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
