import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices } from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { syncCheckoutSession } from '@/lib/payments/stripe';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { startInvoiceCardPayment } from './pay-card';
import { listInvoicePayments } from './queries';

const db = getDatabase();
const stripe = useStripeStandIn('whsec_test_coffer');

describe('paying an invoice through Stripe Checkout', () => {
  it('opens a session for the amount due and marks the invoice Paid once Stripe says it is paid', async () => {
    const { standIn } = stripe;
    const shopper = await insertTestUser(db);
    const invoice = await issueInvoice(db, {
      userId: shopper.id,
      currency: 'USD',
      lines: [{ description: 'Service', quantity: 2, unitPriceMinor: 2_250 }],
    });
    const started = await startInvoiceCardPayment(db, shopper, invoice.id, { attemptKey: crypto.randomUUID() });
    const sessionId = (await findPayment(db.read, started.payment.id))?.providerReference ?? '';
    expect(started.payment.provider).toBe('stripe');
    expect(started.url).toBe(`${standIn.url}/pay/${sessionId}`);
    expect(standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 4_500, metadata: { purpose: 'invoice' } });

    standIn.payFor(sessionId);
    await syncCheckoutSession(db, sessionId);
    expect((await db.read.select().from(invoices).where(eq(invoices.id, invoice.id)))[0]).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(await listInvoicePayments(db.read, invoice.id)).toEqual([expect.objectContaining({ provider: 'stripe', amount: 4_500 })]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
