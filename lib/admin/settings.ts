import type { Database } from '@/db/database';
import type { PaymentMethod } from '@/db/schema';
import { parseAmount } from '@/lib/money';
import { getSettings, updateSettings, type EditableSettings, type ShopSettings } from '@/lib/settings';
import { paymentMethodFields, type SettingsForm } from '@/lib/validations/admin';
import { canonicalTimeZone } from '@/lib/i18n/time-zone';
import { codeMessage } from '@/lib/validations/messages';
import { recordAudit } from './audit';

export type SettingsSave =
  | { status: 'saved'; settings: ShopSettings }
  | { status: 'invalid'; fieldErrors: Partial<Record<keyof SettingsForm | 'methods', string[]>> };

/**
 * Saves the Settings form: top-up limits are read as decimal strings of the shop currency,
 * at least one payment method stays enabled, and the change is recorded in the audit log.
 * Field errors are codes (lib/validations/messages codeMessage) the action layer words.
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
