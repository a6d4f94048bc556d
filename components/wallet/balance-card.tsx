import { useTranslations } from 'next-intl';
import { Money } from '@/components/ui/money';
import type { Balance } from '@/lib/ledger';

/**
 * The wallet's balance, large: money that moved (posted), the same figure as the newest running
 * balance in Wallet Transactions. Below it what can be spent (balance less holds, plus the
 * overdraft limit when the shop gave one) and what is still on its way in; neither changes the
 * running balance until it is posted.
 */
export function BalanceCard({ balance, overdraftLimit = 0 }: { balance: Balance; overdraftLimit?: number }) {
  const { currency } = balance;
  const t = useTranslations('wallet.balance');
  return (
    <section aria-label={t('label')} className="rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-medium text-stone-500">{t('balance')}</p>
      <p className="mt-1 text-4xl font-semibold tracking-tight text-brand-900" data-testid="wallet-balance">
        <Money amount={balance.posted} currency={currency} />
      </p>
      <dl className="mt-4 flex flex-wrap gap-6 text-sm text-stone-600">
        <div>
          <dt className="inline">{t('available')} </dt>
          <dd className="inline font-medium" data-testid="wallet-available">
            <Money amount={balance.available + overdraftLimit} currency={currency} />
          </dd>
        </div>
        {overdraftLimit > 0 ? (
          <div>
            <dt className="inline">{t('overdraftLimit')} </dt>
            <dd className="inline font-medium" data-testid="wallet-overdraft-limit">
              <Money amount={overdraftLimit} currency={currency} />
            </dd>
          </div>
        ) : null}
        {balance.held > 0 ? (
          <div>
            <dt className="inline">{t('held')} </dt>
            <dd className="inline font-medium" data-testid="wallet-held">
              <Money amount={balance.held} currency={currency} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="inline">{t('pendingTopUps')} </dt>
          <dd className="inline font-medium" data-testid="wallet-pending">
            <Money amount={balance.pendingIncoming} currency={currency} />
          </dd>
        </div>
      </dl>
      {balance.held > 0 ? (
        <p className="mt-3 text-xs text-stone-500">{t('heldNote')}</p>
      ) : null}
      {overdraftLimit > 0 ? <p className="mt-3 text-xs text-stone-500">{t('overdraftNote')}</p> : null}
    </section>
  );
}
