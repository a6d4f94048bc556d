import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices } from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { syncCheckoutSession } from '@/lib/payments/stripe';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';
import { insertTestUser } from '@/test/helpers/users';
import { createInvoice } from './create';
import { startInvoiceCardPayment } from './pay-card';
import { listInvoicePayments } from './queries';

let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_coffer';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_coffer';
  process.env.STRIPE_API_URL = standIn.url;
});

afterAll(async () => {
  await standIn.close();
});

describe('paying an invoice through Stripe Checkout', () => {
  it('opens a session for the amount due and marks the invoice Paid once Stripe says it is paid', async () => {
    const shopper = insertTestUser();
    const invoice = createInvoice({ userId: shopper.id, currency: 'USD', lines: [{ description: 'Service', quantity: 2, unitPriceMinor: 2_250 }] });
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: crypto.randomUUID() });
    const sessionId = findPayment(started.payment.id)?.providerReference ?? '';
    expect(started.payment.provider).toBe('stripe');
    expect(started.url).toBe(`${standIn.url}/pay/${sessionId}`);
    expect(standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 4_500, metadata: { purpose: 'invoice' } });

    standIn.payFor(sessionId);
    await syncCheckoutSession(sessionId);
    expect(db.select().from(invoices).where(eq(invoices.id, invoice.id)).get()).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(listInvoicePayments(invoice.id)).toEqual([expect.objectContaining({ method: 'Card', amount: 4_500 })]);
    expect(verifyLedger().ok).toBe(true);
  });
});
