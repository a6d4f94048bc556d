import type { Metadata } from 'next';
import { CreateApiKeyForm, RevokeApiKeyForm } from '@/components/admin/api-keys';
import { formatDateTime } from '@/components/admin/format';
import { SettingsForm } from '@/components/admin/settings-form';
import { PageHeading } from '@/components/ui/page-heading';
import { paymentMethodLabels } from '@/lib/checkout/labels';
import { toDecimalString } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { paymentMethodFields } from '@/lib/validations/admin';
import { requireStaff } from '../../_server/session';
import { listApiKeysForSettings } from '@/lib/admin/api-keys';
import { createApiKeyAction, revokeApiKeyAction, saveSettingsAction } from './actions';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireStaff('/admin/settings');
  const settings = await getSettings(getDatabase().read);
  const apiKeys = await listApiKeysForSettings(getDatabase().read);
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
          maxWalletBalance: toDecimalString(settings.maxWalletBalance, settings.currency),
          bankAccountHolder: settings.bankAccountHolder,
          bankIban: settings.bankIban,
          bankName: settings.bankName,
          holdMinutes: settings.holdMinutes,
        }}
      />
      <section aria-labelledby="api-keys-heading" className="mt-6 flex max-w-3xl flex-col gap-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="api-keys-heading" className="text-lg font-medium">
          API keys
        </h2>
        <p className="text-sm text-stone-600">
          Keys for the wallet API at <code>/api/craftgate</code> (the Craftgate clients work with it). Each key acts in
          your name in the audit log.
        </p>
        <CreateApiKeyForm action={createApiKeyAction} />
        {apiKeys.length > 0 ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">API keys</caption>
            <thead className="text-xs uppercase tracking-wide text-stone-500">
              <tr>
                <th scope="col" className="py-2">Name</th>
                <th scope="col">API key</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {apiKeys.map((key) => (
                <tr key={key.id}>
                  <td className="py-2">{key.name}</td>
                  <td className="font-mono text-xs">{key.apiKey}</td>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>{key.revokedAt ? 'Revoked' : <RevokeApiKeyForm action={revokeApiKeyAction} apiKey={key.apiKey} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
