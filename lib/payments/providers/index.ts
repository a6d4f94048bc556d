// The payment-provider seam: one module per provider behind one interface (./types). Which card
// provider runs (Stripe when its keys are set, Demo otherwise) is decided in ./names, nowhere else.
import type { Database } from '@/db/database';
import type { Payment, PaymentProvider as PaymentProviderName } from '@/db/schema';
import { paymentPagePath } from '../paths';
import { cashProvider } from './cash';
import { demoProvider } from './demo';
import { stripeProvider } from './stripe';
import type { PaymentProvider } from './types';
import { walletProvider } from './wallet';
import { wireProvider } from './wire';

export { cardProvider, cardProviderIsDemo, cardProviderNames, isCardProvider, type CardProviderName } from './names';
export type { PaymentProvider, RefundOutcome, RefundRequest, StartOutcome } from './types';

const providers: Record<PaymentProviderName, PaymentProvider> = {
  demo: demoProvider,
  stripe: stripeProvider,
  wallet: walletProvider,
  wire_transfer: wireProvider,
  cash_on_delivery: cashProvider,
};

/** The provider module a payment row names. */
export function providerFor(name: PaymentProviderName): PaymentProvider {
  return providers[name];
}

/**
 * Where to send the shopper for a committed card payment row: the provider's page while it is
 * pending (Stripe Checkout, opened now; the Demo form), its outcome page otherwise (a retried
 * attempt whose payment already finished shows it instead of paying again). Never call inside
 * db.write: Stripe is asked over the network.
 */
export async function startCardPayment(db: Database, payment: Payment, customerEmail: string): Promise<string> {
  if (payment.state !== 'pending') return paymentPagePath(payment);
  const started = await providerFor(payment.provider).start(db, payment, { customerEmail });
  return started.kind === 'redirect' ? started.url : paymentPagePath(payment);
}
