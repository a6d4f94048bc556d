import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/ui/page-heading';
import { AddMoneyForm } from '@/components/wallet/add-money-form';
import { getDatabase } from '@/db';
import { cardProviderIsDemo } from '@/lib/payments/providers';
import { getSettings, isPaymentMethodEnabled } from '@/lib/settings';
import { safeReturnPath } from '@/lib/validations/return-path';
import { requireViewer } from '../../../_server/session';
import { addMoney } from './actions';

export const metadata: Metadata = { title: 'Add Money' };

export default async function AddMoneyPage({
  searchParams,
}: {
  searchParams: Promise<{ amount?: string; return?: string }>;
}) {
  await requireViewer('/my/wallet/add');
  const { amount, return: returnTo } = await searchParams;
  const q = getDatabase().read;
  const settings = await getSettings(q);
  const returnPath = safeReturnPath(returnTo);
  return (
    <div>
      <PageHeading title="Add Money">
        <Link href="/my/wallet" className="text-sm text-brand-700 underline">
          Back to My Wallet
        </Link>
      </PageHeading>
      <AddMoneyForm
        action={addMoney}
        defaultAmount={typeof amount === 'string' ? amount.slice(0, 40) : ''}
        returnPath={returnPath}
        attemptKey={crypto.randomUUID()}
        currency={settings.currency}
        cardLabel={cardProviderIsDemo() ? 'Card (Demo — no real money is charged)' : 'Card'}
        cardEnabled={await isPaymentMethodEnabled(q, 'card')}
        wireEnabled={await isPaymentMethodEnabled(q, 'wire_transfer')}
      />
    </div>
  );
}
