import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { apiPayments, payments, users } from '@/db/schema';
import { apmTypeOfProvider, type ApmType } from './kinds';

/** An APM payment waiting for its money, as staff see it on Orders. */
export type WaitingApmPayment = {
  id: number;
  reference: string;
  apmType: ApmType;
  amount: number;
  currency: string;
  /** The member paying; null when the merchant named none. */
  member: { id: number; name: string; email: string } | null;
  conversationId: string | null;
  externalId: string | null;
  createdAt: Date;
};

const waiting = and(eq(payments.state, 'pending'), inArray(payments.provider, ['wire_transfer', 'cash_on_delivery']));

/** APM payments taken through the API and waiting for their money, oldest first (at most `limit`), and how many wait. */
export async function listWaitingApmPayments(q: Query, options: { limit?: number } = {}): Promise<{ rows: WaitingApmPayment[]; total: number }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const [rows, [counted]] = await Promise.all([
    q
      .select({ payment: payments, details: apiPayments, user: { id: users.id, name: users.name, email: users.email, role: users.role } })
      .from(apiPayments)
      .innerJoin(payments, eq(payments.id, apiPayments.paymentId))
      .innerJoin(users, eq(users.id, payments.userId))
      .where(waiting)
      .orderBy(asc(payments.createdAt), asc(payments.id))
      .limit(limit),
    q.select({ n: count() }).from(apiPayments).innerJoin(payments, eq(payments.id, apiPayments.paymentId)).where(waiting),
  ]);
  return {
    total: counted?.n ?? 0,
    rows: rows.flatMap(({ payment, details, user }) => {
      const apmType = apmTypeOfProvider(payment.provider);
      if (!apmType) return [];
      return [
        {
          id: payment.id,
          reference: payment.reference,
          apmType,
          amount: payment.amount,
          currency: payment.currency,
          member: user.role === 'customer' ? { id: user.id, name: user.name, email: user.email } : null,
          conversationId: details.conversationId,
          externalId: details.externalId,
          createdAt: payment.createdAt,
        },
      ];
    }),
  };
}
