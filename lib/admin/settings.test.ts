import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import type { SettingsForm } from '@/lib/validations/admin';
import { saveSettingsForm } from './settings';

const form: SettingsForm = {
  automaticInvoice: undefined,
  method_wallet: 'on',
  method_card: 'on',
  method_wire_transfer: undefined,
  method_cash_on_delivery: 'on',
  minTopUp: '5',
  maxTopUp: '2,500.50',
  maxWalletBalance: '50,000.00',
  bankAccountHolder: 'Coffer Ltd',
  bankIban: 'DE89 3704 0044 0532 0130 00',
  bankName: 'Bank of Tests',
  holdMinutes: 45,
};

describe('saveSettingsForm', () => {
  it('saves decimal limits exactly, the methods ticked and records the change', () => {
    const staff = insertTestUser('staff');
    const saved = saveSettingsForm(form, staff.id);
    expect(saved.status).toBe('saved');
    expect(getSettings()).toMatchObject({
      automaticInvoice: false,
      enabledPaymentMethods: ['wallet', 'card', 'cash_on_delivery'],
      minTopUp: 500,
      maxTopUp: 250_050,
      maxWalletBalance: 5_000_000,
      bankName: 'Bank of Tests',
      holdMinutes: 45,
      currency: 'USD',
    });
    const [audit] = db.select().from(auditLog).where(eq(auditLog.actorId, staff.id)).all();
    expect(audit?.action).toBe('settings.update');
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ automaticInvoice: false, minTopUp: 500 });

    saveSettingsForm(form, staff.id);
    expect(db.select().from(auditLog).where(eq(auditLog.actorId, staff.id)).all()).toHaveLength(1);
  });

  it('explains bad limits and an empty method list next to the fields, saving nothing', () => {
    const staff = insertTestUser('staff');
    const before = getSettings();
    expect(saveSettingsForm({ ...form, minTopUp: '1.005', maxTopUp: 'lots' }, staff.id)).toEqual({
      status: 'invalid',
      fieldErrors: { minTopUp: ['USD amounts have at most 2 decimals.'], maxTopUp: ['Enter an amount such as 25.00.'] },
    });
    expect(saveSettingsForm({ ...form, minTopUp: '100', maxTopUp: '99.99' }, staff.id)).toEqual({
      status: 'invalid',
      fieldErrors: { maxTopUp: ['The maximum must be at least the minimum ($100.00).'] },
    });
    const noMethods = { ...form, method_wallet: undefined, method_card: undefined, method_cash_on_delivery: undefined };
    expect(saveSettingsForm(noMethods, staff.id)).toMatchObject({ status: 'invalid', fieldErrors: { methods: [expect.any(String)] } });
    expect(getSettings()).toEqual(before);
  });
});
