import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeading } from '@/components/ui/page-heading';
import { getShopperFormat, typedAmount } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { getBalance } from '@/lib/ledger';
import { currencyExponent, toDecimalString } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { requireViewer } from '../../../_server/session';
import { cancelWithdrawalAction, requestWithdrawalAction } from './actions';
import { MemberWithdrawals } from './member-withdrawals';
import { memberWithdrawalRows } from './pending-withdrawals';
import { WithdrawForm } from './withdraw-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('payouts.member');
  return { title: t('title') };
}

/**
 * Withdraw (from My Wallet): the member asks for money to their bank account by IBAN, when Settings
 * allow it; below, their withdrawals, a waiting one with Cancel (also when the form is off: the
 * merchant's system may have asked for one).
 */
export default async function WithdrawPage() {
  const viewer = await requireViewer('/my/wallet/withdraw');
  const q = getDatabase().read;
  const settings = await getSettings(q);
  const [balance, rows, t, format] = await Promise.all([
    getBalance(q, { wallet: viewer.id, currency: settings.currency }),
    memberWithdrawalRows(viewer.id),
    getTranslations('payouts.member'),
    getShopperFormat(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')}>
        <Link href="/my/wallet" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      {settings.withdrawalsEnabled ? (
        <section className="flex flex-col gap-4">
          <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
          <p className="text-sm font-medium" data-testid="withdrawable">
            {t('available', { amount: format.money(Math.max(balance.available, 0), settings.currency) })}
          </p>
          <WithdrawForm
            action={requestWithdrawalAction}
            attemptKey={crypto.randomUUID()}
            currency={settings.currency}
            amountExample={typedAmount(toDecimalString(25 * 10 ** currencyExponent(settings.currency), settings.currency), format.locale)}
            defaultHolder={viewer.name}
          />
        </section>
      ) : (
        <p className="max-w-2xl rounded-md border border-stone-200 bg-stone-100 px-4 py-3 text-sm">{t('disabled')}</p>
      )}
      <MemberWithdrawals action={cancelWithdrawalAction} rows={rows} />
    </div>
  );
}
