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
  // 44 px tap targets; on a phone the links wrap under the name and the language switch.
  const link = 'inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900';
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2 md:py-3">
        <Link href="/" className="flex min-h-11 items-center gap-2 text-lg font-semibold text-brand-900">
          <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" />
          {t('home')}
        </Link>
        <nav aria-label={t('main')} className="flex flex-wrap items-center max-md:order-last max-md:-mx-3 max-md:w-[calc(100%+1.5rem)] md:gap-1">
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
              <span className="px-3 text-sm text-stone-600" data-testid="signed-in-as">
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
