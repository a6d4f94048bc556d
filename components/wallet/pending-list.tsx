import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';

export type PendingItem = { reference: string; description: string; amount: number; createdAt: Date; kind: string };

/** Top-ups waiting for staff, and holds waiting for a card payment. */
export function PendingList({ items, currency }: { items: PendingItem[]; currency: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
      <h2 id="pending-heading" className="mb-3 font-medium text-amber-950">
        Pending
      </h2>
      <ul className="divide-y divide-amber-200">
        {items.map((item) => (
          <li key={item.reference} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <span>
              <span className="font-mono">{item.reference}</span> · {item.description}
            </span>
            <span className="flex items-center gap-3">
              <Money amount={item.amount} currency={currency} className="font-medium" />
              <Badge tone="warning">Pending</Badge>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
