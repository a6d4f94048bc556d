import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { CreateApiKeyForm, RevokeApiKeyForm } from '@/components/admin/api-keys';
import { getStaffFormat } from '@/components/admin/format-server';
import { SettingsForm, ShippingMethodsSection } from '@/components/admin/settings-form';
import { Cell, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { PageHeading } from '@/components/ui/page-heading';
import { listShippingMethods } from '@/lib/delivery/shipping-methods';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney, toInputString } from '@/lib/money';
import { rateToPercentText } from '@/lib/orders/tax';
import { getSettings } from '@/lib/settings';
import { paymentMethodFields } from '@/lib/validations/admin';
import { requireStaff } from '../../_server/session';
import { listApiKeysForSettings } from '@/lib/admin/api-keys';
import { createApiKeyAction, revokeApiKeyAction, saveSettingsAction, saveShippingMethodAction } from './actions';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.settings');
  return { title: t('title') };
}

export default async function SettingsPage() {
  await requireStaff('/admin/settings');
  const settings = await getSettings(getDatabase().read);
  const [apiKeys, shipping, locale, t, keys, methodName, methodWords, format] = await Promise.all([
    listApiKeysForSettings(getDatabase().read),
    listShippingMethods(getDatabase().read, { activeOnly: false, currency: settings.currency }),
    getLocale(),
    getTranslations('admin.settings'),
    getTranslations('admin.apiKeys'),
    getTranslations('statuses.paymentMethod'),
    getTranslations('delivery.methods'),
    getStaffFormat(),
  ]);
  const readerLocale = intlLocale(isLocale(locale) ? locale : 'en');
  const money = (amount: number) => formatMoney(amount, settings.currency, readerLocale);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <p className="max-w-2xl rounded-md border border-stone-200 bg-stone-100 px-4 py-3 text-sm" data-testid="shop-currency">
        {t.rich('currency', {
          currency: settings.currency,
          strong: (chunks) => <span className="font-medium">{chunks}</span>,
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
      <SettingsForm
        action={saveSettingsAction}
        currency={settings.currency}
        current={{
          automaticInvoice: settings.automaticInvoice,
          methods: paymentMethodFields.map(({ method, field }) => ({
            field,
            label: methodName(method),
            enabled: settings.enabledPaymentMethods.includes(method),
          })),
          minTopUp: toInputString(settings.minTopUp, settings.currency, locale),
          maxTopUp: toInputString(settings.maxTopUp, settings.currency, locale),
          maxWalletBalance: toInputString(settings.maxWalletBalance, settings.currency, locale),
          bankAccountHolder: settings.bankAccountHolder,
          bankIban: settings.bankIban,
          bankName: settings.bankName,
          holdMinutes: settings.holdMinutes,
          timeZone: settings.timeZone,
          pricesIncludeTax: settings.pricesIncludeTax,
          defaultTaxRate: rateToPercentText(settings.defaultTaxRateBp, locale === 'tr' ? ',' : '.'),
          shopName: settings.shopName,
          shopAddress: settings.shopAddress,
          shopTaxNumber: settings.shopTaxNumber,
          abandonedOrderMinutes: settings.abandonedOrderMinutes,
          withdrawalsEnabled: settings.withdrawalsEnabled,
        }}
      />
      <ShippingMethodsSection
        action={saveShippingMethodAction}
        currency={settings.currency}
        methods={shipping.map((method) => ({
          id: method.id,
          name: method.name,
          kind: method.kind,
          price: toInputString(method.priceMinor, settings.currency, locale),
          freeAbove: method.freeAboveMinor === null ? '' : toInputString(method.freeAboveMinor, settings.currency, locale),
          active: method.active,
          priceLabel: method.priceMinor === 0 ? methodWords('free') : money(method.priceMinor),
          freeAboveLabel: method.freeAboveMinor === null ? null : money(method.freeAboveMinor),
        }))}
      />
      <section aria-labelledby="api-keys-heading" className="mt-6 flex max-w-3xl flex-col gap-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="api-keys-heading" className="text-lg font-medium">
          {keys('title')}
        </h2>
        <p className="text-sm text-stone-600">{keys.rich('intro', { code: (chunks) => <code>{chunks}</code> })}</p>
        <CreateApiKeyForm action={createApiKeyAction} />
        {apiKeys.length > 0 ? (
          <Table caption={keys('caption')} bare>
            <TableHead bare>
              <HeaderCell className="py-2">{keys('name')}</HeaderCell>
              <HeaderCell className="py-2">{keys('apiKey')}</HeaderCell>
              <HeaderCell className="py-2">{keys('created')}</HeaderCell>
              <HeaderCell className="py-2">{keys('status')}</HeaderCell>
            </TableHead>
            <TableBody>
              {apiKeys.map((key) => (
                <Row key={key.id}>
                  <Cell wide className="py-2 font-medium sm:font-normal">
                    {key.name}
                  </Cell>
                  <Cell label={keys('apiKey')} className="py-2 font-mono text-xs">
                    {key.apiKey}
                  </Cell>
                  <Cell label={keys('created')} className="py-2">
                    {format.dateTime(key.createdAt)}
                  </Cell>
                  <Cell label={keys('status')} className="py-2">
                    {key.revokedAt ? keys('revoked') : <RevokeApiKeyForm action={revokeApiKeyAction} apiKey={key.apiKey} keyName={key.name} />}
                  </Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </section>
    </div>
  );
}
