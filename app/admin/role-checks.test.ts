import crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { eq } from 'drizzle-orm';
import { accountTokens, auditLog, mailOutbox, orders, shippingMethods, users, withdrawals } from '@/db/schema';
import { getBalance } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { insertPaidWalletOrder } from '@/test/helpers/orders';
import { startTopUp } from '@/lib/wallet/top-ups';
import { requestWithdrawal } from '@/lib/withdrawals/request';
import { fundTestWallet } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { fakeRequest } from '@/test/helpers/fake-next';

// Who is asking is decided per test; forbidden() throws as it does in Next.js (a 403 page).
vi.mock('../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { sendMoneyAction, withdrawMoneyAction, resetBalanceAction } = await import('./customers/[id]/actions');
const { decideTopUps } = await import('./top-ups/actions');
const { decideWithdrawalAction } = await import('./payouts/actions');
const { refundOrderAction, refundOrderToSourcesAction, markOrderPaidAction, moveOrderAction, cancelOrderAction } = await import('./orders/[id]/actions');
const { saveSettingsAction, createApiKeyAction, revokeApiKeyAction, saveShippingMethodAction } = await import('./settings/actions');
const { createInvoiceAction } = await import('./invoices/new/actions');
const { inviteStaffAction, revokeStaffAction, cancelInvitationAction } = await import('./staff/actions');

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

function as(user: { id: number; name: string; email: string }, role: 'customer' | 'staff') {
  fakeRequest.viewer = { ...user, role };
}

const idle = { status: 'idle' } as const;
const db = getDatabase();
const reference = (id: number) => `WD${String(id).padStart(6, '0')}`;

/** A pending withdrawal of the customer's, asked through the API (no Settings switch needed), its amount funded first. */
async function customerWithdrawal(amount: number) {
  await fundTestWallet(db, customer.id, amount);
  const { withdrawal } = await requestWithdrawal(db, {
    userId: customer.id,
    amount,
    currency: 'USD',
    iban: 'GB82 WEST 1234 5698 7654 32',
    accountHolder: null,
    description: null,
    source: 'api',
    idempotencyKey: crypto.randomUUID(),
    requestedBy: staff.id,
  });
  return withdrawal;
}

const customer = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');

describe('admin actions answer a customer with 403 and change nothing', () => {
  beforeEach(() => as(customer, 'customer'));

  it('refuses every action', async () => {
    const wire = await startTopUp(db, customer, { amount: '50', method: 'wire_transfer', attemptKey: crypto.randomUUID() });
    if (wire.status !== 'pending') throw new Error('expected a pending wire top-up');
    const order = await insertPaidWalletOrder(db, customer.id, 2_000);
    const withdrawal = await customerWithdrawal(500);
    const settingsBefore = await getSettings(db.read);
    const balanceBefore = await getBalance(db.read, { wallet: customer.id, currency: 'USD' });
    const adjustment = { customerId: customer.id, amount: '10', reason: 'Mine', attemptKey: crypto.randomUUID() };
    const attempts = [
      () => sendMoneyAction(idle, form(adjustment)),
      () => withdrawMoneyAction(idle, form(adjustment)),
      () => resetBalanceAction(idle, form({ customerId: customer.id, reason: 'x', attemptKey: crypto.randomUUID() })),
      () => decideTopUps(idle, form({ intent: 'confirm', paymentIds: String(wire.payment.id) })),
      () => decideTopUps(idle, form({ intent: 'reject', paymentId: wire.payment.id, reason: 'x' })),
      () => refundOrderAction(idle, form({ orderId: order.id, amount: '5', reason: 'x', attemptKey: crypto.randomUUID() })),
      () => refundOrderToSourcesAction(idle, form({ orderId: order.id, amount: '5', reason: 'x', attemptKey: crypto.randomUUID() })),
      () => markOrderPaidAction(idle, form({ orderId: order.id })),
      () => moveOrderAction(idle, form({ orderId: order.id, to: 'shipped', attemptKey: crypto.randomUUID() })),
      () => cancelOrderAction(idle, form({ orderId: order.id, reason: 'x', attemptKey: crypto.randomUUID() })),
      () => saveSettingsAction(idle, form({ minTopUp: '0.01', maxTopUp: '1', bankAccountHolder: 'a', bankIban: 'b', bankName: 'c', holdMinutes: 1 })),
      () => createInvoiceAction(idle, form({ customerEmail: customer.email, dueInDays: 1, attemptKey: crypto.randomUUID() })),
      () => createApiKeyAction(idle, form({ name: 'Mine' })),
      () => revokeApiKeyAction(idle, form({ apiKey: 'ck_anything' })),
      () => saveShippingMethodAction(idle, form({ name: 'Boat', kind: 'delivery', price: '1.00', active: 'on' })),
      () => decideWithdrawalAction(idle, form({ intent: 'pay_out', withdrawalId: withdrawal.id })),
      () => decideWithdrawalAction(idle, form({ intent: 'reject', withdrawalId: withdrawal.id, reason: 'x' })),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow('403');
    expect(await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).toEqual(balanceBefore);
    expect(await getSettings(db.read)).toEqual(settingsBefore);
    expect(await db.read.select({ state: orders.state }).from(orders).where(eq(orders.id, order.id))).toEqual([{ state: 'paid' }]);
    expect(await db.read.select().from(shippingMethods).where(eq(shippingMethods.name, 'Boat'))).toEqual([]);
    expect(await db.read.select({ state: withdrawals.state }).from(withdrawals).where(eq(withdrawals.id, withdrawal.id))).toEqual([{ state: 'pending' }]);
    expect(await db.read.select().from(auditLog)).toEqual([]);
  });

  it('lets staff through, with field errors for bad input and nothing changed', async () => {
    as(staff, 'staff');
    const bad = await sendMoneyAction(idle, form({ customerId: customer.id, amount: '1.001', reason: '', attemptKey: crypto.randomUUID() }));
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { reason: ['Enter a reason.'] } });
    const badAmount = await sendMoneyAction(idle, form({ customerId: customer.id, amount: '1.001', reason: 'Sorry', attemptKey: crypto.randomUUID() }));
    expect(badAmount).toMatchObject({ status: 'error', fieldErrors: { amount: ['USD amounts have at most 2 decimals.'] } });
    const before = (await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).available;
    const sent = await sendMoneyAction(idle, form({ customerId: customer.id, amount: '12.50', reason: 'Sorry', attemptKey: crypto.randomUUID() }));
    expect(sent).toMatchObject({ status: 'success', message: expect.stringContaining('Sent $12.50') });
    expect((await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).available).toBe(before + 1_250);
    const tooMuch = await withdrawMoneyAction(idle, form({ customerId: customer.id, amount: '100000', reason: 'x', attemptKey: crypto.randomUUID() }));
    expect(tooMuch).toMatchObject({ status: 'error', message: expect.stringContaining('Withdraw refused'), fieldErrors: { amount: [expect.any(String)] } });
  });
});

