import { and, count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Query, Tx } from '@/db/database';
import { auditLog, users } from '@/db/schema';

/** What staff did: the codes of the `action` column (the words are admin.audit.actions.* in messages/). */
export const auditActions = [
  'top_up.confirm',
  'top_up.reject',
  'wallet.send_money',
  'wallet.withdraw',
  'wallet.reset_balance',
  'wallet.overdraft_limit',
  'wallet.reset_merchant_wallet',
  'order.mark_paid',
  'order.refund_to_wallet',
  'order.refund_to_sources',
  'invoice.create',
  'settings.update',
  'api_key.create',
  'api_key.revoke',
  'staff.invite',
  'staff.cancel_invite',
  'staff.join',
  'staff.revoke',
  'product.create',
  'product.update',
  'product.archive',
  'product.restore',
  'category.create',
  'category.rename',
  'category.delete',
  'shipping_method.create',
  'shipping_method.update',
  'order.move',
  'order.cancel',
  'invoice.credit_note',
  'withdrawal.pay_out',
  'withdrawal.reject',
  'api_payment.completed',
  'api_payment.canceled',
] as const;

export type AuditAction = (typeof auditActions)[number];

export type AuditEntry = {
  actorId: number;
  action: AuditAction;
  subjectUserId?: number | null;
  amount?: number | null;
  currency?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** A form's hidden uuid: unique per action, so one attempt is recorded (and done) once. */
  attemptKey?: string | null;
};

/**
 * Appends one row to the audit log. Call it inside the transaction that does the action, so the
 * row exists exactly when the action happened. Rows are never updated or deleted.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      subjectUserId: entry.subjectUserId ?? null,
      amount: entry.amount ?? null,
      currency: entry.currency ?? null,
      reason: entry.reason ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      attemptKey: entry.attemptKey ?? null,
      createdAt: new Date(),
    });
}

/** The audit row an earlier submit of the same form attempt left, if any. */
export async function findAuditByAttempt(q: Query, action: AuditAction, attemptKey: string) {
  const [row] = await q
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.attemptKey, attemptKey)));
  return row;
}

export type AuditRow = {
  id: number;
  createdAt: Date;
  /** An AuditAction code (older rows may hold a code this version no longer knows). */
  action: string;
  actorName: string;
  subjectUserId: number | null;
  subjectName: string | null;
  amount: number | null;
  currency: string | null;
  reason: string | null;
  /** What the action was about: payment, order or invoice references, an invited address, or the settings fields changed. */
  summary: AuditSummary | null;
};

export type AuditSummary = { kind: 'references'; references: string[] } | { kind: 'settings'; fields: string[] };

function summaryOf(action: string, details: string | null): AuditSummary | null {
  if (!details) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const fields: object = parsed;
  if (action === 'settings.update') return { kind: 'settings', fields: Object.keys(fields) };
  const references = ['order', 'invoice', 'payment', 'transfer', 'email']
    .map((key): unknown => Reflect.get(fields, key))
    .filter((value): value is string => typeof value === 'string');
  return references.length > 0 ? { kind: 'references', references } : null;
}

/** One page of the audit log, newest first. */
export async function listAuditLog(q: Query, options: { page?: number; pageSize?: number } = {}) {
  const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 100);
  const [counted] = await q.select({ n: count() }).from(auditLog);
  const totalRows = counted?.n ?? 0;
  const totalPages = Math.max(1, Math.ceil(totalRows / pageSize));
  const page = Math.min(Math.max(options.page ?? 1, 1), totalPages);
  const actor = alias(users, 'actor');
  const subject = alias(users, 'subject');
  const rows = await q
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      actorName: actor.name,
      subjectUserId: auditLog.subjectUserId,
      subjectName: subject.name,
      amount: auditLog.amount,
      currency: auditLog.currency,
      reason: auditLog.reason,
      details: auditLog.details,
    })
    .from(auditLog)
    .innerJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectUserId))
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const entries: AuditRow[] = rows.map(({ details, ...row }) => ({
    ...row,
    summary: summaryOf(row.action, details),
  }));
  return { rows: entries, page, pageSize, totalRows, totalPages };
}
