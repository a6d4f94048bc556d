import 'server-only';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { accountTokens, users } from '@/db/schema';
import { findAuditByAttempt, recordAudit } from '@/lib/admin/audit';
import { hashPassword } from '@/lib/auth/passwords';
import { insertUser } from '@/lib/auth/users';
import { shopUrl } from '@/lib/config';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { enqueueMail } from '@/lib/notifications/outbox';
import { confirmCurrentPassword } from './profile';
import { consumeLink, findUsableLink, insertLinkToken, newLinkToken } from './tokens';

// A staff invitation is an account_tokens row of purpose 'staff_invite': userId is the staff member
// who invited, newEmail the invited address (which may have no account yet: one is made on accepting).

export type StaffMember = { id: number; name: string; email: string; createdAt: Date };

/** Everyone with staff access, by name. */
export async function listStaff(q: Query): Promise<StaffMember[]> {
  return q
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.role, 'staff'))
    .orderBy(asc(users.name), asc(users.id));
}

export type PendingInvitation = { id: number; email: string; invitedBy: string; createdAt: Date; expiresAt: Date };

const openInvitation = (now: Date) => and(eq(accountTokens.purpose, 'staff_invite'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now));

/** Invitations sent and not yet accepted, cancelled or expired; newest first. */
export async function listInvitations(q: Query, now = new Date()): Promise<PendingInvitation[]> {
  const rows = await q
    .select({ id: accountTokens.id, email: accountTokens.newEmail, invitedBy: users.name, createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(openInvitation(now))
    .orderBy(desc(accountTokens.id));
  return rows.flatMap((row) => (row.email ? [{ ...row, email: row.email }] : []));
}

/** The link an invitation e-mail carries. */
export function staffInvitationUrl(token: string): string {
  return shopUrl(`/staff-invitation?token=${encodeURIComponent(token)}`).toString();
}

/** Retires every open invitation to an address (a new one replaces them; accepting one uses them all). */
async function retireInvitationsTo(tx: Tx, email: string, now: Date): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.purpose, 'staff_invite'), eq(accountTokens.newEmail, email), isNull(accountTokens.usedAt)));
}

async function accountByEmail(q: Query, email: string) {
  const [row] = await q.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.email, email));
  return row;
}

/**
 * Invite staff member: e-mails a link (valid 7 days) to the address; an earlier open invitation
 * to it stops working. An existing customer account is promoted when its owner accepts; a new
 * address gets an account then. Audited; a resubmitted form (same attempt key) sends nothing more.
 * Throws AppError ALREADY_STAFF.
 */
export async function inviteStaff(
  db: Database,
  input: { inviterId: number; email: string; attemptKey: string; locale?: Locale },
  now = new Date(),
): Promise<{ email: string; existingAccount: boolean }> {
  const email = input.email.trim().toLowerCase();
  const { token, tokenHash } = newLinkToken();
  return db.write(async (tx) => {
    const existing = await accountByEmail(tx, email);
    if (await findAuditByAttempt(tx, 'staff.invite', input.attemptKey)) return { email, existingAccount: existing !== undefined };
    if (existing?.role === 'staff') throw new AppError('ALREADY_STAFF', { email }, 'This person is staff already.');
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.inviterId));
    if (!inviter) throw new AppError('SESSION_ENDED', {}, 'The inviting account no longer exists.');
    await retireInvitationsTo(tx, email, now);
    const link = await insertLinkToken(tx, { userId: input.inviterId, purpose: 'staff_invite', tokenHash, newEmail: email }, now);
    await enqueueMail(tx, {
      dedupeKey: `staff-invite:${link.id}`,
      // An existing account reads it in its own language; a new address in the inviter's.
      to: existing ? { address: email, userId: existing.id } : { address: email, locale: input.locale },
      template: 'staffInvite',
      params: { inviterName: inviter.name, url: staffInvitationUrl(token) },
    });
    await recordAudit(tx, { actorId: input.inviterId, action: 'staff.invite', subjectUserId: existing?.id ?? null, details: { email }, attemptKey: input.attemptKey });
    return { email, existingAccount: existing !== undefined };
  });
}

/** Cancels an open invitation (its link stops working); false when it was accepted, expired or cancelled already. */
export async function cancelInvitation(db: Database, input: { actorId: number; invitationId: number }, now = new Date()): Promise<boolean> {
  return db.write(async (tx) => {
    const [row] = await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.id, input.invitationId), openInvitation(now)))
      .returning({ email: accountTokens.newEmail });
    if (!row) return false;
    const existing = row.email ? await accountByEmail(tx, row.email) : undefined;
    await recordAudit(tx, { actorId: input.actorId, action: 'staff.cancel_invite', subjectUserId: existing?.id ?? null, details: { email: row.email } });
    return true;
  });
}

export type InvitationView = {
  email: string;
  invitedBy: string;
  expiresAt: Date;
  /** The account the address already has: its owner accepts with its password. Null: a new account is made. */
  account: { name: string; isStaff: boolean } | null;
};

