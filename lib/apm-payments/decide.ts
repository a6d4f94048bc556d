import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { apiPayments, payments, users, type Payment } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { AppError } from '@/lib/errors';
import { postTransfer } from '@/lib/ledger';
import { movePayment } from '@/lib/payments/records';
import { apmTypeOfProvider } from './kinds';

/** What deciding an APM payment did: completed or cancelled it, found it decided already, or found none. */
export type ApmDecision =
  | { status: 'completed' | 'canceled'; payment: Payment }
  | { status: 'already_completed' | 'already_canceled'; payment: Payment }
  | { status: 'not_found' };

export type ApmDecisionInput = {
  paymentId: number;
  staffId: number;
  /** The staff form's hidden uuid: the audit row of one attempt is written once. */
  attemptKey?: string | null;
};

const apmProviders = ['wire_transfer', 'cash_on_delivery'] as const;

/** The ledger key of an APM payment's money: one per payment, whoever completes it. */
export function apmPaymentTransferKey(paymentId: number): string {
  return `apm:complete:${paymentId}`;
}

/** An APM payment taken through the API (a wire_transfer or cash_on_delivery payment with api_payments details), or undefined. */
export async function findApmPayment(q: Query, paymentId: number): Promise<{ payment: Payment; conversationId: string | null } | undefined> {
  if (!Number.isSafeInteger(paymentId) || paymentId < 1 || paymentId > 2_147_483_647) return undefined;
  const [row] = await q
    .select({ payment: payments, conversationId: apiPayments.conversationId })
    .from(apiPayments)
    .innerJoin(payments, eq(payments.id, apiPayments.paymentId))
    .where(and(eq(apiPayments.paymentId, paymentId), inArray(payments.provider, [...apmProviders])));
  return row;
}

async function assertStaff(q: Query, staffId: number): Promise<void> {
  const [staff] = await q.select({ role: users.role }).from(users).where(eq(users.id, staffId));
  if (staff?.role !== 'staff') throw new AppError('FORBIDDEN');
}

/** The member the payment is from, for the audit log; null when the API named none (recorded for its staff member). */
async function memberOf(q: Query, payment: Payment): Promise<number | null> {
  const [user] = await q.select({ role: users.role }).from(users).where(eq(users.id, payment.userId));
  return user?.role === 'customer' ? payment.userId : null;
}

function alreadyDecided(payment: Payment): ApmDecision {
  if (payment.state === 'done') return { status: 'already_completed', payment };
  if (payment.state === 'canceled') return { status: 'already_canceled', payment };
  throw new Error(`APM payment ${payment.id} is ${payment.state} but could not be moved.`);
}

/**
 * Staff saw the money of an APM payment arrive: in one transaction the payment moves pending → done
 * (the guarded UPDATE … WHERE state = 'pending' claims it, so of two staff clicking at once one
 * wins and the other is told it is completed), then the ledger posts bank_clearing → sales (a fund
 * transfer reached the bank; cash on delivery is paid in at the bank too, as the shop's own cash
 * orders are), keyed per payment, and the audit log records who did it and which apmType it was.
 */
export async function completeApmPaymentIn(tx: Tx, input: ApmDecisionInput): Promise<ApmDecision> {
  await assertStaff(tx, input.staffId);
  const found = await findApmPayment(tx, input.paymentId);
  if (!found) return { status: 'not_found' };
  const { payment } = found;
  if (!(await movePayment(tx, payment.id, 'pending', 'done'))) return alreadyDecided((await findApmPayment(tx, payment.id))?.payment ?? payment);
  const { transfer } = await postTransfer(tx, {
    debit: { system: 'bank_clearing', currency: payment.currency },
    credit: { system: 'sales', currency: payment.currency },
    amount: payment.amount,
    currency: payment.currency,
    kind: 'payment',
    idempotencyKey: apmPaymentTransferKey(payment.id),
    description: found.conversationId
      ? { code: 'apiPaymentConversation', params: { reference: payment.reference, conversationId: found.conversationId } }
      : { code: 'apiPayment', params: { reference: payment.reference } },
    paymentId: payment.id,
    createdBy: input.staffId,
  });
  const [completed] = await tx.update(payments).set({ transferId: transfer.id }).where(eq(payments.id, payment.id)).returning();
  await recordAudit(tx, {
    actorId: input.staffId,
    action: 'api_payment.completed',
    subjectUserId: await memberOf(tx, payment),
    amount: payment.amount,
    currency: payment.currency,
    details: { payment: payment.reference, transfer: transfer.reference, apmType: apmTypeOfProvider(payment.provider) },
    attemptKey: input.attemptKey ?? null,
  });
  return { status: 'completed', payment: completed ?? payment };
}

/** Staff will not wait for the money any more: pending → canceled once (guarded), nothing moves, audited. */
export async function cancelApmPaymentIn(tx: Tx, input: ApmDecisionInput): Promise<ApmDecision> {
  await assertStaff(tx, input.staffId);
  const found = await findApmPayment(tx, input.paymentId);
  if (!found) return { status: 'not_found' };
  const { payment } = found;
  if (!(await movePayment(tx, payment.id, 'pending', 'canceled'))) return alreadyDecided((await findApmPayment(tx, payment.id))?.payment ?? payment);
  await recordAudit(tx, {
    actorId: input.staffId,
    action: 'api_payment.canceled',
    subjectUserId: await memberOf(tx, payment),
    amount: payment.amount,
    currency: payment.currency,
    details: { payment: payment.reference, apmType: apmTypeOfProvider(payment.provider) },
    attemptKey: input.attemptKey ?? null,
  });
  return { status: 'canceled', payment: (await findApmPayment(tx, payment.id))?.payment ?? payment };
}

export function completeApmPayment(db: Database, input: ApmDecisionInput): Promise<ApmDecision> {
  return db.write((tx) => completeApmPaymentIn(tx, input));
}

export function cancelApmPayment(db: Database, input: ApmDecisionInput): Promise<ApmDecision> {
  return db.write((tx) => cancelApmPaymentIn(tx, input));
}
