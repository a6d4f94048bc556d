import Link from 'next/link';

export type HeaderViewer = { name: string; role: 'customer' | 'staff' } | null;

/** The shop's header: who is signed in and where they can go. */
export function SiteHeader({
  viewer,
  cartCount,
  signOutAction,
}: {
  viewer: HeaderViewer;
  cartCount: number;
  signOutAction: () => Promise<void>;
}) {
  const link = 'rounded-md px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900';
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-brand-900">
          <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" />
          Coffer
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
          <Link href="/" className={link}>
            Shop
          </Link>
          <Link href="/cart" className={link}>
            Cart{cartCount > 0 ? ` (${cartCount})` : ''}
          </Link>
          {viewer ? (
            <>
              <Link href="/my/wallet" className={link}>
                Wallet
              </Link>
              <Link href="/my" className={link}>
                My Account
              </Link>
              {viewer.role === 'staff' ? (
                <Link href="/admin" className={link}>
                  Backend
                </Link>
              ) : null}
              <span className="px-2 text-sm text-stone-500" data-testid="signed-in-as">
                {viewer.name}
              </span>
              <form action={signOutAction}>
                <button type="submit" className={link}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/sign-in" className={link}>
                Sign in
              </Link>
              <Link href="/register" className={link}>
                Register
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
