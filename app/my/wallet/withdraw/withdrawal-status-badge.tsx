import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { WithdrawalState } from '@/db/schema/enums';

const tones = { pending: 'warning', paid: 'success', rejected: 'danger', cancelled: 'neutral' } as const satisfies Record<WithdrawalState, string>;

/** A withdrawal's state in words (payouts.status), for the member's list and staff's Payouts alike. */
export function WithdrawalStatusBadge({ state }: { state: WithdrawalState }) {
  const t = useTranslations('payouts.status');
  return <Badge tone={tones[state]}>{t(state)}</Badge>;
}
