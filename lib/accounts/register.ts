import 'server-only';
import type { Database } from '@/db/database';
import { hashPassword } from '@/lib/auth/passwords';
import { insertUser, type SessionUser } from '@/lib/auth/users';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { enqueueMail } from '@/lib/notifications/outbox';

/**
 * Registration: the shopper's account and its welcome e-mail in one transaction (no account, no
 * e-mail). `locale` is the language they registered in, kept as their preference for e-mails.
 * Throws AppError EMAIL_TAKEN when the address is registered already.
 */
export async function registerShopper(
  db: Database,
  input: { name: string; email: string; password: string; locale?: Locale },
): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  const user = await db.write(async (tx) => {
    const inserted = await insertUser(tx, { name: input.name, email: input.email, passwordHash, locale: input.locale ?? null });
    if (!inserted) return undefined;
    await enqueueMail(tx, {
      dedupeKey: `welcome:${inserted.id}`,
      to: { address: inserted.email, userId: inserted.id, locale: input.locale },
      template: 'welcome',
      params: { name: inserted.name },
    });
    return inserted;
  });
  if (!user) throw new AppError('EMAIL_TAKEN', { email: input.email.trim().toLowerCase() }, 'An account with this email already exists.');
  return user;
}