describe('Payouts: staff pay out or reject a withdrawal once; Settings let members ask for one', () => {
  it('pays out once, rejects with a required reason, and says what was decided first', async () => {
    as(staff, 'staff');
    const first = await customerWithdrawal(300);
    expect(await decideWithdrawalAction(idle, form({ intent: 'pay_out', withdrawalId: first.id }))).toMatchObject({ status: 'success', message: `${reference(first.id)} is marked as paid out.` });
    expect(await decideWithdrawalAction(idle, form({ intent: 'pay_out', withdrawalId: first.id }))).toMatchObject({ status: 'error', message: `${reference(first.id)} was already paid out.` });
    expect(await decideWithdrawalAction(idle, form({ intent: 'reject', withdrawalId: first.id, reason: 'Late' }))).toMatchObject({ status: 'error', message: `${reference(first.id)} was already paid out.` });

    const second = await customerWithdrawal(200);
    const before = await getBalance(db.read, { wallet: customer.id, currency: 'USD' });
    expect(await decideWithdrawalAction(idle, form({ intent: 'reject', withdrawalId: second.id, reason: ' ' }))).toMatchObject({ status: 'error', fieldErrors: { reason: ['Enter a reason.'] } });
    expect(await decideWithdrawalAction(idle, form({ intent: 'reject', withdrawalId: second.id, reason: 'The IBAN is closed' }))).toMatchObject({ status: 'success', message: expect.stringContaining('was rejected') });
    expect((await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).available).toBe(before.available + 200);
    expect(await decideWithdrawalAction(idle, form({ intent: 'pay_out', withdrawalId: 999_999_999 }))).toMatchObject({ status: 'error', message: 'This withdrawal does not exist.' });
    const audited = await db.read.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.actorId, staff.id));
    expect(audited).toEqual(expect.arrayContaining([{ action: 'withdrawal.pay_out', reason: null }, { action: 'withdrawal.reject', reason: 'The IBAN is closed' }]));
    expect(audited.filter((row) => row.action.startsWith('withdrawal.'))).toHaveLength(2);
  });

  it('saves "Members may request withdrawals" from the Settings form', async () => {
    as(staff, 'staff');
    const settings = { minTopUp: '1.00', maxTopUp: '10,000.00', maxWalletBalance: '1,000,000.00', bankAccountHolder: 'a', bankIban: 'b', bankName: 'c', holdMinutes: 30, method_wallet: 'on' };
    expect(await saveSettingsAction(idle, form({ ...settings, withdrawalsEnabled: 'on' }))).toMatchObject({ status: 'success' });
    expect((await getSettings(db.read)).withdrawalsEnabled).toBe(true);
    expect(await saveSettingsAction(idle, form(settings))).toMatchObject({ status: 'success' });
    expect((await getSettings(db.read)).withdrawalsEnabled).toBe(false);
  });
});

