import { Badge } from '@/components/ui/badge';
import type { InvoicePaymentState } from '@/db/schema';
import { invoiceStatusLabels } from '@/lib/invoices/status';

const tones = { paid: 'success', partial: 'warning', not_paid: 'danger' } as const;

/** "Paid", "Partially Paid" or "Not Paid", coloured. */
export function InvoiceStatusBadge({ state }: { state: InvoicePaymentState }) {
  return <Badge tone={tones[state]}>{invoiceStatusLabels[state]}</Badge>;
}
