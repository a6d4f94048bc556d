import { NextResponse, type NextRequest } from 'next/server';
import { getDatabase } from '@/db';
import { shopUrl } from '@/lib/config';
import { findOwnPayment } from '@/lib/payments/records';
import { currentViewer } from '../../../_server/session';

/**
 * Where Stripe Checkout sends the shopper back. A GET moves no money: this only sends the shopper
 * to the payment's page, which reads what Stripe says and shows it at once. The money lands through
 * the webhook, the reconcile job (lib/jobs) or the page's "Check now" button (a POST); Stripe's
 * cancel link leads to the same page, where cancelling is a button (a POST) too — a link anyone can
 * make a browser follow must not expire a shopper's payment.
 * Redirects go to APP_URL: the request's own origin is the server's (localhost under `next start`).
 */
export async function GET(request: NextRequest) {
  const viewer = await currentViewer();
  const reference = request.nextUrl.searchParams.get('payment') ?? '';
  if (!viewer) {
    const signIn = shopUrl('/sign-in');
    signIn.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  const payment = await findOwnPayment(getDatabase().read, viewer.id, reference);
  if (!payment) return NextResponse.redirect(shopUrl('/my/wallet'));
  const outcomePage = shopUrl(`/payments/${payment.reference}`);
  // Only a Stripe payment comes back from Stripe's page; any other just shows its page.
  if (payment.provider === 'stripe' && request.nextUrl.searchParams.get('canceled') === '1') outcomePage.searchParams.set('left', '1');
  return NextResponse.redirect(outcomePage);
}
