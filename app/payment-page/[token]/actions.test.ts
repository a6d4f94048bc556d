import crypto from 'node:crypto';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { describe, expect, it, vi } from 'vitest';
import { loadMessages } from '@/app/_i18n/messages';
import { getDatabase } from '@/db';
import { getBalance } from '@/lib/ledger';
import { findPaymentPage } from '@/lib/payment-pages/pages';
import { openTestPage, testApiKey } from '@/lib/payment-pages/test-helpers';
import { fundTestWallet } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

// The hosted page's actions and page as a browser reaches them; who is asking is set per test.
vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { payByCardAction, payFromWalletAction, checkCardPaymentAction } = await import('./actions');
const { default: PaymentPage } = await import('./page');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const { apiKeyId } = await testApiKey(db);
const buyer = await insertTestUser(db);
const stranger = await insertTestUser(db);
await fundTestWallet(db, buyer.id, 10_000);
await fundTestWallet(db, stranger.id, 10_000);

const as = (user: { id: number; name: string; email: string } | null) => {
  fakeRequest.viewer = user ? { ...user, role: 'customer' } : null;
};
function form(fields: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.set(key, value);
  return data;
}
const card = { cardHolderName: 'Ada Lovelace', cardNumber: '4242 4242 4242 4242', expiry: '12/44', cvc: '123' };
const walletOf = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;
const redirectTo = (path: string) => new RegExp(`^NEXT_REDIRECT;${path.replace(/[?]/g, '\\?')}`);

async function html(token: string, payment?: string): Promise<string> {
  const page = (await PaymentPage({ params: Promise.resolve({ token }), searchParams: Promise.resolve(payment ? { payment } : {}) })) as ReactElement;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: await loadMessages('en'), timeZone: 'UTC', children: page }));
}

