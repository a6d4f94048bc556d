import { NextResponse } from 'next/server';
import { getDatabase } from '@/db';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';

/** Stripe's signed events. The signature is checked on the raw body before anything happens. */
export async function POST(request: Request) {
  if (!stripeEnabled()) return NextResponse.json({ error: 'Stripe is not configured.' }, { status: 404 });
  const rawBody = await request.text();
  try {
    const outcome = await handleStripeWebhook(getDatabase(), rawBody, request.headers.get('stripe-signature'));
    return NextResponse.json({ message: outcome.message }, { status: outcome.status });
  } catch {
    // Stripe retries a failed delivery; the event id is only stored once it is applied.
    return NextResponse.json({ error: 'Could not process the event.' }, { status: 500 });
  }
}
