import { and, eq } from 'drizzle-orm';
import { failureColumns, type PaymentFailure } from './failures';
import type { Query, Tx } from '@/db/database';
import { payments, type Payment, type PaymentState } from '@/db/schema';
import { PaymentError } from './errors';
import { newPaymentReference } from './references';

type NewPayment = Omit<typeof payments.$inferInsert, 'id' | 'reference' | 'state' | 'createdAt' | 'updatedAt'> & {
  state?: PaymentState;
};

/**
 * Records a payment attempt, or returns the one already recorded under the same idempotency key
 * (a double click or a retried request starts one payment, not two). A step of the caller's
 * transaction: the key is claimed by the insert itself (ON CONFLICT DO NOTHING), so two servers
 * starting the same attempt at once record one row.
 */
export async function createPaymentRecord(tx: Tx, input: NewPayment): Promise<{ payment: Payment; created: boolean }> {
  const now = new Date();
  for (let attempt = 0; ; attempt += 1) {
    const [inserted] = await tx
      .insert(payments)
      .values({ ...input, state: input.state ?? 'pending', reference: newPaymentReference(), createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted) return { payment: inserted, created: true };
    // Either the idempotency key is taken (the attempt exists) or, rarely, the random reference is.
    const [existing] = await tx.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey));
    if (existing) return { payment: existing, created: false };
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

/**
 * Moves a payment to a new state if it is still in `from` (the guard is the UPDATE's WHERE, so of
 * two servers moving it at once one wins); false when it had moved already.
 */
export async function movePayment(
  tx: Tx,
  paymentId: number,
  from: PaymentState,
  to: PaymentState,
  changes: Partial<Pick<Payment, 'transferId' | 'providerReference' | 'amount'>> & { failure?: PaymentFailure | null } = {},
  options: MoveOptions = {},
): Promise<boolean> {
  if (!canMove(from, to, options)) throw new PaymentError('INVALID_STATE', `A ${from} payment cannot become ${to}.`);
  const { failure, ...columns } = changes;
  const moved = await tx
    .update(payments)
    .set({ ...columns, ...(failure === undefined ? {} : failureColumns(failure)), state: to, updatedAt: new Date() })
    .where(and(eq(payments.id, paymentId), eq(payments.state, from)))
    .returning({ id: payments.id });
  return moved.length === 1;
}

/** Text a reference can be compared with on both engines (PostgreSQL text cannot hold U+0000; a reference never does). */
function isReferenceText(reference: string): boolean {
  return typeof reference === 'string' && !reference.includes('\u0000');
}

/** A payment by its reference, or undefined. */
export async function findPaymentByReference(q: Query, reference: string): Promise<Payment | undefined> {
  if (!isReferenceText(reference)) return undefined;
  const [payment] = await q.select().from(payments).where(eq(payments.reference, reference));
  return payment;
}

/** A payment by id, or undefined. */
export async function findPayment(q: Query, id: number): Promise<Payment | undefined> {
  // PostgreSQL refuses a non-integer or out-of-range id as a parameter: such an id is no payment.
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  const [payment] = await q.select().from(payments).where(eq(payments.id, id));
  return payment;
}

/** A shopper's own payment by reference; another shopper's is "not found". */
export async function findOwnPayment(q: Query, userId: number, reference: string): Promise<Payment | undefined> {
  if (!isReferenceText(reference)) return undefined;
  const [payment] = await q
    .select()
    .from(payments)
    .where(and(eq(payments.reference, reference), eq(payments.userId, userId)));
  return payment;
}

/** Records why the last card attempt failed, leaving the payment open for another try. */
export async function noteAttemptFailure(tx: Tx, paymentId: number, failure: PaymentFailure): Promise<void> {
  await tx.update(payments).set({ ...failureColumns(failure), updatedAt: new Date() }).where(eq(payments.id, paymentId));
}
