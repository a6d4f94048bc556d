import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { getDatabase } from '@/db';
import { DemoCardForm } from '@/components/wallet/demo-card-form';
import { formatMoney } from '@/lib/money';
import { paymentPagePath } from '@/lib/payments/paths';
import { findOwnPayment } from '@/lib/payments/records';
import { requireViewer } from '../../../_server/session';
import { cancelDemo, payDemo } from './actions';

export const metadata: Metadata = { title: 'Card payment (Demo)' };

export default async function DemoPaymentPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requireViewer(`/pay/demo/${reference}`);
  const payment = await findOwnPayment(getDatabase().read, viewer.id, reference);
  if (!payment || payment.provider !== 'demo') notFound();
  if (payment.state !== 'pending') redirect(paymentPagePath(payment));
  const amount = formatMoney(payment.amount, payment.currency);
  return (
    <div className="mx-auto max-w-md">
      <div className="rounded-xl border-2 border-dashed border-amber-400 bg-white p-6 shadow-sm">
        <div className="mb-4 flex items-center justify-between">
          <h1 className="text-xl font-semibold">Card payment</h1>
          <Badge tone="warning">Demo</Badge>
        </div>
        <p className="mb-1 text-sm text-stone-600">
          Payment <span className="font-mono">{payment.reference}</span>: <strong>{amount}</strong>
        </p>
        <p className="mb-5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Demo card provider: no real money moves. Use 4242 4242 4242 4242 to pay; 4000 0000 0000 0002 is declined.
        </p>
        <DemoCardForm action={payDemo} reference={payment.reference} payLabel={`Pay ${amount}`} />
        <form action={cancelDemo} className="mt-4">
          <input type="hidden" name="reference" value={payment.reference} />
          <button type="submit" className="text-sm text-stone-600 underline">
            Cancel payment
          </button>
        </form>
      </div>
    </div>
  );
}
