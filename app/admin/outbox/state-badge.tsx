import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { OutboxState } from '@/lib/notifications/outbox-view';

const tones = { sent: 'success', failed: 'danger', retrying: 'warning', waiting: 'info', notSent: 'warning' } as const;

/** Sent, Failed, Retrying, Waiting, or Not sent (no mail server configured). */
export function OutboxStateBadge({ state }: { state: OutboxState }) {
  const t = useTranslations('mail.outbox.state');
  return <Badge tone={tones[state]}>{t(state)}</Badge>;
}
