'use server';

import { revalidatePath } from 'next/cache';
import { saveSettingsForm } from '@/lib/admin/settings';
import { settingsFormSchema } from '@/lib/validations/admin';
import { authorizedAction } from '../../_server/action';

/** Save Settings: Automatic Invoice, payment methods, top-up limits, bank details (staff only). */
export const saveSettingsAction = authorizedAction('staff', settingsFormSchema, async (form, viewer, values) => {
  const saved = saveSettingsForm(form, viewer.id);
  if (saved.status === 'invalid') {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: saved.fieldErrors, values };
  }
  revalidatePath('/', 'layout');
  return { status: 'success', message: 'Settings saved.' };
});
