import crypto from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { getDatabase } from '@/db';
import { listWaitingApmPayments } from '@/lib/apm-payments';
import { decideApiPaymentAction } from './api-payment-actions';
import { ApiPaymentsTable } from './api-payments-table';

/**
 * Orders → "Payments through the API": the fund transfer and cash on delivery payments the
 * merchant API took, waiting for their money (oldest first), beside the shop's own wire and cash
 * orders, each with Mark paid and Cancel. Staff only: the Orders page requires staff first.
 */
export async function ApiPaymentsSection() {
  const [waiting, t, method, format] = await Promise.all([
    listWaitingApmPayments(getDatabase().read),
    getTranslations('admin.orders.apiPayments'),
    getTranslations('statuses.paymentMethod'),
    getStaffFormat(),
  ]);
  return (
    <section aria-labelledby="api-payments-heading" className="flex flex-col gap-3" data-testid="api-payments">
      <h2 id="api-payments-heading" className="text-lg font-medium">
        {t('title')}
      </h2>
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      <p className="text-sm text-stone-600" data-testid="api-payments-summary">
        {t('summary', { count: waiting.total })} {waiting.total > waiting.rows.length ? t('showing', { shown: waiting.rows.length }) : null}
      </p>
      <ApiPaymentsTable
        action={decideApiPaymentAction}
        rows={waiting.rows.map((payment) => ({
          id: payment.id,
          reference: payment.reference,
          member: payment.member ? { id: payment.member.id, name: payment.member.name, email: payment.member.email } : null,
          method: method(payment.apmType === 'FUND_TRANSFER' ? 'wire_transfer' : 'cash_on_delivery'),
          amount: format.money(payment.amount, payment.currency),
          createdAt: payment.createdAt.toISOString(),
          created: format.dateTime(payment.createdAt),
          conversationId: payment.conversationId,
          externalId: payment.externalId,
          // One per row: each decision is its own attempt.
          attemptKey: crypto.randomUUID(),
        }))}
      />
    </section>
  );
}
