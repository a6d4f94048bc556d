import type { Database } from '@/db/database';
import { shippingKinds, type PaymentMethod, type ShippingMethod } from '@/db/schema';
import { saveShippingMethod } from '@/lib/delivery/shipping-methods';
import { parseAmount } from '@/lib/money';
import { getSettings, updateSettings, type EditableSettings, type ShopSettings } from '@/lib/settings';
import { paymentMethodFields, type SettingsForm, type ShippingMethodForm } from '@/lib/validations/admin';
import { canonicalTimeZone } from '@/lib/i18n/time-zone';
import { parseRatePercent } from '@/lib/orders/tax';
import { codeMessage, fieldMessage } from '@/lib/validations/messages';
import { recordAudit } from './audit';

export type SettingsSave =
  | { status: 'saved'; settings: ShopSettings }
  | { status: 'invalid'; fieldErrors: Partial<Record<keyof SettingsForm | 'methods', string[]>> };

/** The bounds of "Cancel unpaid card orders after (minutes)": from 5 minutes to a week. */
export const ABANDONED_ORDER_MINUTES = { min: 5, max: 10_080 } as const;

type TaxAndShop = Pick<EditableSettings, 'pricesIncludeTax' | 'defaultTaxRateBp' | 'shopName' | 'shopAddress' | 'shopTaxNumber' | 'abandonedOrderMinutes'>;

/**
 * The tax, shop and order fields of the form, read and checked (validation keys of the
 * `delivery.validation` group beside the fields). Undefined when the form has none of them (an
 * older form): the shop keeps them as they are.
 */
function readTaxAndShop(form: SettingsForm, fieldErrors: Extract<SettingsSave, { status: 'invalid' }>['fieldErrors']): TaxAndShop | undefined {
  if (form.defaultTaxRate === undefined && form.shopName === undefined && form.abandonedOrderMinutes === undefined) return undefined;
  const defaultTaxRateBp = parseRatePercent(form.defaultTaxRate ?? '');
  if (defaultTaxRateBp === undefined) fieldErrors.defaultTaxRate = [fieldMessage('taxRateInvalid')];
  const shopName = (form.shopName ?? '').trim();
  if (shopName.length === 0) fieldErrors.shopName = [fieldMessage('shopNameRequired')];
  const minutesText = (form.abandonedOrderMinutes ?? '').trim();
  const minutes = /^\d{1,6}$/.test(minutesText) ? Number(minutesText) : undefined;
  if (minutes === undefined) fieldErrors.abandonedOrderMinutes = [fieldMessage('minutesWhole')];
  else if (minutes < ABANDONED_ORDER_MINUTES.min || minutes > ABANDONED_ORDER_MINUTES.max) {
    fieldErrors.abandonedOrderMinutes = [fieldMessage('minutesRange', ABANDONED_ORDER_MINUTES)];
  }
  if (defaultTaxRateBp === undefined || shopName.length === 0 || minutes === undefined) return undefined;
  return {
    pricesIncludeTax: form.pricesIncludeTax === 'on',
    defaultTaxRateBp,
    shopName,
    shopAddress: (form.shopAddress ?? '').trim(),
    shopTaxNumber: (form.shopTaxNumber ?? '').trim(),
    abandonedOrderMinutes: minutes,
  };
}

/**
 * Saves the Settings form: top-up limits are read as decimal strings of the shop currency,
 * at least one payment method stays enabled, the default tax rate is a percentage with at most
 * two decimals, the shop has a name, and the change is recorded in the audit log. Field errors
 * are codes (codeMessage) or validation keys (fieldMessage) the action words.
 */
