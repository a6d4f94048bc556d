import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { InvoicePaymentState } from '@/db/schema';

const tones = { paid: 'success', partial: 'warning', not_paid: 'danger' } as const;

/** "Paid", "Partially Paid" or "Not Paid" (in the visitor's language), coloured. */
export function InvoiceStatusBadge({ state }: { state: InvoicePaymentState }) {
  const t = useTranslations('statuses');
  return <Badge tone={tones[state]}>{t(`invoice.${state}`)}</Badge>;
}