describe('staff user actions (invite, revoke, cancel invitation) are staff-only and audited', () => {
  const roleOf = async (id: number) => (await db.read.select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;

  it('answers a customer with 403: nobody is invited or revoked, nothing is audited', async () => {
    const colleague = await insertTestUser(db, 'staff');
    as(customer, 'customer');
    const before = await db.read.select().from(auditLog);
    const attempts = [
      () => inviteStaffAction(idle, form({ email: 'friend-of-customer@example.com', attemptKey: crypto.randomUUID() })),
      () => revokeStaffAction(idle, form({ staffId: colleague.id, attemptKey: crypto.randomUUID() })),
      () => cancelInvitationAction(idle, form({ invitationId: 1 })),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow('403');
    expect(await roleOf(colleague.id)).toBe('staff');
    expect(await db.read.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'friend-of-customer@example.com'))).toEqual([]);
    expect(await db.read.select().from(auditLog)).toEqual(before);
  });

  it('lets staff invite, cancel an invitation and revoke a colleague (never themselves), each audited', async () => {
    const colleague = await insertTestUser(db, 'staff');
    as(staff, 'staff');
    const invited = await inviteStaffAction(idle, form({ email: 'New.Colleague@example.com', attemptKey: crypto.randomUUID() }));
    expect(invited).toMatchObject({ status: 'success', message: 'We sent an invitation to new.colleague@example.com.' });
    expect(await inviteStaffAction(idle, form({ email: 'nope', attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', fieldErrors: { email: [expect.any(String)] } });
    const [invitation] = await db.read.select().from(accountTokens).where(eq(accountTokens.newEmail, 'new.colleague@example.com'));
    if (!invitation) throw new Error('no invitation');
    expect(await cancelInvitationAction(idle, form({ invitationId: invitation.id }))).toMatchObject({ status: 'success' });

    expect(await revokeStaffAction(idle, form({ staffId: staff.id, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', code: 'STAFF_REVOKE_SELF' });
    expect(await roleOf(staff.id)).toBe('staff');
    expect(await revokeStaffAction(idle, form({ staffId: colleague.id, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'success', message: expect.stringContaining(colleague.name) });
    expect(await roleOf(colleague.id)).toBe('customer');
    const actions = (await db.read.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, staff.id))).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.invite', 'staff.cancel_invite', 'staff.revoke']));
  });
});
