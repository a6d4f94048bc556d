import { z } from 'zod';
import type { Database } from '@/db/database';
import type { Payment } from '@/db/schema';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { completePayment } from './complete';
import { demoCardOutcome, demoCardSchema } from './demo-card';
import { findOwnPayment, noteAttemptFailure } from './records';

export type DemoCardResult =
  | { status: 'invalid'; fieldErrors: Record<string, string[] | undefined> }
  | { status: 'declined'; code: 'CARD_DECLINED' }
  | { status: 'refused'; code: 'METHOD_DISABLED' }
  | { status: 'not_open'; payment: Payment | undefined }
  | { status: 'done'; payment: Payment };

/**
 * Pays an open Demo payment with a test card: the same payments table and state machine as
 * Stripe, only the gateway differs. A declined card leaves the payment open for another card.
 * The card is charged only when this form is sent, so card payments turned off in Settings are
 * refused here, before any money is taken (the payment stays open until they are on again).
 */
export async function payWithDemoCard(db: Database, userId: number, reference: string, form: Record<string, string>): Promise<DemoCardResult> {
  const payment = await findOwnPayment(db.read, userId, reference);
  if (!payment || payment.provider !== 'demo' || payment.state !== 'pending') return { status: 'not_open', payment };
  if (!(await isPaymentMethodEnabled(db.read, 'card'))) return { status: 'refused', code: 'METHOD_DISABLED' };
  const parsed = demoCardSchema().safeParse(form);
  if (!parsed.success) {
    return { status: 'invalid', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const outcome = demoCardOutcome(parsed.data);
  if (!outcome.approved) {
    await db.write((tx) => noteAttemptFailure(tx, payment.id, { code: 'cardDeclined' }));
    return { status: 'declined', code: outcome.code };
  }
  // completePayment re-reads the payment in the transaction: a cancel that won meanwhile refuses it.
  const { payment: done } = await db.write((tx) => completePayment(tx, payment.id));
  return { status: 'done', payment: done };
}