export async function saveSettingsForm(db: Database, form: SettingsForm, staffId: number, locale = 'en'): Promise<SettingsSave> {
  const { currency } = await getSettings(db.read);
  const fieldErrors: Extract<SettingsSave, { status: 'invalid' }>['fieldErrors'] = {};
  const minTopUp = parseAmount(form.minTopUp, currency, locale);
  const maxTopUp = parseAmount(form.maxTopUp, currency, locale);
  const maxWalletBalance = parseAmount(form.maxWalletBalance, currency, locale);
  if (!minTopUp.ok) fieldErrors.minTopUp = [codeMessage(minTopUp.code, minTopUp.params)];
  if (!maxTopUp.ok) fieldErrors.maxTopUp = [codeMessage(maxTopUp.code, maxTopUp.params)];
  if (!maxWalletBalance.ok) fieldErrors.maxWalletBalance = [codeMessage(maxWalletBalance.code, maxWalletBalance.params)];
  if (minTopUp.ok && maxTopUp.ok && minTopUp.amount > maxTopUp.amount) {
    fieldErrors.maxTopUp = [codeMessage('SETTINGS_MAX_BELOW_MIN', { min: minTopUp.amount, currency })];
  }
  const enabledPaymentMethods: PaymentMethod[] = paymentMethodFields
    .filter(({ field }) => form[field] === 'on')
    .map(({ method }) => method);
  if (enabledPaymentMethods.length === 0) fieldErrors.methods = [codeMessage('SETTINGS_NO_METHOD')];
  const taxAndShop = readTaxAndShop(form, fieldErrors);
  if (!minTopUp.ok || !maxTopUp.ok || !maxWalletBalance.ok || Object.keys(fieldErrors).length > 0) return { status: 'invalid', fieldErrors };

  const timeZone = form.timeZone ? canonicalTimeZone(form.timeZone) : undefined;
  if (form.timeZone && !timeZone) return { status: 'invalid', fieldErrors: { timeZone: [codeMessage('SETTINGS_TIME_ZONE', { timeZone: form.timeZone ?? '' })] } };

  const changes: Partial<EditableSettings> = {
    ...(timeZone ? { timeZone } : {}),
    automaticInvoice: form.automaticInvoice === 'on',
    enabledPaymentMethods,
    minTopUp: minTopUp.amount,
    maxTopUp: maxTopUp.amount,
    bankAccountHolder: form.bankAccountHolder,
    bankIban: form.bankIban,
    bankName: form.bankName,
    holdMinutes: form.holdMinutes,
    maxWalletBalance: maxWalletBalance.amount,
    withdrawalsEnabled: form.withdrawalsEnabled === 'on',
    ...taxAndShop,
  };
  const settings = await db.write(async (tx) => {
    // What changed is read in the transaction that writes, so the audit row says what this save did.
    const { currency: _currency, ...before } = await getSettings(tx);
    const changed = Object.entries(changes).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(Reflect.get(before, key)),
    );
    const saved = await updateSettings(tx, changes);
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorId: staffId,
        action: 'settings.update',
        details: Object.fromEntries(changed),
      });
    }
    return saved;
  });
  return { status: 'saved', settings };
}

export type ShippingMethodSave =
  | { status: 'saved'; method: ShippingMethod; created: boolean }
  | { status: 'not_found' }
  | { status: 'invalid'; fieldErrors: Partial<Record<keyof ShippingMethodForm, string[]>> };

/**
 * Adds (no id) or changes a shipping method from its Settings form: the name is required, the
 * kind is delivery or pick-up, the price (zero or more) and the optional free-above amount are
 * read as money of the shop currency in the staff member's locale. Audited by
 * lib/delivery/shipping-methods. Field errors are codes or validation keys the action words.
 */
export async function saveShippingMethodForm(db: Database, form: ShippingMethodForm, staffId: number, locale = 'en'): Promise<ShippingMethodSave> {
  const { currency } = await getSettings(db.read);
  const fieldErrors: Extract<ShippingMethodSave, { status: 'invalid' }>['fieldErrors'] = {};
  if (form.name.length === 0) fieldErrors.name = [fieldMessage('methodNameRequired')];
  const kind = shippingKinds.find((candidate) => candidate === form.kind);
  if (!kind) fieldErrors.kind = [fieldMessage('chooseKind')];
  const price = parseAmount(form.price, currency, locale, { allowZero: true });
  if (!price.ok) fieldErrors.price = [codeMessage(price.code, price.params)];
  const freeAboveText = form.freeAbove ?? '';
  const freeAbove = freeAboveText === '' ? undefined : parseAmount(freeAboveText, currency, locale);
  if (freeAbove && !freeAbove.ok) fieldErrors.freeAbove = [codeMessage(freeAbove.code, freeAbove.params)];
  if (!kind || !price.ok || (freeAbove && !freeAbove.ok) || Object.keys(fieldErrors).length > 0) return { status: 'invalid', fieldErrors };
  const input = { name: form.name, kind, priceMinor: price.amount, freeAboveMinor: freeAbove?.ok ? freeAbove.amount : null, active: form.active === 'on' };
  const method = await saveShippingMethod(db, form.id, input, staffId);
  return method ? { status: 'saved', method, created: form.id === undefined } : { status: 'not_found' };
}
