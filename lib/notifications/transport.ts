import nodemailer from 'nodemailer';
import { appConfig } from '@/lib/config';
import type { MailAttachment } from './invoice-pdf';

/** One message as it leaves the shop. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string; attachments: MailAttachment[]; messageId: string };

/** Where messages go: the SMTP server of SMTP_URL, sent from MAIL_FROM. */
export type MailTransport = { from: string; send(mail: OutgoingMail): Promise<void> };

/** An SMTP transport for `smtpUrl` (smtp://user:pass@host:587, smtps://… for TLS from the first byte). */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // Short timeouts: a server that hangs fails the attempt (retried later) instead of holding the job.
  const transporter = nodemailer.createTransport(smtpUrl, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  return {
    from,
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
      });
    },
  };
}

let configured: { url: string; transport: MailTransport } | undefined;

/** The transport SMTP_URL and MAIL_FROM configure, or null without SMTP_URL (nothing is sent). */
export function configuredMailTransport(): MailTransport | null {
  const { smtpUrl, from } = appConfig().mail;
  if (!smtpUrl) return null;
  if (configured?.url !== smtpUrl) configured = { url: smtpUrl, transport: smtpTransport(smtpUrl, from) };
  return configured.transport;
}

/** True when SMTP_URL is set (the Outbox page says "Not sent" otherwise). */
export function isMailConfigured(): boolean {
  return appConfig().mail.smtpUrl !== null;
}
