import { NextResponse, type NextRequest } from 'next/server';
import { shopUrl } from '@/lib/config';
import { findOwnPayment } from '@/lib/payments/records';
import { cancelCheckoutSession, syncCheckoutSession } from '@/lib/payments/stripe';
import { currentViewer } from '../../../_server/session';

/**
 * Where Stripe Checkout sends the shopper back. The session is re-fetched from Stripe and applied
 * exactly as the webhook would (whichever comes first credits, the other changes nothing).
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
  const payment = findOwnPayment(viewer.id, reference);
  if (!payment) return NextResponse.redirect(shopUrl('/my/wallet'));
  const outcomePage = shopUrl(`/payments/${payment.reference}`);
  // Only a Stripe payment comes back from Stripe's page; any other stays as it is.
  if (payment.provider !== 'stripe') return NextResponse.redirect(outcomePage);
  try {
    if (request.nextUrl.searchParams.get('canceled') === '1') await cancelCheckoutSession(payment);
    else if (payment.providerReference) await syncCheckoutSession(payment.providerReference);
  } catch {
    // Stripe is unreachable: the outcome page shows "waiting" and the webhook settles it later.
  }
  return NextResponse.redirect(outcomePage);
}
