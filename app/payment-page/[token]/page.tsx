import crypto from 'node:crypto';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getShopperFormat, typedAmount } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { getWalletSpendable } from '@/lib/ledger';
import { toDecimalString } from '@/lib/money';
import { callbackUrlOf, findPaymentOnPage, findPaymentPage, pageItemsOf, pageMethodsOf } from '@/lib/payment-pages/pages';
import { inFlightOn } from '@/lib/payment-pages/pay';
import { peekCheckoutSession } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { getSettings } from '@/lib/settings';
import { currentViewer } from '../../_server/session';
import { cancelCardPaymentAction, checkCardPaymentAction, payByCardAction, payFromWalletAction } from './actions';
import { CardForm, PaymentButton, ReturnToShop, WalletForm, type AmountField } from './forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('paymentPage');
  return { title: t('metaTitle'), robots: { index: false } };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/**
 * The hosted payment page a merchant opens through the API (checkout form, deposit, multi
 * payment): public by its unguessable token, as the platform's own page is. Reading it moves
 * nothing; paying is a POST (./actions.ts).
 */
export default async function PaymentPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ payment?: string }> }) {
  const [{ token }, { payment: reference }] = await Promise.all([params, searchParams]);
  const db = getDatabase();
  const view = await findPaymentPage(db.read, token);
  if (!view) notFound();
  const { page } = view;
  const [t, format, settings, viewer, shown, inFlight] = await Promise.all([
    getTranslations('paymentPage'),
    getShopperFormat(),
    getSettings(db.read),
    currentViewer(),
    typeof reference === 'string' ? findPaymentOnPage(db.read, token, reference) : Promise.resolve(undefined),
    inFlightOn(db.read, page.id),
  ]);
  const money = (amount: number) => format.money(amount, page.currency);
  const shop = settings.shopName;
  const returnHref = callbackUrlOf(page);
  const items = pageItemsOf(page);

  const summary = (
    <Section title={t('summary.items')}>
      {items.length > 0 ? (
        <ul className="mb-3 divide-y divide-stone-100 text-sm">
          {items.map((item, index) => (
            <li key={`${item.externalId ?? ''}-${index}`} className="flex justify-between gap-4 py-2">
              <span className="min-w-0 break-words">{item.name ?? item.externalId ?? t('summary.item')}</span>
              <span className="shrink-0 tabular-nums">{money(item.price)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t('summary.total')}</dt>
        <dd className="text-right font-semibold tabular-nums">{money(page.paidPrice)}</dd>
        {page.kind === 'multi' ? (
          <>
            <dt>{t('summary.paid')}</dt>
            <dd className="text-right tabular-nums">{money(view.paid)}</dd>
            <dt className="font-medium">{t('summary.remaining')}</dt>
            <dd className="text-right font-semibold tabular-nums">{money(view.remaining)}</dd>
          </>
        ) : null}
      </dl>
    </Section>
  );

  // The outcome of a payment just made here (?payment=<reference>, after paying or coming back from Stripe).
  let notice: React.ReactNode = null;
  if (shown) {
    if (shown.state === 'done') {
      notice = (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {t('result.received', { reference: shown.reference, amount: money(shown.amount) })}
        </p>
      );
    } else if (shown.provider === 'stripe' && (shown.state === 'pending' || shown.state === 'authorized')) {
      const session = stripeEnabled() ? await peekCheckoutSession(shown) : { status: 'unknown' as const, url: null };
      notice = (
        <Section title={t('result.pendingHeading')}>
          <p className="mb-3 text-sm text-stone-700">{t('result.pendingText', { reference: shown.reference, amount: money(shown.amount) })}</p>
          <div className="flex flex-wrap gap-3">
            {session.url ? (
              <a href={session.url} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {t('result.continueCard')}
              </a>
            ) : null}
            <PaymentButton action={checkCardPaymentAction} token={page.token} reference={shown.reference} label={t('result.check')} pendingLabel={t('result.checking')} variant="secondary" />
            <PaymentButton action={cancelCardPaymentAction} token={page.token} reference={shown.reference} label={t('result.cancelCard')} variant="secondary" />
          </div>
        </Section>
      );
    } else {
      notice = (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('result.notCompleted', { reference: shown.reference })}
        </p>
      );
    }
  }

  const heading = <h1 className="text-2xl font-semibold break-words">{t(`heading.${page.kind}`, { shop })}</h1>;

  if (view.state !== 'open') {
    const completed = view.state === 'completed';
    return (
      <div className="mx-auto flex max-w-lg flex-col gap-4">
        {heading}
        {notice && shown?.state === 'done' ? null : notice}
        <Section title={completed ? t('result.completedHeading') : t('result.expiredHeading')}>
          <p className="mb-4 text-sm text-stone-700">{completed ? t('result.completedText', { shop, amount: money(view.paid) }) : t('result.expiredText')}</p>
          <ReturnToShop href={returnHref} automatic={completed} />
        </Section>
        {summary}
      </div>
    );
  }

  const methods = pageMethodsOf(page);
  const cardOffered = methods.includes('CARD') && settings.enabledPaymentMethods.includes('card');
  const walletOffered = methods.includes('WALLET') && page.kind !== 'deposit' && page.buyerId !== null;
  const isBuyer = viewer !== null && viewer.id === page.buyerId;
  // A deposit page naming no member (a top-up link) tops up the wallet of the signed-in customer paying it (lib/payment-pages depositWalletOf).
  const topUpLink = page.kind === 'deposit' && page.buyerId === null;
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(`/payment-page/${encodeURIComponent(page.token)}`)}`;
  const payable = Math.max(view.remaining - inFlight.amount, 0);
  const paymentsLeft = page.kind === 'multi' && page.maxPayments !== null ? Math.max(page.maxPayments - view.successfulPayments - inFlight.count, 0) : null;
  const lastPayment = paymentsLeft === 1;
  const amountField: AmountField =
    page.kind === 'multi'
      ? {
          defaultValue: typedAmount(toDecimalString(payable, page.currency), format.locale),
          readOnly: lastPayment,
          hint: lastPayment ? t('amount.lastHint', { max: money(payable) }) : t('amount.hint', { max: money(payable), example: typedAmount(toDecimalString(Math.min(payable, 1000), page.currency), format.locale) }),
        }
      : null;
  const spendable = walletOffered && isBuyer ? await getWalletSpendable(db.read, { wallet: page.buyerId ?? 0, currency: page.currency }) : null;
  // A fresh key per page view: a double submit of one form pays once; a new view is a new attempt.
  const attemptKey = () => crypto.randomUUID();

  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4">
      {heading}
      <p className="text-sm text-stone-600">{t('summary.openUntil', { time: format.dateTime(page.expiresAt) })}</p>
      {notice}
      {summary}
      {paymentsLeft !== null ? <p className="text-sm text-stone-600">{t('summary.paymentsLeft', { count: paymentsLeft })}</p> : null}
      {inFlight.count > 0 && !shown ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('refused.in_progress')}
        </p>
      ) : null}
      {payable > 0 && cardOffered ? (
        <Section title={t('card.heading')}>
          {!topUpLink ? (
            <CardForm action={payByCardAction} token={page.token} attemptKey={attemptKey()} amount={amountField} demo={!stripeEnabled()} />
          ) : viewer === null ? (
            <>
              <p className="mb-3 text-sm text-stone-700">{t('deposit.signInText')}</p>
              <a href={signInHref} className="text-sm font-medium text-brand-700 underline">
                {t('deposit.signIn')}
              </a>
            </>
          ) : viewer.role !== 'customer' ? (
            <p className="text-sm text-stone-700">{t('refused.not_customer')}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-stone-700">{t('deposit.toYourWallet', { email: viewer.email })}</p>
              <CardForm action={payByCardAction} token={page.token} attemptKey={attemptKey()} amount={amountField} demo={!stripeEnabled()} />
            </>
          )}
        </Section>
      ) : null}
      {payable > 0 && walletOffered ? (
        <Section title={t('wallet.heading')}>
          {isBuyer ? (
            <>
              <p className="mb-3 text-sm text-stone-700">{t('wallet.spendable', { amount: money(spendable ?? 0) })}</p>
              <WalletForm action={payFromWalletAction} token={page.token} attemptKey={attemptKey()} amount={amountField} />
            </>
          ) : viewer ? (
            <p className="text-sm text-stone-700">{t('wallet.otherAccount')}</p>
          ) : (
            <a href={signInHref} className="text-sm font-medium text-brand-700 underline">
              {t('wallet.signIn')}
            </a>
          )}
        </Section>
      ) : null}
      {!cardOffered && !walletOffered ? <p className="text-sm text-stone-700">{t('nothingOffered')}</p> : null}
      <a href={returnHref} className="w-fit text-sm text-stone-600 underline">
        {t('result.cancelAndReturn')}
      </a>
    </div>
  );
}
