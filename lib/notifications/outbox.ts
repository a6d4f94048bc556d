import { count, desc, eq } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { mailOutbox, users, type MailMessage } from '@/db/schema';
import { isLocale, shopLocale, type Locale } from '@/lib/i18n/locales';
import type { MailParams, MailTemplate } from './templates';

export type MailRecipient = {
  address: string;
  userId?: number;
  /** The language to write in; else the user's chosen one, else the shop's. */
  locale?: Locale;
};

export type MailRequest<T extends MailTemplate> = {
  /** One message per event (e.g. 'order-shipped:42'): enqueueing the same key again adds nothing. */
  dedupeKey: string;
  to: MailRecipient;
  template: T;
  params: MailParams<T>;
};

async function recipientLocale(tx: Tx, to: MailRecipient): Promise<Locale> {
  if (to.locale) return to.locale;
  if (to.userId !== undefined) {
    const [user] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, to.userId));
    if (isLocale(user?.locale)) return user.locale;
  }
  return shopLocale();
}

/**
 * Writes an e-mail to the outbox as a step of the caller's transaction: it is sent after commit
 * by the delivery job (lib/notifications/deliver), and never if the transaction rolls back. A
 * replayed event (same dedupe key) adds nothing: returns the new message's id, or undefined.
 */
export async function enqueueMail<T extends MailTemplate>(tx: Tx, request: MailRequest<T>): Promise<{ id: number } | undefined> {
  const now = new Date();
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      dedupeKey: request.dedupeKey,
      toAddress: request.to.address,
      userId: request.to.userId ?? null,
      locale: await recipientLocale(tx, request.to),
      template: request.template,
      params: JSON.stringify(request.params),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return row;
}

export type OutboxPage = { rows: MailMessage[]; page: number; pageSize: number; totalRows: number; totalPages: number };

/** One page of the outbox, newest first (the staff Outbox page); the page is clamped to those that exist. */
export async function listOutbox(q: Query, page: number, pageSize = 20): Promise<OutboxPage> {
  const [counted] = await q.select({ n: count() }).from(mailOutbox);
  const totalRows = Number(counted?.n ?? 0);
  const totalPages = Math.ceil(totalRows / pageSize);
  const current = Math.min(Math.max(Number.isSafeInteger(page) ? page : 1, 1), Math.max(totalPages, 1));
  const rows = await q
    .select()
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows, page: current, pageSize, totalRows, totalPages };
}

/** One outbox message by id, or undefined. */
export async function getOutboxMessage(q: Query, id: number): Promise<MailMessage | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  const [row] = await q.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row;
}
