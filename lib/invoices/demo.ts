import { count, eq } from 'drizzle-orm';
import type { Database, Tx } from '@/db/database';
import { demoPrice } from '@/db/seed-data';
import { invoices } from '@/db/schema';
import { demoSeedInvoicePaymentKey } from '@/lib/checkout/keys';
import { completePayment } from '@/lib/payments/complete';
import { createPaymentRecord } from '@/lib/payments/records';
import { getSettings } from '@/lib/settings';
import { createInvoice } from './create';

const dayMs = 86_400_000;

/** The demo invoices' lines, by code: the `invoices.demo` catalogue words them (the seed does, in the shop's language). */
export const demoInvoiceLineCodes = ['baristaWorkshop', 'tastingSet', 'serviceContract', 'descalingKit'] as const;
export type DemoInvoiceLineCode = (typeof demoInvoiceLineCodes)[number];
/** Each demo line's description, as the caller words it. */
export type DemoInvoiceLineWords = Record<DemoInvoiceLineCode, string>;

/**
 * Gives the demo shopper three invoices: one paid by card ($89.90), two not paid ($750.00, more than
 * the demo wallet holds, and $45.00), priced in the shop currency (demoPrice), their lines described
 * with `words`. Does nothing if the shopper has any invoice already.
 */
export async function seedDemoInvoices(db: Database, userId: number, words: DemoInvoiceLineWords): Promise<void> {
  await db.write((tx) => seedDemoInvoicesIn(tx, userId, words));
}

/** seedDemoInvoices as a step of the caller's write transaction. */
export async function seedDemoInvoicesIn(tx: Tx, userId: number, words: DemoInvoiceLineWords): Promise<void> {
  const [existing] = await tx.select({ n: count() }).from(invoices).where(eq(invoices.userId, userId));
  if (Number(existing?.n ?? 0) > 0) return;
  const { currency } = await getSettings(tx);
  const now = Date.now();
  const price = (usdCents: number) => demoPrice(usdCents, currency);

  const paid = await createInvoice(tx, {
    userId,
    currency,
    invoiceDate: new Date(now - 40 * dayMs),
    dueDate: new Date(now - 26 * dayMs),
    lines: [
      { description: words.baristaWorkshop, quantity: 1, unitPriceMinor: price(6500) },
      { description: words.tastingSet, quantity: 2, unitPriceMinor: price(1245) },
    ],
  });
  const { payment } = await createPaymentRecord(tx, {
    userId,
    purpose: 'invoice',
    provider: 'demo',
    amount: paid.amountTotal,
    currency,
    invoiceId: paid.id,
    idempotencyKey: demoSeedInvoicePaymentKey(paid.id),
    returnPath: `/my/invoices/${paid.id}`,
  });
  await completePayment(tx, payment.id);

  await createInvoice(tx, {
    userId,
    currency,
    invoiceDate: new Date(now - 5 * dayMs),
    dueDate: new Date(now + 25 * dayMs),
    lines: [{ description: words.serviceContract, quantity: 1, unitPriceMinor: price(75000) }],
  });
  await createInvoice(tx, {
    userId,
    currency,
    invoiceDate: new Date(now - 2 * dayMs),
    dueDate: new Date(now + 12 * dayMs),
    lines: [{ description: words.descalingKit, quantity: 3, unitPriceMinor: price(1500) }],
  });
}
