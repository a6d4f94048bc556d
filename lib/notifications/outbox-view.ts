import type { Query } from '@/db/database';
import type { MailMessage } from '@/db/schema';
import { getOutboxMessage, listOutbox } from './outbox';
import { renderContext, renderMail, type RenderContext, type RenderedMail } from './render';
import { isMailTemplate } from './templates';

/** What the Outbox page says about a message (words: mail.outbox.state.*). */
export type OutboxState = 'sent' | 'failed' | 'retrying' | 'waiting' | 'notSent';

export function outboxState(message: Pick<MailMessage, 'state' | 'attempts' | 'lastError'>, mailConfigured: boolean): OutboxState {
  if (message.state === 'sent') return 'sent';
  if (message.state === 'failed') return 'failed';
  if (!mailConfigured) return 'notSent';
  return message.attempts > 0 && message.lastError ? 'retrying' : 'waiting';
}

export type OutboxRow = {
  id: number;
  createdAt: Date;
  to: string;
  /** Null when the template is unknown to this version (the page shows its code). */
  subject: string | null;
  template: string;
  state: OutboxState;
  attempts: number;
};

async function subjectOf(q: Query, message: MailMessage, context: RenderContext): Promise<string | null> {
  if (!isMailTemplate(message.template)) return null;
  return (await renderMail(q, message, context)).subject;
}

/** One page of the Outbox (newest first), each message's subject in its recipient's language. */
export async function getOutboxView(q: Query, page: number, mailConfigured: boolean) {
  const [outbox, context] = await Promise.all([listOutbox(q, page), renderContext(q)]);
  const rows: OutboxRow[] = [];
  for (const message of outbox.rows) {
    rows.push({
      id: message.id,
      createdAt: message.createdAt,
      to: message.toAddress,
      subject: await subjectOf(q, message, context),
      template: message.template,
      state: outboxState(message, mailConfigured),
      attempts: message.attempts,
    });
  }
  return { ...outbox, rows };
}

/** One message as the Outbox shows it: its row, its state and what it says (null for an unknown template). */
export async function getOutboxMessageView(
  q: Query,
  id: number,
  mailConfigured: boolean,
): Promise<{ message: MailMessage; state: OutboxState; rendered: RenderedMail | null } | undefined> {
  const message = await getOutboxMessage(q, id);
  if (!message) return undefined;
  const rendered = isMailTemplate(message.template) ? await renderMail(q, message, await renderContext(q)) : null;
  return { message, state: outboxState(message, mailConfigured), rendered };
}
