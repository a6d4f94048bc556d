import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { users, type UserRole } from '@/db/schema';
import { hashPassword, verifyPassword } from './passwords';

export type SessionUser = { id: number; name: string; email: string; role: UserRole; sessionVersion: number };

export class EmailTakenError extends Error {
  readonly code = 'EMAIL_TAKEN';
  constructor() {
    super('An account with this email already exists.');
  }
}

/** Creates an account; throws EmailTakenError when the email is registered already. */
export async function createUser(input: {
  name: string;
  email: string;
  password: string;
  role?: UserRole;
}): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const inserted = db
    .insert(users)
    .values({ name: input.name.trim(), email, passwordHash, role: input.role ?? 'customer' })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion })
    .get();
  if (!inserted) throw new EmailTakenError();
  return inserted;
}

/** An account and its password hash, for signing in; undefined when the email is not registered. */
export function findSignInAccount(emailInput: string): { user: SessionUser; passwordHash: string } | undefined {
  const row = db.select().from(users).where(eq(users.email, emailInput.trim().toLowerCase())).get();
  if (!row) return undefined;
  return {
    user: { id: row.id, name: row.name, email: row.email, role: row.role, sessionVersion: row.sessionVersion },
    passwordHash: row.passwordHash,
  };
}

/** The account for an email and password, or null; takes the same time whether or not the email exists. */
export async function authenticate(email: string, password: string): Promise<SessionUser | null> {
  const account = findSignInAccount(email);
  const valid = await verifyPassword(account?.passwordHash, password);
  return account && valid ? account.user : null;
}

/** A user by id (for pages that show a customer), or undefined. */
export function getUser(id: number): SessionUser | undefined {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

/** The current session version of a user (undefined when the account no longer exists). */
export function sessionVersionOf(userId: number): number | undefined {
  return db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).get()?.v;
}

/** Ends every session of a user: tokens carrying an older version are refused from now on. */
export function endAllSessions(userId: number): void {
  db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId)).run();
}
