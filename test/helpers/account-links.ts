import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { mailOutbox, type MailMessage } from '@/db/schema';

/** The messages written to the outbox for an address, newest first. */
export async function mailTo(db: Database, address: string): Promise<MailMessage[]> {
  return db.read.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(desc(mailOutbox.id));
}

/** The token of the link in the newest message of `template` to an address (as the recipient would click it). */
export async function linkTokenTo(db: Database, address: string, template: string): Promise<string> {
  const message = (await mailTo(db, address)).find((row) => row.template === template);
  if (!message) throw new Error(`No ${template} message to ${address}.`);
  const params: unknown = JSON.parse(message.params);
  const url = typeof params === 'object' && params !== null ? Reflect.get(params, 'url') : undefined;
  if (typeof url !== 'string') throw new Error(`The ${template} message has no url.`);
  const token = new URL(url).searchParams.get('token');
  if (!token) throw new Error(`The ${template} link has no token.`);
  return token;
}
