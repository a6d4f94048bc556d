import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { mailOutbox, type MailMessage } from '@/db/schema';
import { renderContext, renderMail, UnknownMailTemplateError, type RenderContext } from './render';
import { configuredMailTransport, type MailTransport } from './transport';

/** After this many failed attempts a message is given up ('failed', with its last error). */
export const MAX_MAIL_ATTEMPTS = 8;
/**
 * A claimed message is not due again for this long: time for one runner to send it. A runner
 * that dies mid-send leaves it to be retried after this (it may then arrive twice; never lost).
 */
export const MAIL_CLAIM_MS = 10 * 60_000;
/** Messages claimed per run; the next run takes the rest. */
const BATCH = 20;

/** Wait before the next attempt after `attempts` failures: 1 min, 2, 4, … at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 6 * 60 * 60_000);
}

export type DeliveryReport = { sent: number; retrying: number; failed: number };

const m = mailOutbox;

/**
 * Claims up to `batch` due messages in one guarded UPDATE (attempts + 1, next attempt pushed out by
 * MAIL_CLAIM_MS): of two runners claiming at once each message goes to one of them (SQLite
 * serializes the writes; on PostgreSQL the second UPDATE re-checks the WHERE on the row the first
 * changed, and it no longer matches).
 */
async function claimDue(db: Database, now: Date, batch: number): Promise<MailMessage[]> {
  const due = and(eq(m.state, 'pending'), lte(m.nextAttemptAt, now));
  return db.write((tx) =>
    tx
      .update(m)
      .set({ attempts: sql`${m.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + MAIL_CLAIM_MS) })
      .where(and(due, inArray(m.id, tx.select({ id: m.id }).from(m).where(due).orderBy(asc(m.nextAttemptAt), asc(m.id)).limit(batch))))
      .returning(),
  );
}

/** The claim is still ours: the row has not moved on since (another runner, after our claim ran out). */
const stillClaimed = (message: MailMessage) => and(eq(m.id, message.id), eq(m.state, 'pending'), eq(m.attempts, message.attempts));

/** A mail server's permanent refusal (5xx: no such mailbox, …): retrying would not help. */
function isPermanent(error: unknown): boolean {
  if (error instanceof UnknownMailTemplateError) return true;
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** What staff read on the Outbox page: the mail server's reply or the error's message, one line. */
function describe(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return detail.replace(/\s+/g, ' ').trim().slice(0, 500) || 'Unknown error';
}

function messageId(message: MailMessage, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<outbox-${message.id}-${message.createdAt.getTime()}@${domain}>`;
}

async function deliverOne(db: Database, transport: MailTransport, context: RenderContext, message: MailMessage, now: Date): Promise<keyof DeliveryReport> {
  try {
    const rendered = await renderMail(db.read, message, context, { attachments: true });
    await transport.send({ to: message.toAddress, messageId: messageId(message, transport.from), ...rendered });
  } catch (error) {
    const givingUp = isPermanent(error) || message.attempts >= MAX_MAIL_ATTEMPTS;
    await db.write((tx) =>
      tx
        .update(m)
        .set({
          state: givingUp ? 'failed' : 'pending',
          lastError: describe(error),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
        })
        .where(stillClaimed(message)),
    );
    return givingUp ? 'failed' : 'retrying';
  }
  await db.write((tx) => tx.update(m).set({ state: 'sent', sentAt: new Date(), lastError: null }).where(stillClaimed(message)));
  return 'sent';
}

/**
 * Sends the messages that are due, each in its own steps and outside any other transaction: the
 * event that wrote a message committed long before, and a refused or hanging send only moves that
 * message's next attempt (exponential back-off), until MAX_MAIL_ATTEMPTS make it 'failed'. Safe
 * with several runners at once (see claimDue); lib/jobs also runs it under a lease.
 */
export async function deliverDueMail(
  db: Database,
  transport: MailTransport,
  options: { now?: Date; batch?: number; /** Time to spend sending one batch before handing the rest back. */ budgetMs?: number } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const claimed = await claimDue(db, now, options.batch ?? BATCH);
  if (claimed.length === 0) return report;
  const context = await renderContext(db.read);
  const started = Date.now();
  const budget = options.budgetMs ?? MAIL_CLAIM_MS / 2;
  for (const message of claimed) {
    // A slow server must not keep claimed messages past their claim (another runner would send them too): hand the rest back.
    if (Date.now() - started > budget) {
      await db.write((tx) => tx.update(m).set({ attempts: sql`${m.attempts} - 1`, nextAttemptAt: now }).where(stillClaimed(message)));
      continue;
    }
    report[await deliverOne(db, transport, context, message, now)] += 1;
  }
  return report;
}

/** The scheduled job: sends through SMTP_URL; without it sends nothing (messages wait in the Outbox, unsent). */
export async function deliverMailJob(db: Database, now: Date): Promise<DeliveryReport | { skipped: 'noMailServer' }> {
  const transport = configuredMailTransport();
  if (!transport) return { skipped: 'noMailServer' };
  return deliverDueMail(db, transport, { now });
}
