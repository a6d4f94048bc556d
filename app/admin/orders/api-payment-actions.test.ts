// Orders → Payments through the API: the staff buttons (Mark paid, Cancel) as server actions, and
// the section as staff see it. Staff only, one attempt key per row, exactly once.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from '@/app/_i18n/messages';
import { getDatabase } from '@/db';
import { auditLog, ledgerTransfers } from '@/db/schema';
import { createApiKey } from '@/lib/api/secrets';
import { createApmPaymentIn, type ApmType } from '@/lib/apm-payments';
import { findPayment } from '@/lib/payments/records';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { decideApiPaymentAction } = await import('./api-payment-actions');
const { ApiPaymentsSection } = await import('./api-payments');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const staff = await insertTestUser(db, 'staff');
const customer = await insertTestUser(db);
const apiKeyId = (await createApiKey(db, { name: 'Orders test', staffId: staff.id })).id;

async function apmPayment(apmType: ApmType, amount: number, userId = customer.id, conversationId: string | null = 'conv-1') {
  return db.write((tx) =>
    createApmPaymentIn(tx, {
      apiKeyId,
      apmType,
      userId,
      amount,
      currency: 'USD',
      items: [{ name: 'Item', externalId: null, price: amount }],
      conversationId,
      externalId: 'ext-9',
      paymentGroup: 'PRODUCT',
      attemptKey: crypto.randomUUID(),
    }),
  );
}

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const auditsOf = async (reference: string) => (await db.read.select().from(auditLog)).filter((row) => row.details?.includes(reference));

beforeEach(() => {
  fakeRequest.viewer = null;
});

describe('decideApiPaymentAction', () => {
  it('answers a shopper with 403 and a visitor with an error, and changes nothing', async () => {
    const payment = await apmPayment('FUND_TRANSFER', 2_000);
    fakeRequest.viewer = { ...customer, role: 'customer' };
    await expect(decideApiPaymentAction(idle, form({ intent: 'complete', paymentId: payment.id, attemptKey: crypto.randomUUID() }))).rejects.toThrow('403');
    fakeRequest.viewer = null;
    expect(await decideApiPaymentAction(idle, form({ intent: 'complete', paymentId: payment.id, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error' });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'pending' });
  });

  it('lets staff mark one paid once: the second click (another tab) is told it was paid already; one transfer, one audit row', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const payment = await apmPayment('CASH_ON_DELIVERY', 12_550);
    const attemptKey = crypto.randomUUID();
    expect(await decideApiPaymentAction(idle, form({ intent: 'complete', paymentId: payment.id, attemptKey }))).toEqual({
      status: 'success',
      message: `Payment ${payment.reference} is marked paid: $125.50 received.`,
    });
    expect(await decideApiPaymentAction(idle, form({ intent: 'complete', paymentId: payment.id, attemptKey }))).toMatchObject({
      status: 'error',
      message: `Payment ${payment.reference} was already marked paid; nothing changed.`,
    });
    expect(await decideApiPaymentAction(idle, form({ intent: 'cancel', paymentId: payment.id, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', message: expect.stringContaining('already marked paid') });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'done' });
    expect(await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, payment.id))).toHaveLength(1);
    expect((await auditsOf(payment.reference)).map((row) => [row.action, row.actorId, row.attemptKey])).toEqual([['api_payment.completed', staff.id, attemptKey]]);
  });

  it('lets staff cancel one; nothing moves; an unknown payment or a missing attempt key is refused', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const payment = await apmPayment('FUND_TRANSFER', 3_000);
    expect(await decideApiPaymentAction(idle, form({ intent: 'cancel', paymentId: payment.id, attemptKey: crypto.randomUUID() }))).toEqual({ status: 'success', message: `Payment ${payment.reference} is cancelled.` });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'canceled', transferId: null });
    expect(await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, payment.id))).toEqual([]);
    expect(await decideApiPaymentAction(idle, form({ intent: 'complete', paymentId: 999_999, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error', message: 'That payment was not found; reload the page.' });
    const other = await apmPayment('FUND_TRANSFER', 1_000);
    expect(await decideApiPaymentAction(idle, form({ intent: 'complete', paymentId: other.id }))).toMatchObject({ status: 'error', fieldErrors: { attemptKey: expect.any(Array) } });
    expect(await decideApiPaymentAction(idle, form({ intent: 'refund', paymentId: other.id, attemptKey: crypto.randomUUID() }))).toMatchObject({ status: 'error' });
    expect(await findPayment(db.read, other.id)).toMatchObject({ state: 'pending' });
  });
});

describe('the Payments through the API section', () => {
  it('lists the waiting ones with member or —, way of paying, amount, ids, and both buttons naming the amount and the member', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const wire = await apmPayment('FUND_TRANSFER', 4_210, customer.id, 'conv-wire');
    const cash = await apmPayment('CASH_ON_DELIVERY', 990, staff.id, null);
    const html = renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: await loadMessages('en'), timeZone: 'UTC', children: await ApiPaymentsSection() }));
    expect(html).toContain('Payments through the API');
    const rowOf = (reference: string) => {
      const start = html.indexOf(`data-testid="api-payment-${reference}"`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    const wireRow = rowOf(wire.reference);
    expect(wireRow).toContain(customer.name);
    expect(wireRow).toContain('Wire Transfer');
    expect(wireRow).toContain('$42.10');
    expect(wireRow).toContain('conv-wire');
    expect(wireRow).toContain('ext-9');
    expect(wireRow).toContain(`$42.10 from ${customer.name} by Wire Transfer (payment ${wire.reference})`);
    expect(wireRow).toContain(`Mark paid<span class="sr-only"> (${wire.reference})</span>`);
    expect(wireRow).toContain(`Cancel<span class="sr-only"> (${wire.reference})</span>`);
    const cashRow = rowOf(cash.reference);
    expect(cashRow).toContain('Cash on Delivery');
    expect(cashRow).toContain('—');
    expect(cashRow).toContain('$9.90 from no member named by Cash on Delivery');
    expect(cashRow).not.toContain('/admin/customers/');
  });
});
