import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, users } from '@/db/schema';
import { createUser, sessionVersionOf } from '@/lib/auth/users';
import { isAppError } from '@/lib/errors';
import { linkTokenTo, mailTo } from '@/test/helpers/account-links';
import { acceptInvitationAsNew, acceptInvitationWithAccount, cancelInvitation, findInvitation, inviteStaff, listInvitations, listStaff, revokeStaff } from './staff';
import { HOUR_MS } from './tokens';

const db = getDatabase();
const noProxy = new Headers();
const start = new Date('2026-11-23T12:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);
const key = () => crypto.randomUUID();
const refusedWith = (code: string) => (error: unknown) => isAppError(error, code);

let people = 0;
async function person(role: 'customer' | 'staff' = 'customer', password = 'their password') {
  people += 1;
  const user = await createUser(db, { name: `${role} ${people}`, email: `${role}${people}@staff.example`, password, role });
  return { ...user, password };
}

async function roleOf(userId: number) {
  const [row] = await db.read.select({ role: users.role }).from(users).where(eq(users.id, userId));
  return row?.role;
}

async function auditOf(action: string) {
  return db.read.select().from(auditLog).where(eq(auditLog.action, action));
}

describe('staff invitations', () => {
  it('invite → accept makes a staff member of a new address, with the name and password chosen, audited', async () => {
    const inviter = await person('staff');
    const attemptKey = key();
    expect(await inviteStaff(db, { inviterId: inviter.id, email: ' New.Person@Staff.example ', attemptKey }, start)).toEqual({ email: 'new.person@staff.example', existingAccount: false });
    const [message] = await mailTo(db, 'new.person@staff.example');
    expect(message).toMatchObject({ template: 'staffInvite', userId: null });
    expect(JSON.parse(message?.params ?? '{}')).toMatchObject({ inviterName: inviter.name, url: expect.stringContaining('/staff-invitation?token=') });
    const token = await linkTokenTo(db, 'new.person@staff.example', 'staffInvite');
    expect(await findInvitation(db.read, token, start)).toMatchObject({ email: 'new.person@staff.example', invitedBy: inviter.name, account: null, expiresAt: later(7 * 24 * HOUR_MS) });
    expect((await listInvitations(db.read, start)).map((row) => row.email)).toContain('new.person@staff.example');

    const joined = await acceptInvitationAsNew(db, { token, name: 'Nell New', password: 'a good password' }, later(1000));
    const [created] = await db.read.select().from(users).where(eq(users.id, joined.userId));
    expect(created).toMatchObject({ name: 'Nell New', email: 'new.person@staff.example', role: 'staff' });
    expect((await listStaff(db.read)).map((member) => member.id)).toContain(joined.userId);
    expect((await listInvitations(db.read, later(1000))).map((row) => row.email)).not.toContain('new.person@staff.example');
    const invited = (await auditOf('staff.invite')).find((row) => row.attemptKey === attemptKey);
    expect(invited).toMatchObject({ actorId: inviter.id, subjectUserId: null, details: JSON.stringify({ email: 'new.person@staff.example' }) });
    expect((await auditOf('staff.join')).find((row) => row.actorId === joined.userId)).toMatchObject({ subjectUserId: joined.userId });

    await expect(acceptInvitationAsNew(db, { token, name: 'Again', password: 'a good password' }, later(2000))).rejects.toSatisfy(refusedWith('ACCOUNT_LINK_INVALID'));
  });

  it("promotes an existing customer only with that account's password (anyone can register any address)", async () => {
    const inviter = await person('staff');
    const customer = await person('customer');
    const version = await sessionVersionOf(db.read, customer.id);
    expect(await inviteStaff(db, { inviterId: inviter.id, email: customer.email, attemptKey: key() }, start)).toMatchObject({ existingAccount: true });
    const token = await linkTokenTo(db, customer.email, 'staffInvite');
    expect(await findInvitation(db.read, token, start)).toMatchObject({ account: { name: customer.name, isStaff: false } });

    await expect(acceptInvitationAsNew(db, { token, name: 'Squatter', password: 'a good password' }, later(1000))).rejects.toSatisfy(refusedWith('INVITATION_HAS_ACCOUNT'));
    await expect(acceptInvitationWithAccount(db, { token, password: 'a guess', headers: noProxy }, later(1000))).rejects.toSatisfy(refusedWith('WRONG_PASSWORD'));
    expect(await roleOf(customer.id)).toBe('customer');

    expect(await acceptInvitationWithAccount(db, { token, password: customer.password, headers: noProxy }, later(2000))).toEqual({ userId: customer.id, email: customer.email });
    expect(await roleOf(customer.id)).toBe('staff');
    // The old session carried the customer role: it ends, the next sign-in carries staff.
    expect(await sessionVersionOf(db.read, customer.id)).toBe((version ?? 0) + 1);
  });

  it('refuses to invite someone who is staff already', async () => {
    const inviter = await person('staff');
    const colleague = await person('staff');
    await expect(inviteStaff(db, { inviterId: inviter.id, email: colleague.email, attemptKey: key() }, start)).rejects.toSatisfy(refusedWith('ALREADY_STAFF'));
    expect(await mailTo(db, colleague.email)).toEqual([]);
  });

  it('a resubmitted form sends one invitation; a new invitation replaces the open one', async () => {
    const inviter = await person('staff');
    const attemptKey = key();
    await inviteStaff(db, { inviterId: inviter.id, email: 'twice@staff.example', attemptKey }, start);
    await inviteStaff(db, { inviterId: inviter.id, email: 'twice@staff.example', attemptKey }, later(1000));
    expect(await mailTo(db, 'twice@staff.example')).toHaveLength(1);
    const first = await linkTokenTo(db, 'twice@staff.example', 'staffInvite');
    await inviteStaff(db, { inviterId: inviter.id, email: 'twice@staff.example', attemptKey: key() }, later(2000));
    const second = await linkTokenTo(db, 'twice@staff.example', 'staffInvite');
    expect(await findInvitation(db.read, first, later(3000))).toBeUndefined();
    expect(await findInvitation(db.read, second, later(3000))).toBeDefined();
  });

  it('a cancelled or expired invitation no longer works', async () => {
    const inviter = await person('staff');
    await inviteStaff(db, { inviterId: inviter.id, email: 'cancel-me@staff.example', attemptKey: key() }, start);
    const cancelled = await linkTokenTo(db, 'cancel-me@staff.example', 'staffInvite');
    const [open] = (await listInvitations(db.read, start)).filter((row) => row.email === 'cancel-me@staff.example');
    if (!open) throw new Error('no open invitation');
    expect(await cancelInvitation(db, { actorId: inviter.id, invitationId: open.id }, later(1000))).toBe(true);
    expect(await cancelInvitation(db, { actorId: inviter.id, invitationId: open.id }, later(1000))).toBe(false);
    await expect(acceptInvitationAsNew(db, { token: cancelled, name: 'Late', password: 'a good password' }, later(2000))).rejects.toSatisfy(refusedWith('ACCOUNT_LINK_INVALID'));
    expect((await auditOf('staff.cancel_invite')).filter((row) => row.actorId === inviter.id)).toHaveLength(1);

    await inviteStaff(db, { inviterId: inviter.id, email: 'too-late@staff.example', attemptKey: key() }, start);
    const expired = await linkTokenTo(db, 'too-late@staff.example', 'staffInvite');
    await expect(acceptInvitationAsNew(db, { token: expired, name: 'Late', password: 'a good password' }, later(7 * 24 * HOUR_MS))).rejects.toSatisfy(
      refusedWith('ACCOUNT_LINK_INVALID'),
    );
  });
});

describe('revoking staff access', () => {
  it('makes the person a customer again and ends every session of theirs, audited once per attempt', async () => {
    const actor = await person('staff');
    const target = await person('staff');
    const version = await sessionVersionOf(db.read, target.id);
    const attemptKey = key();
    expect(await revokeStaff(db, { actorId: actor.id, staffId: target.id, attemptKey })).toEqual({ name: target.name });
    expect(await roleOf(target.id)).toBe('customer');
    expect(await sessionVersionOf(db.read, target.id)).toBe((version ?? 0) + 1);
    // The same form sent twice: the same answer, one audit row, no second bump.
    expect(await revokeStaff(db, { actorId: actor.id, staffId: target.id, attemptKey })).toEqual({ name: target.name });
    expect((await auditOf('staff.revoke')).filter((row) => row.attemptKey === attemptKey)).toEqual([
      expect.objectContaining({ actorId: actor.id, subjectUserId: target.id }),
    ]);
    expect(await sessionVersionOf(db.read, target.id)).toBe((version ?? 0) + 1);
    await expect(revokeStaff(db, { actorId: actor.id, staffId: target.id, attemptKey: key() })).rejects.toSatisfy(refusedWith('NOT_STAFF'));
  });

  it('refuses to revoke oneself', async () => {
    const actor = await person('staff');
    await expect(revokeStaff(db, { actorId: actor.id, staffId: actor.id, attemptKey: key() })).rejects.toSatisfy(refusedWith('STAFF_REVOKE_SELF'));
    expect(await roleOf(actor.id)).toBe('staff');
  });

  it('two staff revoking each other at once leave one of them: the shop never runs out of staff', async () => {
    // Only these two are staff: the others of this file become customers first.
    const a = await person('staff');
    const b = await person('staff');
    await db.write((tx) => tx.update(users).set({ role: 'customer' }).where(eq(users.role, 'staff')));
    await db.write((tx) => tx.update(users).set({ role: 'staff' }).where(eq(users.id, a.id)));
    await db.write((tx) => tx.update(users).set({ role: 'staff' }).where(eq(users.id, b.id)));
    const results = await Promise.allSettled([
      revokeStaff(db, { actorId: a.id, staffId: b.id, attemptKey: key() }),
      revokeStaff(db, { actorId: b.id, staffId: a.id, attemptKey: key() }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await listStaff(db.read)).toHaveLength(1);
  });
});
