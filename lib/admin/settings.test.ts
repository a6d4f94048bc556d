import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import type { SettingsForm } from '@/lib/validations/admin';
import { saveSettingsForm } from './settings';

const db = getDatabase();

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
  it('saves decimal limits exactly, the methods ticked and records the change', async () => {
    const staff = await insertTestUser(db, 'staff');
    const saved = await saveSettingsForm(db, form, staff.id);
    expect(saved.status).toBe('saved');
    expect(await getSettings(db.read)).toMatchObject({
      automaticInvoice: false,
      enabledPaymentMethods: ['wallet', 'card', 'cash_on_delivery'],
      minTopUp: 500,
      maxTopUp: 250_050,
      maxWalletBalance: 5_000_000,
      bankName: 'Bank of Tests',
      holdMinutes: 45,
      currency: 'USD',
    });
    const [audit] = await db.read.select().from(auditLog).where(eq(auditLog.actorId, staff.id));
    expect(audit?.action).toBe('settings.update');
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ automaticInvoice: false, minTopUp: 500 });

    await saveSettingsForm(db, form, staff.id);
    expect(await db.read.select().from(auditLog).where(eq(auditLog.actorId, staff.id))).toHaveLength(1);
  });

  it('explains bad limits and an empty method list next to the fields, saving nothing', async () => {
    const staff = await insertTestUser(db, 'staff');
    const before = await getSettings(db.read);
    expect(await saveSettingsForm(db, { ...form, minTopUp: '1.005', maxTopUp: 'lots' }, staff.id)).toEqual({
      status: 'invalid',
      fieldErrors: { minTopUp: ['AMOUNT_TOO_MANY_DECIMALS {"decimals":2,"currency":"USD"}'], maxTopUp: ['AMOUNT_NOT_A_NUMBER {"example":"25.00"}'] },
    });
    expect(await saveSettingsForm(db, { ...form, minTopUp: '100', maxTopUp: '99.99' }, staff.id)).toEqual({
      status: 'invalid',
      fieldErrors: { maxTopUp: ['SETTINGS_MAX_BELOW_MIN {"min":10000,"currency":"USD"}'] },
    });
    const noMethods = { ...form, method_wallet: undefined, method_card: undefined, method_cash_on_delivery: undefined };
    expect(await saveSettingsForm(db, noMethods, staff.id)).toMatchObject({ status: 'invalid', fieldErrors: { methods: ['SETTINGS_NO_METHOD'] } });
    expect(await getSettings(db.read)).toEqual(before);
  });

  it('saves the time zone from the form in its standard spelling, and refuses one that is not a zone beside the field', async () => {
    const staff = await insertTestUser(db, 'staff');
    expect((await saveSettingsForm(db, { ...form, timeZone: 'europe/istanbul' }, staff.id)).status).toBe('saved');
    expect((await getSettings(db.read)).timeZone).toBe('Europe/Istanbul');
    const refused = await saveSettingsForm(db, { ...form, timeZone: 'Europe/Atlantis' }, staff.id);
    expect(refused.status).toBe('invalid');
    if (refused.status === 'invalid') expect(refused.fieldErrors.timeZone?.[0]).toContain('SETTINGS_TIME_ZONE');
    expect((await getSettings(db.read)).timeZone).toBe('Europe/Istanbul');
  });
});
