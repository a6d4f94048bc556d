import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/components/ui/button';
import { getShopperFormat } from '@/components/wallet/format';
import type { Payment } from '@/db/schema';
import type { InvoicePaymentOutcome as Outcome } from '@/lib/invoices/queries';

/** What the payment outcome page says about a card payment of an invoice, with a way back to it. */
export async function InvoicePaymentOutcome({ payment, outcome }: { payment: Payment; outcome: Outcome }) {
  const [t, tStatus, format] = await Promise.all([getTranslations('invoices'), getTranslations('invoices.status'), getShopperFormat()]);
  const money = (amount: number) => format.money(amount, payment.currency);
  const back = (
    <Link href={`/my/invoices/${outcome.invoiceId}`} className={buttonClasses('primary')}>
      {t('outcome.back', { number: outcome.invoiceNumber })}
    </Link>
  );
  if (payment.state !== 'done') return <div>{back}</div>;
  return (
    <>
      <h1 className="text-2xl font-semibold text-green-800">{t('outcome.heading')}</h1>
      <p role="status">
        {outcome.applied > 0 ? <>{t('outcome.applied', { amount: money(outcome.applied), number: outcome.invoiceNumber })} </> : null}
        {outcome.keptInWallet > 0 ? <>{t('outcome.keptInWallet', { amount: money(outcome.keptInWallet) })} </> : null}
        {t.rich('outcome.now', {
          status: tStatus(outcome.paymentState),
          amount: money(outcome.amountResidual),
          due: (chunks) => <strong data-testid="invoice-amount-due">{chunks}</strong>,
        })}
      </p>
      <div>{back}</div>
    </>
  );
}
