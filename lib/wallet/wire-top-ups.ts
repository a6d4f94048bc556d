import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLog, payments, users, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { PaymentError } from '@/lib/payments/errors';
import { findPayment, movePayment } from '@/lib/payments/records';

export type WireDecision =
  | { status: 'confirmed' | 'rejected'; payment: Payment }
  | { status: 'already_confirmed' | 'already_rejected'; payment: Payment };

function findWireTopUp(paymentId: number): { payment: Payment; transferId: number } {
  const payment = findPayment(paymentId);
  if (!payment || payment.provider !== 'wire_transfer' || payment.purpose !== 'top_up' || !payment.transferId) {
    throw new PaymentError('NOT_FOUND', 'This wire top-up does not exist.');
  }
  return { payment, transferId: payment.transferId };
}

function alreadyDecided(payment: Payment): WireDecision | null {
  if (payment.state === 'done') return { status: 'already_confirmed', payment };
  if (payment.state === 'canceled' || payment.state === 'error') return { status: 'already_rejected', payment };
  return null;
}

/**
 * Staff confirm that a wire top-up reached the bank: its pending credit is posted to the wallet,
 * once. A second confirm (double click, two staff at once) changes nothing and says so.
 */
export function confirmTopUp(paymentId: number, staffId: number): WireDecision {
  return writeTransaction(() => {
    const { payment, transferId } = findWireTopUp(paymentId);
    const decided = alreadyDecided(payment);
    if (decided) return decided;
    postPendingTransfer({ transferId, resolvedBy: staffId });
    movePayment(payment.id, payment.state, 'done');
    db.insert(auditLog)
      .values({
        actorId: staffId,
        action: 'top_up.confirm',
        subjectUserId: payment.userId,
        amount: payment.amount,
        currency: payment.currency,
        details: JSON.stringify({ payment: payment.reference }),
        createdAt: new Date(),
      })
      .run();
    return { status: 'confirmed', payment: findPayment(payment.id) ?? payment };
  });
}

/** Staff reject a wire top-up that never arrived: its pending credit is voided, once, with a reason. */
export function rejectTopUp(paymentId: number, staffId: number, reason: string): WireDecision {
  return writeTransaction(() => {
    const { payment, transferId } = findWireTopUp(paymentId);
    const decided = alreadyDecided(payment);
    if (decided) return decided;
    voidPendingTransfer({ transferId, resolvedBy: staffId, reason });
    movePayment(payment.id, payment.state, 'canceled', { failureMessage: `Rejected by the shop: ${reason}` });
    db.insert(auditLog)
      .values({
        actorId: staffId,
        action: 'top_up.reject',
        subjectUserId: payment.userId,
        amount: payment.amount,
        currency: payment.currency,
        reason,
        details: JSON.stringify({ payment: payment.reference }),
        createdAt: new Date(),
      })
      .run();
    return { status: 'rejected', payment: findPayment(payment.id) ?? payment };
  });
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
export function listPendingWireTopUps(): PendingWireTopUp[] {
  return db
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
    .orderBy(desc(payments.id))
    .all();
}
