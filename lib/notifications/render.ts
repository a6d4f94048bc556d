import { eq } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { users, type MailMessage } from '@/db/schema';
import { isLocale, shopLocale } from '@/lib/i18n/locales';
import { getSettings } from '@/lib/settings';
import { composeMail, type MailShop } from './compose';
import { invoiceAttachment, type InvoiceIssuer, type MailAttachment } from './invoice-pdf';
import { mailHtml, mailText } from './layout';
import { isMailTemplate, type MailParams } from './templates';
import { mailWords } from './words';

export type RenderedMail = { subject: string; text: string; html: string; attachments: MailAttachment[] };

/** What rendering needs besides the message: the shop's name, bank details and time zone (one settings read per run). */
export type RenderContext = MailShop & { timeZone: string; issuer: InvoiceIssuer };

export async function renderContext(q: Query): Promise<RenderContext> {
  const settings = await getSettings(q);
  return {
    shopName: settings.shopName,
    timeZone: settings.timeZone,
    issuer: { name: settings.shopName, address: settings.shopAddress, taxNumber: settings.shopTaxNumber },
    bank: { holder: settings.bankAccountHolder, iban: settings.bankIban, bank: settings.bankName },
  };
}

/** A stored message whose template this version does not know (written by a newer one, or damaged). */
export class UnknownMailTemplateError extends Error {
  constructor(readonly template: string) {
    super(`Unknown mail template "${template}".`);
    this.name = 'UnknownMailTemplateError';
  }
}

type Renderable = Pick<MailMessage, 'template' | 'params' | 'locale' | 'userId'>;

/**
 * A stored message in its recipient's language: subject, text and HTML, and with `attachments`
 * the files it carries (the invoice PDF), which the Outbox page does not need to build.
 */
export async function renderMail(q: Query, message: Renderable, context: RenderContext, options: { attachments?: boolean } = {}): Promise<RenderedMail> {
  if (!isMailTemplate(message.template)) throw new UnknownMailTemplateError(message.template);
  const words = mailWords(isLocale(message.locale) ? message.locale : shopLocale(), context.timeZone);
  const params = JSON.parse(message.params) as MailParams<typeof message.template>;
  const content = composeMail(message.template, params, words, context);
  if (!content.name && message.userId !== null) {
    const [user] = await q.select({ name: users.name }).from(users).where(eq(users.id, message.userId));
    if (user?.name) content.name = user.name;
  }
  const attachments: MailAttachment[] = [];
  if (options.attachments && message.template === 'invoiceIssued') {
    const pdf = await invoiceAttachment(q, (params as MailParams<'invoiceIssued'>).invoiceId, words, context.issuer);
    if (pdf) attachments.push(pdf);
  }
  return { subject: content.subject, text: mailText(content, words, context), html: mailHtml(content, words, context), attachments };
}
