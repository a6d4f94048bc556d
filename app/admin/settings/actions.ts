'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { createApiKeyForStaff, revokeApiKeyForStaff } from '@/lib/admin/api-keys';
import { saveSettingsForm, saveShippingMethodForm } from '@/lib/admin/settings';
import { settingsFormSchema, shippingMethodFormSchema } from '@/lib/validations/admin';
import { fieldMessage } from '@/lib/validations/messages';
import { staffAction } from '../../_server/action';
import { wordedError, wordedFieldErrors } from '../../checkout/words';

/** Save Settings: Automatic Invoice, payment methods, top-up limits, bank details, withdrawals, tax, shop details, orders (staff only). */
export const saveSettingsAction = staffAction.input(settingsFormSchema).run(async (form, { db, viewer, values }) => {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('admin.settings')]);
  const saved = await saveSettingsForm(db, form, viewer.id, locale);
  if (saved.status === 'invalid') {
    // Codes of the delivery catalogue are worded here, the others by the action layer.
    return { status: 'error', message: t('correctFields'), fieldErrors: await wordedFieldErrors(saved.fieldErrors), values };
  }
  revalidatePath('/', 'layout');
  return { status: 'success', message: t('saved') };
});

/** Add or change a shipping method (Settings → Shipping methods; staff only, audited). */
export const saveShippingMethodAction = staffAction.input(shippingMethodFormSchema).run(async (form, { db, viewer, values }) => {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('delivery.methods')]);
  const saved = await saveShippingMethodForm(db, form, viewer.id, locale);
  if (saved.status === 'invalid') {
    return { status: 'error', message: t('correctFields'), fieldErrors: await wordedFieldErrors(saved.fieldErrors), values };
  }
  if (saved.status === 'not_found') return { status: 'error', message: await wordedError('SHIPPING_METHOD_NOT_FOUND'), values };
  revalidatePath('/admin/settings');
  revalidatePath('/checkout');
  return { status: 'success', message: t(saved.created ? 'created' : 'saved', { name: saved.method.name }) };
});

const createApiKeySchema = z.object({
  name: z.string().trim().min(1, fieldMessage('apiKeyNameRequired')).max(80, fieldMessage('tooLong', { max: 80 })),
});

/** Create API key (staff only): the secret is shown once, in this answer, and never stored in clear. */
export const createApiKeyAction = staffAction.input(createApiKeySchema).run<{ apiKey: string; secretKey: string }>(
  async (form, { db, viewer }) => {
    const created = await createApiKeyForStaff(db, form.name, viewer.id);
    revalidatePath('/admin/settings');
    const t = await getTranslations('admin.apiKeys');
    return {
      status: 'success',
      message: t('createdMessage', { name: created.name }),
      apiKey: created.apiKey,
      secretKey: created.secretKey,
    };
  },
);

const revokeApiKeySchema = z.object({ apiKey: z.string().min(1).max(100) });

/** Revoke API key (staff only): requests signed with it are refused from now on. */
export const revokeApiKeyAction = staffAction.input(revokeApiKeySchema).run(async (form, { db, viewer }) => {
  const revoked = await revokeApiKeyForStaff(db, form.apiKey, viewer.id);
  revalidatePath('/admin/settings');
  const t = await getTranslations('admin.apiKeys');
  return revoked
    ? { status: 'success', message: t('revokedMessage', { apiKey: form.apiKey }) }
    : { status: 'error', message: t('alreadyRevoked') };
});
