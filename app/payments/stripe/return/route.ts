import { NextResponse, type NextRequest } from 'next/server';
import { closePayment } from '@/lib/payments/complete';
import { findOwnPayment } from '@/lib/payments/records';
import { syncCheckoutSession } from '@/lib/payments/stripe';
import { currentViewer } from '../../../_server/session';

/**
 * Where Stripe Checkout sends the shopper back. The session is re-fetched from Stripe and applied
 * exactly as the webhook would (whichever comes first credits, the other changes nothing).
 */
export async function GET(request: NextRequest) {
  const viewer = await currentViewer();
  const reference = request.nextUrl.searchParams.get('payment') ?? '';
  if (!viewer) {
    const signIn = new URL('/sign-in', request.nextUrl.origin);
    signIn.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  const payment = findOwnPayment(viewer.id, reference);
  if (!payment) return NextResponse.redirect(new URL('/my/wallet', request.nextUrl.origin));
  if (request.nextUrl.searchParams.get('canceled') === '1') {
    // Only a Stripe payment is cancelled from Stripe's page; any other stays as it is.
    if (payment.provider !== 'stripe') return NextResponse.redirect(new URL(`/payments/${payment.reference}`, request.nextUrl.origin));
    closePayment(payment.id, 'canceled', 'You cancelled the card payment.');
  } else if (payment.providerReference) {
    try {
      await syncCheckoutSession(payment.providerReference);
    } catch {
      // Stripe is unreachable: the outcome page shows "waiting" and the webhook completes it later.
    }
  }
  return NextResponse.redirect(new URL(`/payments/${payment.reference}`, request.nextUrl.origin));
}