/** What the invitation page shows for a link while it works; undefined for an unknown, used or expired one. Reads only. */
export async function findInvitation(q: Query, token: unknown, now = new Date()): Promise<InvitationView | undefined> {
  const link = await findUsableLink(q, 'staff_invite', token, now);
  if (!link?.newEmail) return undefined;
  const [inviter] = await q.select({ name: users.name }).from(users).where(eq(users.id, link.userId));
  const account = await accountByEmail(q, link.newEmail);
  return {
    email: link.newEmail,
    invitedBy: inviter?.name ?? '',
    expiresAt: link.expiresAt,
    account: account ? { name: account.name, isStaff: account.role === 'staff' } : null,
  };
}

const invalidLink = () => new AppError('ACCOUNT_LINK_INVALID', { purpose: 'staff_invite' }, 'This invitation is unknown, used, cancelled or expired.');

/**
 * Accepts an invitation to an address that has an account: its owner proves it with the account's
 * password (the link proves the mailbox; the password, the account: anyone may register any
 * address), the account becomes staff and its sessions end, so the next sign-in carries the role.
 * Throws ACCOUNT_LINK_INVALID, INVITATION_NEEDS_ACCOUNT (no account: make one), WRONG_PASSWORD, TOO_MANY_ATTEMPTS.
 */
export async function acceptInvitationWithAccount(
  db: Database,
  input: { token: string; password: string; headers: Headers },
  now = new Date(),
): Promise<{ userId: number; email: string }> {
  const invitation = await findUsableLink(db.read, 'staff_invite', input.token, now);
  if (!invitation?.newEmail) throw invalidLink();
  const account = await accountByEmail(db.read, invitation.newEmail);
  if (!account) throw new AppError('INVITATION_NEEDS_ACCOUNT', {}, 'This address has no account yet.');
  await confirmCurrentPassword(db, account.id, input.password, input.headers, now);
  return db.write(async (tx) => {
    const link = await consumeLink(tx, 'staff_invite', input.token, now);
    if (!link?.newEmail) throw invalidLink();
    const [promoted] = await tx
      .update(users)
      .set({ role: 'staff', sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, account.id), eq(users.email, link.newEmail)))
      .returning({ id: users.id, email: users.email });
    // The account changed its address meanwhile: the invitation was for the address, not the account.
    if (!promoted) throw invalidLink();
    await retireInvitationsTo(tx, link.newEmail, now);
    await recordAudit(tx, { actorId: promoted.id, action: 'staff.join', subjectUserId: promoted.id, details: { email: promoted.email, invitedBy: link.userId } });
    return { userId: promoted.id, email: promoted.email };
  });
}

/**
 * Accepts an invitation to an address with no account: makes a staff account with the name and
 * password given. Throws ACCOUNT_LINK_INVALID, or INVITATION_HAS_ACCOUNT when the address got an
 * account meanwhile (its owner accepts with that account's password instead; nothing is used up).
 */
export async function acceptInvitationAsNew(
  db: Database,
  input: { token: string; name: string; password: string; locale?: Locale },
  now = new Date(),
): Promise<{ userId: number; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.write(async (tx) => {
    const link = await consumeLink(tx, 'staff_invite', input.token, now);
    if (!link?.newEmail) throw invalidLink();
    const created = await insertUser(tx, { name: input.name, email: link.newEmail, passwordHash, role: 'staff', locale: input.locale ?? null });
    if (!created) throw new AppError('INVITATION_HAS_ACCOUNT', {}, 'This address has an account now.');
    await retireInvitationsTo(tx, created.email, now);
    await recordAudit(tx, { actorId: created.id, action: 'staff.join', subjectUserId: created.id, details: { email: created.email, invitedBy: link.userId } });
    return { userId: created.id, email: created.email };
  });
}

/**
 * Revoke staff access: the person becomes a customer again (their wallet and orders stay) and
 * every session of theirs ends. Not oneself, and never the last staff member: the staff rows are
 * locked first, so two revocations at once take turns and cannot both leave the shop with none.
 * Audited; a resubmitted form (same attempt key) answers as the first did.
 * Throws STAFF_REVOKE_SELF, NOT_STAFF, LAST_STAFF.
 */
export async function revokeStaff(
  db: Database,
  input: { actorId: number; staffId: number; attemptKey: string },
): Promise<{ name: string }> {
  if (input.actorId === input.staffId) throw new AppError('STAFF_REVOKE_SELF', {}, 'Staff cannot revoke their own access.');
  return db.write(async (tx) => {
    const earlier = await findAuditByAttempt(tx, 'staff.revoke', input.attemptKey);
    if (earlier) {
      const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.staffId));
      return { name: person?.name ?? '' };
    }
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion}` })
      .where(eq(users.role, 'staff'));
    const staff = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, 'staff'));
    if (!staff.some((member) => member.id === input.actorId)) throw new AppError('SESSION_ENDED', {}, 'The acting account is no longer staff.');
    const target = staff.find((member) => member.id === input.staffId);
    if (!target) throw new AppError('NOT_STAFF', {}, 'This person has no staff access.');
    if (staff.length <= 1) throw new AppError('LAST_STAFF', {}, 'The shop needs at least one staff member.');
    await tx
      .update(users)
      .set({ role: 'customer', sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, target.id), eq(users.role, 'staff')));
    await recordAudit(tx, { actorId: input.actorId, action: 'staff.revoke', subjectUserId: target.id, attemptKey: input.attemptKey });
    return { name: target.name };
  });
}
