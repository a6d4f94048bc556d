import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeading } from '@/components/ui/page-heading';
import { AddMoneyForm } from '@/components/wallet/add-money-form';
import { getShopperFormat, typedAmount } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { currencyExponent, toDecimalString } from '@/lib/money';
import { cardProviderIsDemo } from '@/lib/payments/providers';
import { getSettings, isPaymentMethodEnabled } from '@/lib/settings';
import { safeReturnPath } from '@/lib/validations/return-path';
import { requireViewer } from '../../../_server/session';
import { addMoney } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('wallet.add');
  return { title: t('title') };
}

export default async function AddMoneyPage({
  searchParams,
}: {
  searchParams: Promise<{ amount?: string; return?: string }>;
}) {
  await requireViewer('/my/wallet/add');
  const { amount, return: returnTo } = await searchParams;
  const q = getDatabase().read;
  const settings = await getSettings(q);
  const returnPath = safeReturnPath(returnTo);
  const [t, { locale }] = await Promise.all([getTranslations('wallet.add'), getShopperFormat()]);
  return (
    <div>
      <PageHeading title={t('title')}>
        <Link href="/my/wallet" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <AddMoneyForm
        action={addMoney}
        defaultAmount={typeof amount === 'string' ? typedAmount(amount.slice(0, 40), locale) : ''}
        returnPath={returnPath}
        attemptKey={crypto.randomUUID()}
        currency={settings.currency}
        amountExample={typedAmount(toDecimalString(25 * 10 ** currencyExponent(settings.currency), settings.currency), locale)}
        cardLabel={cardProviderIsDemo() ? t('cardDemo') : t('card')}
        cardEnabled={await isPaymentMethodEnabled(q, 'card')}
        wireEnabled={await isPaymentMethodEnabled(q, 'wire_transfer')}
      />
    </div>
  );
}
