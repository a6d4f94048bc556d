import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch';

export type HeaderViewer = { name: string; role: 'customer' | 'staff' } | null;

/** The shop's header: who is signed in and where they can go. */
export async function SiteHeader({
  viewer,
  cartCount,
  signOutAction,
  chooseLanguageAction,
}: {
  viewer: HeaderViewer;
  cartCount: number;
  signOutAction: () => Promise<void>;
  chooseLanguageAction: (formData: FormData) => Promise<void>;
}) {
  const t = await getTranslations('nav');
  const link = 'rounded-md px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900';
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-brand-900">
          <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" />
          {t('home')}
        </Link>
        <nav aria-label={t('main')} className="flex flex-wrap items-center gap-1">
          <Link href="/" className={link}>
            {t('shop')}
          </Link>
          <Link href="/cart" className={link}>
            {cartCount > 0 ? t('cartWithCount', { count: cartCount }) : t('cart')}
          </Link>
          {viewer ? (
            <>
              <Link href="/my/wallet" className={link}>
                {t('wallet')}
              </Link>
              <Link href="/my" className={link}>
                {t('myAccount')}
              </Link>
              {viewer.role === 'staff' ? (
                <Link href="/admin" className={link}>
                  {t('backend')}
                </Link>
              ) : null}
              <span className="px-2 text-sm text-stone-500" data-testid="signed-in-as">
                {viewer.name}
              </span>
              <form action={signOutAction}>
                <button type="submit" className={link}>
                  {t('signOut')}
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/sign-in" className={link}>
                {t('signIn')}
              </Link>
              <Link href="/register" className={link}>
                {t('register')}
              </Link>
            </>
          )}
        </nav>
        <LanguageSwitch chooseAction={chooseLanguageAction} />
      </div>
    </header>
  );
}
