import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { LowBalanceForm } from '@/components/account/low-balance-form';
import { DeleteAddressForm, EmailForm, LanguageForm, NameForm, PasswordForm } from '@/components/account/profile-forms';
import { PageHeading } from '@/components/ui/page-heading';
import { getProfile } from '@/lib/accounts/profile';
import { appConfig } from '@/lib/config';
import { countryName } from '@/lib/delivery/countries';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { getLowBalanceThreshold } from '@/lib/notifications/low-balance';
import { requireViewer } from '../../_server/session';
import { changePasswordAction, deleteAddressAction, requestEmailChangeAction, saveLanguageAction, updateNameAction } from './actions';
import { saveLowBalanceAction } from './low-balance-action';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.profile');
  return { title: t('title') };
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-title`} className="text-lg font-medium">
        {title}
      </h2>
      {intro ? <p className="text-sm text-stone-600">{intro}</p> : null}
      {children}
    </section>
  );
}

/** My Account > Profile: the signed-in user's name, email, password, saved addresses and language. */
export default async function ProfilePage() {
  const viewer = await requireViewer('/my/account');
  const db = getDatabase();
  const [profile, threshold, t, tMail, format, requestLocale] = await Promise.all([
    getProfile(db.read, viewer.id),
    getLowBalanceThreshold(db.read, viewer.id),
    getTranslations('account.profile'),
    getTranslations('mail.lowBalanceSetting'),
    getFormatter(),
    getLocale(),
  ]);
  if (!profile) notFound();
  const locale = isLocale(requestLocale) ? requestLocale : 'en';
  const moment = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/my" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </div>
      <PageHeading title={t('title')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="name" title={t('name.title')}>
          <NameForm action={updateNameAction} name={profile.name} />
        </Section>

        <Section id="email" title={t('email.title')}>
          <p className="text-sm text-stone-600">{t('email.current', { email: profile.email })}</p>
          {profile.pendingEmail ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t('email.pending', { email: profile.pendingEmail.newEmail, current: profile.email, date: moment(profile.pendingEmail.expiresAt) })}
            </p>
          ) : null}
          <EmailForm action={requestEmailChangeAction} />
        </Section>

        <Section id="password" title={t('password.title')} intro={t('password.intro')}>
          <PasswordForm action={changePasswordAction} />
        </Section>

        <Section id="language" title={t('language.title')} intro={t('language.intro')}>
          <LanguageForm action={saveLanguageAction} current={profile.locale ?? locale} />
        </Section>

        <Section id="low-balance" title={tMail('title')}>
          <LowBalanceForm action={saveLowBalanceAction} threshold={threshold} currency={appConfig().shopCurrency} />
        </Section>

        <Section id="addresses" title={t('addresses.title')} intro={t('addresses.intro')}>
          {profile.addresses.length === 0 ? (
            <p className="text-sm text-stone-500">{t('addresses.empty')}</p>
          ) : (
            <ul aria-label={t('addresses.caption')} className="flex flex-col divide-y divide-stone-100">
              {profile.addresses.map((address) => (
                <li key={address.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <address className="min-w-0 break-words text-sm not-italic text-stone-700">
                    <span className="font-medium text-stone-900">{address.fullName}</span>
                    <br />
                    {address.address}
                    <br />
                    {address.postalCode} {address.city}, {countryName(address.country, intlLocale(locale))}
                    <br />
                    {address.phone}
                  </address>
                  <DeleteAddressForm
                    action={deleteAddressAction}
                    addressId={address.id}
                    label={t('addresses.deleteLabel', { address: address.address, city: address.city })}
                  />
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </div>
  );
}
