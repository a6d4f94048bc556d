import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { insertTestUser } from '@/test/helpers/users';
import { listAuditLog, recordAudit } from './audit';

const db = getDatabase();

describe('audit log', () => {
  it('lists staff actions newest first with who, whom, amount, reason and what it was about', async () => {
    const staff = await insertTestUser(db, 'staff');
    const customer = await insertTestUser(db);
    await db.write(async (tx) => {
      await recordAudit(tx, { actorId: staff.id, action: 'wallet.send_money', subjectUserId: customer.id, amount: 500, currency: 'USD', reason: 'Sorry', details: { transfer: 'WT/2026/000001' } });
      await recordAudit(tx, { actorId: staff.id, action: 'settings.update', details: { minTopUp: 500, bankName: 'X' } });
      await recordAudit(tx, { actorId: staff.id, action: 'order.refund_to_wallet', subjectUserId: customer.id, amount: 100, currency: 'USD', reason: 'Broken', details: { order: 'S00001', transfer: 'WT/2026/000002' } });
    });

    const page = await listAuditLog(db.read, { pageSize: 2 });
    expect(page).toMatchObject({ totalRows: 3, totalPages: 2, page: 1 });
    expect(page.rows.map((row) => row.action)).toEqual(['order.refund_to_wallet', 'settings.update']);
    expect(page.rows[0]).toMatchObject({ actorName: staff.name, subjectName: customer.name, amount: 100, reason: 'Broken', summary: { kind: 'references', references: ['S00001', 'WT/2026/000002'] } });
    expect(page.rows[1]).toMatchObject({ subjectName: null, amount: null, summary: { kind: 'settings', fields: ['minTopUp', 'bankName'] } });
    const last = await listAuditLog(db.read, { pageSize: 2, page: 2 });
    expect(last.rows).toEqual([expect.objectContaining({ action: 'wallet.send_money', summary: { kind: 'references', references: ['WT/2026/000001'] } })]);
    expect((await listAuditLog(db.read, { pageSize: 2, page: 99 })).page).toBe(2);
  });

  it('records one attempt of an action once', async () => {
    const staff = await insertTestUser(db, 'staff');
    const entry = { actorId: staff.id, action: 'invoice.create', attemptKey: 'attempt-1' } as const;
    await db.write((tx) => recordAudit(tx, entry));
    await expect(db.write((tx) => recordAudit(tx, entry))).rejects.toThrow();
    await db.write((tx) => recordAudit(tx, { ...entry, action: 'settings.update' }));
  });
});
