import { and, desc, eq } from 'drizzle-orm';
import type { PaymentFailure } from '@/lib/payments/failures';
import type { Database, Query, Tx } from '@/db/database';
import { payments, users, type Payment } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { notifyTopUpConfirmed, notifyWireRejected } from '@/lib/notifications/events';
import { PaymentError } from '@/lib/payments/errors';
import { findPayment, movePayment } from '@/lib/payments/records';

export type WireDecision =
  | { status: 'confirmed' | 'rejected'; payment: Payment }
  | { status: 'already_confirmed' | 'already_rejected'; payment: Payment };

async function findWireTopUp(q: Query, paymentId: number): Promise<{ payment: Payment; transferId: number }> {
  const payment = await findPayment(q, paymentId);
  if (!payment || payment.provider !== 'wire_transfer' || payment.purpose !== 'top_up' || !payment.transferId) {
    throw new PaymentError('NOT_FOUND', 'This wire top-up does not exist.', { subject: 'wireTopUp' });
  }
  return { payment, transferId: payment.transferId };
}

function alreadyDecided(payment: Payment): WireDecision | null {
  if (payment.state === 'done') return { status: 'already_confirmed', payment };
  if (payment.state === 'canceled' || payment.state === 'error') return { status: 'already_rejected', payment };
  return null;
}

/**
 * Decides a pending wire top-up in one transaction. The payment row moves from pending first
 * (UPDATE … WHERE state = 'pending'): of two staff deciding at once, the second waits for the
 * first and then moves nothing, and says what the first decided.
 */
async function decide(
  tx: Tx,
  paymentId: number,
  to: 'done' | 'canceled',
  resolve: (tx: Tx, payment: Payment, transferId: number) => Promise<void>,
  failure?: PaymentFailure,
): Promise<WireDecision | { status: 'moved'; payment: Payment }> {
  const { payment, transferId } = await findWireTopUp(tx, paymentId);
  const decided = alreadyDecided(payment);
  if (decided) return decided;
  if (!(await movePayment(tx, payment.id, payment.state, to, failure ? { failure } : {}))) {
    const now = await findWireTopUp(tx, paymentId);
    return alreadyDecided(now.payment) ?? { status: 'already_rejected', payment: now.payment };
  }
  await resolve(tx, payment, transferId);
  return { status: 'moved', payment: (await findPayment(tx, payment.id)) ?? payment };
}

/**
 * Staff confirm that a wire top-up reached the bank: its pending credit is posted to the wallet,
 * once. A second confirm (double click, two staff at once) changes nothing and says so.
 */
export async function confirmTopUp(db: Database, paymentId: number, staffId: number): Promise<WireDecision> {
  const result = await db.write((tx) =>
    decide(tx, paymentId, 'done', async (tx, payment, transferId) => {
      await postPendingTransfer(tx, { transferId, resolvedBy: staffId });
      await notifyTopUpConfirmed(tx, payment);
      await recordAudit(tx, {
        actorId: staffId,
        action: 'top_up.confirm',
        subjectUserId: payment.userId,
        amount: payment.amount,
        currency: payment.currency,
        details: { payment: payment.reference },
      });
    }),
  );
  return result.status === 'moved' ? { status: 'confirmed', payment: result.payment } : result;
}

/** Staff reject a wire top-up that never arrived: its pending credit is voided, once, with a reason. */
export async function rejectTopUp(db: Database, paymentId: number, staffId: number, reason: string): Promise<WireDecision> {
  const result = await db.write((tx) =>
    decide(
      tx,
      paymentId,
      'canceled',
      async (tx, payment, transferId) => {
        await voidPendingTransfer(tx, { transferId, resolvedBy: staffId, reason });
        await notifyWireRejected(tx, payment, reason);
        await recordAudit(tx, {
          actorId: staffId,
          action: 'top_up.reject',
          subjectUserId: payment.userId,
          amount: payment.amount,
          currency: payment.currency,
          reason,
          details: { payment: payment.reference },
        });
      },
      { code: 'wireRejected', params: { reason } },
    ),
  );
  return result.status === 'moved' ? { status: 'rejected', payment: result.payment } : result;
}

export type PendingWireTopUp = {
  paymentId: number;
  reference: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  amount: number;
  currency: string;
  createdAt: Date;
};

/** Wire top-ups waiting for staff, newest first. */
export function listPendingWireTopUps(q: Query): Promise<PendingWireTopUp[]> {
  return q
    .select({
      paymentId: payments.id,
      reference: payments.reference,
      customerId: users.id,
      customerName: users.name,
      customerEmail: users.email,
      amount: payments.amount,
      currency: payments.currency,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(and(eq(payments.provider, 'wire_transfer'), eq(payments.purpose, 'top_up'), eq(payments.state, 'pending')))
    .orderBy(desc(payments.id));
}
