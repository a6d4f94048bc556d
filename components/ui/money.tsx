import { formatMoney } from '@/lib/money';

/** An amount in minor units, formatted for people. */
export function Money({ amount, currency, className }: { amount: number; currency: string; className?: string }) {
  return <span className={`tabular-nums ${className ?? ''}`}>{formatMoney(amount, currency)}</span>;
}
