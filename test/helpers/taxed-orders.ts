import crypto from 'node:crypto';
import type { Database } from '@/db/database';
import { orderLines, orders, type Order, type OrderState, type Payment } from '@/db/schema';
import { createPaymentRecord } from '@/lib/payments/records';

export type TestLine = {
  name: string;
  quantity: number;
  /** Gross unit price (tax included), minor units. */
  unitPrice: number;
  rateBp: number;
  kind?: 'product' | 'shipping';
};

/** Tax included in a gross amount, rounded half up: test data only (checkout has the shop's rule). */
export function includedTax(gross: number, rateBp: number): number {
  return Math.floor((gross * rateBp * 2 + (10_000 + rateBp)) / (2 * (10_000 + rateBp)));
}

/**
 * For tests only: an order as checkout leaves it once orders carry tax: product lines and a
 * shipping line with their rate, net and tax (net + tax = gross), the order's totals their sums;
 * paid (with a done wallet payment record) unless `state` says otherwise.
 */
export async function insertTaxedOrder(
  db: Database,
  userId: number,
  lines: TestLine[],
  options: { state?: OrderState; createdAt?: Date; paidAt?: Date | null; currency?: string; refunded?: number } = {},
): Promise<{ order: Order; payment: Payment | null }> {
  const currency = options.currency ?? 'USD';
  const state = options.state ?? 'paid';
  const createdAt = options.createdAt ?? new Date();
  const paidAt = options.paidAt === undefined ? (state === 'confirmed' ? null : createdAt) : options.paidAt;
  const rows = lines.map((line) => {
    const amount = line.quantity * line.unitPrice;
    const tax = includedTax(amount, line.rateBp);
    return { ...line, kind: line.kind ?? 'product', amount, tax, net: amount - tax };
  });
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return db.write(async (tx) => {
    const tag = crypto.randomUUID();
    const [order] = await tx
      .insert(orders)
      .values({
        number: `X${tag.slice(0, 8).toUpperCase()}`,
        userId,
        state,
        paymentMethod: 'wallet',
        amountTotal: sum((row) => row.amount),
        amountNet: sum((row) => row.net),
        amountTax: sum((row) => row.tax),
        amountShipping: sum((row) => (row.kind === 'shipping' ? row.amount : 0)),
        amountRefunded: options.refunded ?? 0,
        currency,
        checkoutKey: `test-taxed:${tag}`,
        createdAt,
        paidAt,
      })
      .returning();
    if (!order) throw new Error('The test order was not inserted.');
    await tx.insert(orderLines).values(
      rows.map((row) => ({
        orderId: order.id,
        kind: row.kind,
        name: row.name,
        unitPriceMinor: row.unitPrice,
        quantity: row.quantity,
        amount: row.amount,
        taxRateBp: row.rateBp,
        amountNet: row.net,
        amountTax: row.tax,
      })),
    );
    if (paidAt === null) return { order, payment: null };
    const { payment } = await createPaymentRecord(tx, {
      userId,
      purpose: 'order',
      provider: 'wallet',
      amount: order.amountTotal,
      currency,
      state: 'done',
      orderId: order.id,
      idempotencyKey: `test-taxed:${order.id}`,
    });
    return { order, payment };
  });
}
