import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { getDatabase } from '@/db';
import { DemoCardForm } from '@/components/wallet/demo-card-form';
import { getShopperFormat } from '@/components/wallet/format';
import { paymentPagePath } from '@/lib/payments/paths';
import { findOwnPayment } from '@/lib/payments/records';
import { requireViewer } from '../../../_server/session';
import { cancelDemo, payDemo } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('payments.demo');
  return { title: t('metaTitle') };
}

export default async function DemoPaymentPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requireViewer(`/pay/demo/${reference}`);
  const payment = await findOwnPayment(getDatabase().read, viewer.id, reference);
  if (!payment || payment.provider !== 'demo') notFound();
  if (payment.state !== 'pending') redirect(paymentPagePath(payment));
  const [t, format] = await Promise.all([getTranslations('payments.demo'), getShopperFormat()]);
  const amount = format.money(payment.amount, payment.currency);
  return (
    <div className="mx-auto max-w-md">
      <div className="rounded-xl border-2 border-dashed border-amber-400 bg-white p-6 shadow-sm">
        <div className="mb-4 flex items-center justify-between">
          <h1 className="text-xl font-semibold">{t('heading')}</h1>
          <Badge tone="warning">{t('badge')}</Badge>
        </div>
        <p className="mb-1 text-sm text-stone-600">
          {t.rich('payment', {
            reference: payment.reference,
            amount,
            ref: (chunks) => <span className="font-mono">{chunks}</span>,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <p className="mb-5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('notice')}
        </p>
        <DemoCardForm action={payDemo} reference={payment.reference} payLabel={t('pay', { amount })} />
        <form action={cancelDemo} className="mt-4">
          <input type="hidden" name="reference" value={payment.reference} />
          <button type="submit" className="text-sm text-stone-600 underline">
            {t('cancel')}
          </button>
        </form>
      </div>
    </div>
  );
}
