import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import type { SettingsForm } from '@/lib/validations/admin';
import { listShippingMethods } from '@/lib/delivery/shipping-methods';
import { saveSettingsForm, saveShippingMethodForm } from './settings';

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

describe('tax, shop details and orders', () => {
  const full = { ...form, pricesIncludeTax: undefined, defaultTaxRate: '8,5', shopName: '  Kahve Dükkanı ', shopAddress: 'Moda Cd. 1\nKadıköy', shopTaxNumber: '1234567890', abandonedOrderMinutes: '90' };

  it('saves them (a rate with a decimal comma or point, to basis points) and audits what changed', async () => {
    const staff = await insertTestUser(db, 'staff');
    expect((await saveSettingsForm(db, full, staff.id)).status).toBe('saved');
    expect(await getSettings(db.read)).toMatchObject({
      pricesIncludeTax: false,
      defaultTaxRateBp: 850,
      shopName: 'Kahve Dükkanı',
      shopAddress: 'Moda Cd. 1\nKadıköy',
      shopTaxNumber: '1234567890',
      abandonedOrderMinutes: 90,
    });
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.actorId, staff.id));
    expect(JSON.parse(audits.at(-1)?.details ?? '{}')).toMatchObject({ pricesIncludeTax: false, defaultTaxRateBp: 850, shopName: 'Kahve Dükkanı', abandonedOrderMinutes: 90 });
    expect((await saveSettingsForm(db, { ...full, pricesIncludeTax: 'on', defaultTaxRate: '20' }, staff.id)).status).toBe('saved');
    expect(await getSettings(db.read)).toMatchObject({ pricesIncludeTax: true, defaultTaxRateBp: 2000 });
  });

  it('keeps them when an older form without these fields is saved', async () => {
    const staff = await insertTestUser(db, 'staff');
    await saveSettingsForm(db, { ...full, defaultTaxRate: '18' }, staff.id);
    expect((await saveSettingsForm(db, form, staff.id)).status).toBe('saved');
    expect(await getSettings(db.read)).toMatchObject({ defaultTaxRateBp: 1800, shopName: 'Kahve Dükkanı', pricesIncludeTax: false });
  });

  it.each([
    [{ defaultTaxRate: '101' }, 'defaultTaxRate', 'validation.taxRateInvalid'],
    [{ defaultTaxRate: '18.555' }, 'defaultTaxRate', 'validation.taxRateInvalid'],
    [{ defaultTaxRate: '' }, 'defaultTaxRate', 'validation.taxRateInvalid'],
    [{ shopName: '   ' }, 'shopName', 'validation.shopNameRequired'],
    [{ abandonedOrderMinutes: '1.5' }, 'abandonedOrderMinutes', 'validation.minutesWhole'],
    [{ abandonedOrderMinutes: '2' }, 'abandonedOrderMinutes', 'validation.minutesRange {"min":5,"max":10080}'],
    [{ abandonedOrderMinutes: '10081' }, 'abandonedOrderMinutes', 'validation.minutesRange {"min":5,"max":10080}'],
  ] as const)('refuses %j beside %s, saving nothing', async (change, field, message) => {
    const staff = await insertTestUser(db, 'staff');
    const before = await getSettings(db.read);
    expect(await saveSettingsForm(db, { ...full, ...change }, staff.id)).toEqual({ status: 'invalid', fieldErrors: { [field]: [message] } });
    expect(await getSettings(db.read)).toEqual(before);
  });
});

describe('saveShippingMethodForm', () => {
  const method = { name: 'Courier', kind: 'delivery', price: '4.90', freeAbove: '', active: 'on' as const };

  it('adds a method read in the staff member’s locale, edits it, and audits both', async () => {
    const staff = await insertTestUser(db, 'staff');
    const created = await saveShippingMethodForm(db, { ...method, price: '1.234,50', freeAbove: '10.000,00' }, staff.id, 'tr');
    expect(created).toMatchObject({ status: 'saved', created: true, method: { name: 'Courier', kind: 'delivery', priceMinor: 123_450, freeAboveMinor: 1_000_000, active: true, currency: 'USD' } });
    if (created.status !== 'saved') return;
    const edited = await saveShippingMethodForm(db, { ...method, id: created.method.id, name: 'Courier Plus', kind: 'pickup', price: '0', active: undefined }, staff.id);
    expect(edited).toMatchObject({ status: 'saved', created: false, method: { id: created.method.id, name: 'Courier Plus', kind: 'pickup', priceMinor: 0, freeAboveMinor: null, active: false } });
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.actorId, staff.id)).orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['shipping_method.create', 'shipping_method.update']);
    expect(JSON.parse(audits[1]?.details ?? '{}')).toEqual({ id: created.method.id, name: 'Courier Plus', kind: 'pickup', priceMinor: 0, freeAboveMinor: null, active: false });
    // Saving it unchanged records nothing more.
    await saveShippingMethodForm(db, { ...method, id: created.method.id, name: 'Courier Plus', kind: 'pickup', price: '0', active: undefined }, staff.id);
    expect(await db.read.select().from(auditLog).where(eq(auditLog.actorId, staff.id))).toHaveLength(2);
    expect((await listShippingMethods(db.read, { activeOnly: false })).map((m) => m.name)).toContain('Courier Plus');
    expect((await listShippingMethods(db.read)).map((m) => m.name)).not.toContain('Courier Plus');
  });

  it('explains each bad field beside it and saves nothing', async () => {
    const staff = await insertTestUser(db, 'staff');
    const before = await listShippingMethods(db.read, { activeOnly: false });
    expect(await saveShippingMethodForm(db, { name: '', kind: 'boat', price: '-1', freeAbove: '0' }, staff.id)).toEqual({
      status: 'invalid',
      fieldErrors: {
        name: ['validation.methodNameRequired'],
        kind: ['validation.chooseKind'],
        price: ['AMOUNT_NEGATIVE'],
        freeAbove: ['AMOUNT_ZERO'],
      },
    });
    expect(await saveShippingMethodForm(db, { ...method, price: '4.999' }, staff.id)).toMatchObject({ status: 'invalid', fieldErrors: { price: [expect.stringContaining('AMOUNT_TOO_MANY_DECIMALS')] } });
    expect(await saveShippingMethodForm(db, { ...method, id: 999_999 }, staff.id)).toEqual({ status: 'not_found' });
    expect(await listShippingMethods(db.read, { activeOnly: false })).toEqual(before);
  });
});
