import crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { findPaymentPage } from '@/lib/payment-pages/pages';
import { openTestPage, testApiKey } from '@/lib/payment-pages/test-helpers';
import { findPayment } from '@/lib/payments/records';
import { fakeRequest } from '@/test/helpers/fake-next';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';

// The hosted page's card actions in a shop that takes cards through Stripe Checkout (the local
// stand-in). Stripe's configuration is read once per process, hence a file of its own.
vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const stripe = useStripeStandIn('whsec_test_page_actions');
const { payByCardAction, checkCardPaymentAction, cancelCardPaymentAction } = await import('./actions');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const { apiKeyId } = await testApiKey(db);
function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}
const redirectTo = (path: string) => new RegExp(`^NEXT_REDIRECT;${path.replace(/[?]/g, '\\?')}`);

describe('the hosted payment page with Stripe', () => {
  it('the card button goes to Stripe Checkout; Cancel gives the page back; Check now applies what Stripe says, not the browser', async () => {
    fakeRequest.viewer = null;
    const page = await openTestPage(db, apiKeyId, { paidPrice: 2500 });
    const toStripe = new RegExp(`^NEXT_REDIRECT;${stripe.standIn.url.replace(/[.]/g, '\\.')}/pay/`);
    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).rejects.toThrow(toStripe);
    const [first] = (await findPaymentPage(db.read, page.token))?.paymentIds ?? [];
    const firstPayment = first === undefined ? undefined : await findPayment(db.read, first);
    if (!firstPayment?.providerReference) throw new Error('no Stripe session recorded');
    // Check now before paying at Stripe: nothing changes, whatever the browser sends.
    await expect(checkCardPaymentAction(idle, form({ token: page.token, reference: firstPayment.reference }))).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paid: 0 });
    await expect(cancelCardPaymentAction(idle, form({ token: page.token, reference: firstPayment.reference }))).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await findPayment(db.read, firstPayment.id)).toMatchObject({ state: 'canceled' });

    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).rejects.toThrow(toStripe);
    const second = (await findPaymentPage(db.read, page.token))?.paymentIds.at(-1);
    const secondPayment = second === undefined ? undefined : await findPayment(db.read, second);
    if (!secondPayment?.providerReference) throw new Error('no second Stripe session recorded');
    stripe.standIn.payFor(secondPayment.providerReference);
    await expect(checkCardPaymentAction(idle, form({ token: page.token, reference: secondPayment.reference }))).rejects.toThrow(redirectTo(`/payment-page/${page.token}?payment=`));
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 2500, successfulPayments: 1 });
  });

  it('a deposit page naming no member: a visitor is asked to sign in; a signed-in customer goes to Stripe, the payment recorded as theirs', async () => {
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1500 });
    fakeRequest.viewer = null;
    expect(await payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', code: 'no_buyer' });
    const shopper = await insertTestUser(db);
    fakeRequest.viewer = { ...shopper, role: 'customer' };
    await expect(payByCardAction(idle, form({ token: page.token, attemptKey: crypto.randomUUID() }))).rejects.toThrow(new RegExp(`^NEXT_REDIRECT;${stripe.standIn.url.replace(/[.]/g, '\\.')}/pay/`));
    const [id] = (await findPaymentPage(db.read, page.token))?.paymentIds ?? [];
    expect(id === undefined ? undefined : await findPayment(db.read, id)).toMatchObject({ userId: shopper.id, purpose: 'top_up', provider: 'stripe', state: 'pending' });
  });
});
