import { eq, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { users, type UserRole } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from './passwords';
import { userSearchKey } from './search-key';

export type SessionUser = { id: number; name: string; email: string; role: UserRole; sessionVersion: number };

/** Creates an account; throws AppError EMAIL_TAKEN when the email is registered already. */
export async function createUser(
  db: Database,
  input: { name: string; email: string; password: string; role?: UserRole },
): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  const inserted = await db.write((tx) => insertUser(tx, { ...input, passwordHash }));
  if (!inserted) throw new AppError('EMAIL_TAKEN', { email: input.email.trim().toLowerCase() }, 'An account with this email already exists.');
  return inserted;
}

/**
 * Inserts an account as a step of a bigger transaction (registration with its welcome e-mail, a
 * staff invitation accepted); undefined when the email is registered already. Hash the password
 * before the transaction: argon2 is slow, and a PostgreSQL transaction may be rerun.
 */
export async function insertUser(
  tx: Tx,
  input: { name: string; email: string; passwordHash: string; role?: UserRole; locale?: string | null },
): Promise<SessionUser | undefined> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const [inserted] = await tx
    .insert(users)
    .values({ name, email, passwordHash: input.passwordHash, role: input.role ?? 'customer', locale: input.locale ?? null, searchKey: userSearchKey({ name, email }) })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion });
  return inserted;
}

/** An account and its password hash, for signing in; undefined when the email is not registered. */
export async function findSignInAccount(q: Query, emailInput: string): Promise<{ user: SessionUser; passwordHash: string } | undefined> {
  const [row] = await q.select().from(users).where(eq(users.email, emailInput.trim().toLowerCase()));
  if (!row) return undefined;
  return {
    user: { id: row.id, name: row.name, email: row.email, role: row.role, sessionVersion: row.sessionVersion },
    passwordHash: row.passwordHash,
  };
}

/** The account for an email and password, or null; takes the same time whether or not the email exists. */
export async function authenticate(q: Query, email: string, password: string): Promise<SessionUser | null> {
  const account = await findSignInAccount(q, email);
  const valid = await verifyPassword(account?.passwordHash, password);
  return account && valid ? account.user : null;
}

/** A user by id (for pages that show a customer), or undefined. */
export async function getUser(q: Query, id: number): Promise<SessionUser | undefined> {
  const [row] = await q
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

/** The current session version of a user (undefined when the account no longer exists). */
export async function sessionVersionOf(q: Query, userId: number): Promise<number | undefined> {
  const [row] = await q.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row?.v;
}

/**
 * What a session token must agree with, read on every request: the version (an older one is no
 * session) and the name, email and role as they are now (renamed, a new address, staff access revoked).
 */
export async function sessionStateOf(q: Query, userId: number): Promise<Omit<SessionUser, 'id'> | undefined> {
  const [row] = await q
    .select({ name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Ends every session of a user: tokens carrying an older version are refused from now on. */
export async function endAllSessions(db: Database, userId: number): Promise<void> {
  await db.write((tx) => endSessionsStep(tx, userId));
}

/** endAllSessions as a step of a bigger transaction (a new password, staff access revoked); returns the new version. */
export async function endSessionsStep(tx: Tx, userId: number): Promise<number | undefined> {
  const [row] = await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ v: users.sessionVersion });
  return row?.v;
}