describe('the hosted payment page', () => {
  it('pays a checkout by Demo card as a visitor, once per attempt, and then shows the way back to the shop', async () => {
    as(null);
    const page = await openTestPage(db, apiKeyId, { paidPrice: 3000 });
    const before = await html(page.token);
    expect(before).toContain('Pay Coffer Shop Ltd');
    expect(before).toContain('Mug');
    expect(before).toContain('$30.00');
    expect(before).toContain('Pay by card');
    expect(before).not.toContain('Sign in to pay from your wallet'); // no buyer: no wallet
    expect(before).toContain('href="https://merchant.example/return?order=42&amp;token=');

    const attemptKey = crypto.randomUUID();
    const data = form({ token: page.token, attemptKey, ...card });
    await expect(payByCardAction(idle, data)).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    await expect(payByCardAction(idle, data)).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    const view = await findPaymentPage(db.read, page.token);
    expect(view).toMatchObject({ state: 'completed', paid: 3000, successfulPayments: 1 });
    expect(view?.paymentIds).toHaveLength(1);

    const after = await html(page.token);
    expect(after).toContain('Payment complete');
    expect(after).toContain('Return to the shop');
    expect(after).not.toContain('Pay by card');
  });

  it('keeps a declined card beside the form, never echoing the number, the page open, and the next card a new attempt', async () => {
    as(null);
    const page = await openTestPage(db, apiKeyId);
    const firstKey = crypto.randomUUID();
    const answer = await payByCardAction(idle, form({ token: page.token, attemptKey: firstKey, ...card, cardNumber: '4000 0000 0000 0002' }));
    expect(answer).toMatchObject({ status: 'error', message: 'The card was declined. Nothing was charged: try another card.' });
    expect(JSON.stringify(answer)).not.toContain('4000');
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paymentIds: [expect.any(Number)] });
    const invalid = await payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), ...card, cardNumber: '1234' }));
    expect(invalid).toMatchObject({ status: 'error', fieldErrors: { cardNumber: expect.arrayContaining(['Enter the 12 to 19 digits of the card number.']) } });
    // The declined attempt is spent: sent again with its key, it answers the same decline, whatever the card…
    expect(await payByCardAction(idle, form({ token: page.token, attemptKey: firstKey, ...card }))).toMatchObject({ status: 'error', message: 'The card was declined. Nothing was charged: try another card.' });
    // …so the answer gives the form a new key, and the next card, sent with it, pays.
    const nextKey = answer.status === 'error' ? answer.values?.attemptKey : undefined;
    expect(nextKey).toEqual(expect.any(String));
    expect(nextKey).not.toBe(firstKey);
    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: nextKey, ...card }))).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paymentIds: [expect.any(Number), expect.any(Number)] });
  });

  it('lets only the signed-in buyer pay from the wallet; others are told to sign in as the buyer', async () => {
    const page = await openTestPage(db, apiKeyId, { buyerId: buyer.id, paidPrice: 2500 });
    as(null);
    expect(await html(page.token)).toContain('Sign in to pay from your wallet');
    await expect(payFromWalletAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).resolves.toMatchObject({ status: 'error', code: 'SESSION_ENDED' });
    as(stranger);
    expect(await html(page.token)).toContain('for another account');
    expect(await payFromWalletAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', code: 'not_buyer' });
    expect(await walletOf(stranger.id)).toBe(10_000);
    as(buyer);
    expect(await html(page.token)).toContain('You can spend $100.00 from your wallet.');
    await expect(payFromWalletAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await walletOf(buyer.id)).toBe(7_500);
  });

  it('a deposit page naming no member asks a visitor to sign in, refuses staff, and tops up the signed-in customer’s wallet', async () => {
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 2000 });
    const pay = () => payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), ...card }));
    as(null);
    const signedOut = await html(page.token);
    expect(signedOut).toContain('Sign in to add money to your wallet');
    expect(signedOut).toContain(`href="/sign-in?callbackUrl=${encodeURIComponent(`/payment-page/${page.token}`)}"`);
    expect(signedOut).not.toContain('Pay by card');
    expect(await pay()).toMatchObject({ status: 'error', code: 'no_buyer', message: 'Sign in first: the money goes to the wallet of the account you sign in with.' });

    const staff = await insertTestUser(db, 'staff');
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const asStaff = await html(page.token);
    expect(asStaff).toContain('A deposit adds money to a customer&#x27;s wallet.');
    expect(asStaff).not.toContain('Pay by card');
    expect(await pay()).toMatchObject({ status: 'error', code: 'not_customer' });
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paymentIds: [] });

    const shopper = await insertTestUser(db);
    as(shopper);
    const asShopper = await html(page.token);
    expect(asShopper).toContain(`The money goes to the wallet of ${shopper.email}.`);
    expect(asShopper).toContain('Pay by card');
    await expect(pay()).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await walletOf(shopper.id)).toBe(2000);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 2000 });
    // One deposit per page: the next shopper is told it is closed.
    as(stranger);
    expect(await pay()).toMatchObject({ status: 'error', code: 'closed' });
    expect(await walletOf(stranger.id)).toBe(10_000);
  });

  it('a deposit page naming a member is paid by card by anyone holding the link, into that member’s wallet', async () => {
    const member = await insertTestUser(db);
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1200, buyerId: member.id });
    as(null);
    expect(await html(page.token)).toContain('Pay by card');
    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), ...card }))).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await walletOf(member.id)).toBe(1200);
  });

  it('takes a multi payment in parts, the amount checked against what is left', async () => {
    as(buyer);
    const page = await openTestPage(db, apiKeyId, { kind: 'multi', buyerId: buyer.id, paidPrice: 3000, maxPayments: 3 });
    expect(await html(page.token)).toContain('Left to pay');
    expect(await payFromWalletAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), amount: '30.01' }))).toMatchObject({
      status: 'error',
      fieldErrors: { amount: ['Enter an amount from $0.01 to $30.00.'] },
    });
    expect(await payFromWalletAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), amount: 'abc' }))).toMatchObject({ status: 'error', fieldErrors: { amount: [expect.any(String)] } });
    await expect(payFromWalletAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), amount: '10.00' }))).rejects.toThrow(/NEXT_REDIRECT/);
    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), amount: '5.00', ...card }))).rejects.toThrow(/NEXT_REDIRECT/);
    const open = await html(page.token);
    expect(open).toContain('$15.00');
    expect(open).toContain('1 more payment allowed');
    expect(open).toContain('This is the last payment allowed');
    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), amount: '15.00', ...card }))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 3000, successfulPayments: 3 });
  });

  it('shows an expired page as expired, with the way back, and refuses to pay', async () => {
    as(null);
    const page = await openTestPage(db, apiKeyId);
    const { expirePaymentPage } = await import('@/lib/payment-pages/pages');
    await db.write((tx) => expirePaymentPage(tx, page.token));
    const shown = await html(page.token);
    expect(shown).toContain('This payment page has expired');
    expect(shown).toContain('Return to the shop');
    expect(await payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID(), ...card }))).toMatchObject({ status: 'error', code: 'closed' });
  });

  it('answers an unknown token with the not-found page', async () => {
    await expect(html('no-such-token')).rejects.toThrow('NEXT_HTTP_ERROR_FALLBACK;404');
    await expect(checkCardPaymentAction(idle, form({ token: 'no-such-token', reference: 'X' }))).rejects.toThrow(/NEXT_REDIRECT/);
  });
});
