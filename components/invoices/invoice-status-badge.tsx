import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { InvoiceStatus } from '@/lib/invoices/status';

const tones = { paid: 'success', partial: 'warning', not_paid: 'danger', refunded: 'info', credit_note: 'neutral' } as const;

/** "Paid", "Partially Paid", "Not Paid", "Refunded" or "Credit Note" (in the visitor's language), coloured: the one invoice badge. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const t = useTranslations('invoices.status');
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
