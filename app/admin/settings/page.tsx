import type { Metadata } from 'next';
import { SettingsForm } from '@/components/admin/settings-form';
import { PageHeading } from '@/components/ui/page-heading';
import { paymentMethodLabels } from '@/lib/checkout/labels';
import { toDecimalString } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { paymentMethodFields } from '@/lib/validations/admin';
import { requireStaff } from '../../_server/session';
import { saveSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireStaff('/admin/settings');
  const settings = getSettings();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Settings" />
      <p className="max-w-2xl rounded-md border border-stone-200 bg-stone-100 px-4 py-3 text-sm" data-testid="shop-currency">
        <span className="font-medium">Shop currency: {settings.currency}</span> (read-only: it is set on the server by the{' '}
        <code>SHOP_CURRENCY</code> environment variable, not here).
      </p>
      <SettingsForm
        action={saveSettingsAction}
        currency={settings.currency}
        current={{
          automaticInvoice: settings.automaticInvoice,
          methods: paymentMethodFields.map(({ method, field }) => ({
            field,
            label: paymentMethodLabels[method],
            enabled: settings.enabledPaymentMethods.includes(method),
          })),
          minTopUp: toDecimalString(settings.minTopUp, settings.currency),
          maxTopUp: toDecimalString(settings.maxTopUp, settings.currency),
          bankAccountHolder: settings.bankAccountHolder,
          bankIban: settings.bankIban,
          bankName: settings.bankName,
          holdMinutes: settings.holdMinutes,
        }}
      />
    </div>
  );
}
