import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Payment, type PaymentState } from '@/db/schema';
import { PaymentError } from './errors';
import { newPaymentReference } from './references';

type NewPayment = Omit<typeof payments.$inferInsert, 'id' | 'reference' | 'state' | 'createdAt' | 'updatedAt'> & {
  state?: PaymentState;
};

/**
 * Records a payment attempt, or returns the one already recorded under the same idempotency key
 * (a double click or a retried request starts one payment, not two). Call inside a transaction.
 */
export function createPaymentRecord(input: NewPayment): { payment: Payment; created: boolean } {
  const existing = db.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey)).get();
  if (existing) return { payment: existing, created: false };
  const now = new Date();
  for (let attempt = 0; ; attempt += 1) {
    const inserted = db
      .insert(payments)
      .values({ ...input, state: input.state ?? 'pending', reference: newPaymentReference(), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: payments.reference })
      .returning()
      .get();
    if (inserted) return { payment: inserted, created: true };
    if (attempt > 5) throw new Error('Could not allocate a unique payment reference.');
  }
}

// Only forward moves: a finished payment never changes again.
const allowedMoves: Record<PaymentState, PaymentState[]> = {
  draft: ['pending', 'canceled', 'error'],
  pending: ['authorized', 'done', 'canceled', 'error'],
  authorized: ['done', 'canceled', 'error'],
  done: [],
  canceled: [],
  error: [],
};

// The one way out of a closed state: the provider says it took the money after all (a Stripe page
// paid in another tab). Money taken is never left behind, so such a payment still completes.
const providerConfirmedMoves: Partial<Record<PaymentState, PaymentState[]>> = {
  canceled: ['done'],
  error: ['done'],
};

export type MoveOptions = { providerConfirmed?: boolean };

/** True when a payment may move from one state to another. */
export function canMove(from: PaymentState, to: PaymentState, options: MoveOptions = {}): boolean {
  if (options.providerConfirmed && providerConfirmedMoves[from]?.includes(to)) return true;
  return allowedMoves[from].includes(to);
}

/** Moves a payment to a new state if it is still in `from`; false when it had moved already. */
export function movePayment(
  paymentId: number,
  from: PaymentState,
  to: PaymentState,
  changes: Partial<Pick<Payment, 'transferId' | 'failureMessage' | 'providerReference' | 'amount'>> = {},
  options: MoveOptions = {},
): boolean {
  if (!canMove(from, to, options)) throw new PaymentError('INVALID_STATE', `A ${from} payment cannot become ${to}.`);
  const result = db
    .update(payments)
    .set({ ...changes, state: to, updatedAt: new Date() })
    .where(and(eq(payments.id, paymentId), eq(payments.state, from)))
    .run();
  return result.changes === 1;
}

/** A payment by its reference, or undefined. */
export function findPaymentByReference(reference: string): Payment | undefined {
  return db.select().from(payments).where(eq(payments.reference, reference)).get();
}

/** A payment by id, or undefined. */
export function findPayment(id: number): Payment | undefined {
  return db.select().from(payments).where(eq(payments.id, id)).get();
}

/** A shopper's own payment by reference; another shopper's is "not found". */
export function findOwnPayment(userId: number, reference: string): Payment | undefined {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.reference, reference), eq(payments.userId, userId)))
    .get();
}

/** Records why the last card attempt failed, leaving the payment open for another try. */
export function noteAttemptFailure(paymentId: number, message: string): void {
  db.update(payments).set({ failureMessage: message, updatedAt: new Date() }).where(eq(payments.id, paymentId)).run();
}
